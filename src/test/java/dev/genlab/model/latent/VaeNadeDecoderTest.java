package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * The NADE decoder against lesson 5's {@link Nade} in its batched ND4J engine (an independent
 * implementation of the same conditionals): with both MLPs at zero, q(z|x) = p(z) = N(0, I) and the
 * decoder's z-term vanishes, so p(x|z) = p_NADE(x) for every z, the KL is 0 and every bound equals
 * log p_NADE(x) exactly.
 */
class VaeNadeDecoderTest {

    static final int SIDE = 4;
    static final int D = SIDE * SIDE;

    /** A VAE with the NADE decoder whose MLPs are zero and whose NADE is {@code nade}'s. */
    static Vae zeroMlps(Nade nade) {
        Vae vae = new Vae(new Config(D, 6, 3, Likelihood.BERNOULLI, Decoder.NADE, false, 1), DataType.DOUBLE);
        INDArray[] groups = vae.parameterGroups();
        for (int g = 0; g < 8; g++) {
            groups[g].assign(0); // encoder and decoder W1, b1, W2, b2
        }
        vae.setNadeParameters(nade.saveParams());
        return vae;
    }

    static Nade randomNade() {
        Nade nade = new Nade(SIDE, SIDE, Vae.NADE_HIDDEN, DataType.DOUBLE, 5);
        double[] p = nade.saveParams();
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.5 * r.nextGaussian(); // c and b too, which start at 0
        }
        nade.loadParams(p);
        nade.setEngine(Nade.Engine.ND4J);
        return nade;
    }

    @Test
    void withZeroMlpsEveryBoundIsTheNadesLogLikelihood() {
        Nade nade = randomNade();
        Vae vae = zeroMlps(nade);
        SplittableRandom r = new SplittableRandom(3);
        int n = 40;
        byte[] bits = new byte[n * D];
        float[] images = new float[n * D];
        for (int k = 0; k < bits.length; k++) {
            bits[k] = (byte) (r.nextBoolean() ? 1 : 0);
            images[k] = bits[k];
        }
        double[] logP = nade.logProb(new BinaryImages(n, SIDE, SIDE, bits));
        double mean = 0;
        for (double v : logP) {
            mean += v / n;
        }
        StepStats s = vae.evaluate(images, n, 1);
        assertEquals(mean, s.reconstruction(), 1e-9);
        assertEquals(0, s.kl(), 1e-12);
        assertEquals(mean, s.elbo(), 1e-9);
        // the importance sampler's cached NADE pass, K = 1 and 7
        assertEquals(mean, vae.importanceLogLikelihood(images, n, 1, 2), 1e-9);
        assertEquals(mean, vae.importanceLogLikelihood(images, n, 7, 2), 1e-9);
        // the training pass (per image, with the MLP logits as biases): the loss is −mean log p
        INDArray x = org.nd4j.linalg.factory.Nd4j.create(toDouble(images), new long[] {n, D}, 'c').dup('f');
        INDArray eps = org.nd4j.linalg.factory.Nd4j.rand(DataType.DOUBLE, n, 3).dup('f');
        assertEquals(-mean, vae.lossAndGradients(x, eps, 1, true), 1e-9);
    }

    @Test
    void decodeFollowsTheGreedyPathAndSamplesAreBinary() {
        Nade nade = randomNade();
        Vae vae = zeroMlps(nade);
        float[] z = {0.3f, -1f, 2f};
        float[] probs = vae.decode(z, 1);
        byte[] greedy = new byte[D];
        for (int j = 0; j < D; j++) {
            greedy[j] = (byte) (probs[j] >= 0.5 ? 1 : 0);
        }
        float[] truth = nade.conditionals(greedy, 1);
        for (int j = 0; j < D; j++) {
            assertEquals(truth[j], probs[j], 1e-6, "pixel " + j);
        }
        float[] s = vae.sample(50, 4);
        for (float v : s) {
            assertTrue(v == 0 || v == 1, "a sequential sample is binary: " + v);
        }
        assertArrayEquals(s, vae.sample(50, 4), "same seed, same samples");
    }

    @Test
    void nadeParametersOnlyForTheNadeDecoderAndOfTheRightSize() {
        Vae mlp = new Vae(new Config(D, 6, 3, Likelihood.BERNOULLI, Decoder.MLP, false, 1));
        assertThrows(IllegalStateException.class, () -> mlp.setNadeParameters(new double[10]));
        Vae vae = new Vae(new Config(D, 6, 3, Likelihood.BERNOULLI, Decoder.NADE, false, 1));
        assertThrows(IllegalArgumentException.class, () -> vae.setNadeParameters(new double[10]));
        assertThrows(IllegalArgumentException.class,
                () -> new Config(D, 6, 3, Likelihood.GAUSSIAN, Decoder.NADE, false, 1));
        assertEquals(2L * D * Vae.NADE_HIDDEN + Vae.NADE_HIDDEN + D,
                vae.numParams() - new Vae(new Config(D, 6, 3, Likelihood.BERNOULLI, Decoder.MLP, false, 1)).numParams());
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
