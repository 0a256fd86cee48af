package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.genlab.model.io.Checkpoint;
import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * A {@link Vae} through a checkpoint: a round trip gives the same model for every kind (both
 * likelihoods, both decoders, the autoencoder); a truncated file, another model's checkpoint and a
 * header that does not match the parameters are refused with a message.
 */
class VaeCheckpointTest {

    static byte[] bytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return out.toByteArray();
    }

    static Vae small(Likelihood likelihood, Decoder decoder, boolean autoencoder) {
        Vae vae = new Vae(new Config(12, 5, 3, likelihood, decoder, autoencoder, 9));
        float[] p = vae.parameters();
        java.util.SplittableRandom r = new java.util.SplittableRandom(2);
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.2 * r.nextGaussian());
        }
        vae.setParameters(p);
        return vae;
    }

    @Test
    void roundTripGivesTheSameModel() throws IOException {
        float[] x = new float[4 * 12];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i * 7 % 5) < 2 ? 1 : 0;
        }
        for (Object[] kind : new Object[][] {
                {Likelihood.BERNOULLI, Decoder.MLP, false}, {Likelihood.GAUSSIAN, Decoder.MLP, false},
                {Likelihood.BERNOULLI, Decoder.AUTOREGRESSIVE, false}, {Likelihood.BERNOULLI, Decoder.NADE, false},
                {Likelihood.BERNOULLI, Decoder.MLP, true}}) {
            Vae vae = small((Likelihood) kind[0], (Decoder) kind[1], (Boolean) kind[2]);
            Checkpoint c = vae.toCheckpoint("vae-test", Map.of("steps", "12"));
            Checkpoint back = Checkpoint.read(new ByteArrayInputStream(bytes(c)));
            assertEquals("vae-test", back.modelId());
            assertEquals("12", back.value("steps"));
            Vae loaded = Vae.fromCheckpoint(back);
            assertEquals(vae.config(), loaded.config());
            assertArrayEquals(vae.parameters(), loaded.parameters());
            assertEquals(vae.evaluate(x, 4, 1).elbo(), loaded.evaluate(x, 4, 1).elbo(), 0.0);
            assertArrayEquals(vae.sample(2, 3), loaded.sample(2, 3));
        }
    }

    @Test
    void truncatedFileIsRefused() throws IOException {
        byte[] all = bytes(small(Likelihood.BERNOULLI, Decoder.MLP, false).toCheckpoint("vae"));
        byte[] half = Arrays.copyOf(all, all.length / 2);
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(Checkpoint.read(new ByteArrayInputStream(half))));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void foreignOrMismatchedCheckpointIsRefused() {
        Checkpoint nade = new Checkpoint("nade", Map.of("rows", "28", "cols", "28", "hidden", "100"), new float[10]);
        Checkpoint.CheckpointException foreign = assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(nade));
        assertTrue(foreign.getMessage().contains("not a VAE checkpoint"), foreign.getMessage());

        Checkpoint good = small(Likelihood.BERNOULLI, Decoder.MLP, false).toCheckpoint("vae");
        Map<String, String> wrongLatent = new LinkedHashMap<>(good.header());
        wrongLatent.put("latent", "4");
        Checkpoint.CheckpointException count = assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(new Checkpoint("vae", wrongLatent, good.params())));
        assertTrue(count.getMessage().contains("parameters"), count.getMessage());

        Map<String, String> noHidden = new LinkedHashMap<>(good.header());
        noHidden.remove("hidden");
        Checkpoint.CheckpointException missing = assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(new Checkpoint("vae", noHidden, good.params())));
        assertTrue(missing.getMessage().contains("'hidden'"), missing.getMessage());

        Map<String, String> badEnum = new LinkedHashMap<>(good.header());
        badEnum.put("likelihood", "POISSON");
        assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(new Checkpoint("vae", badEnum, good.params())));

        Map<String, String> newer = new LinkedHashMap<>(good.header());
        newer.put("format", "2");
        Checkpoint.CheckpointException format = assertThrows(Checkpoint.CheckpointException.class,
                () -> Vae.fromCheckpoint(new Checkpoint("vae", newer, good.params())));
        assertTrue(format.getMessage().contains("layout"), format.getMessage());

        float[] nan = good.params();
        nan[3] = Float.NaN;
        assertThrows(Checkpoint.CheckpointException.class, () -> Vae.fromCheckpoint(new Checkpoint("vae", good.header(), nan)));
    }

    /** The shipped digits models load, are the documented architecture, and score what their header says. */
    @Test
    void shippedDigitsCheckpointsLoad() throws IOException {
        VaeDigits data = VaeDigits.get();
        for (boolean autoencoder : new boolean[] {false, true}) {
            Checkpoint c = Checkpoint.readResource(autoencoder ? Vae.AE_DIGITS_CHECKPOINT : Vae.DIGITS_CHECKPOINT);
            Vae vae = Vae.loadDigits(autoencoder);
            assertEquals(new Config(784, 256, 2, Likelihood.BERNOULLI, Decoder.MLP, autoencoder, 42), vae.config());
            double elbo = vae.evaluate(data.test, data.testCount(), 1).elbo();
            assertEquals(Double.parseDouble(c.value("test.elbo")), elbo, 0.01, "held-out ELBO of the shipped model");
        }
    }
}
