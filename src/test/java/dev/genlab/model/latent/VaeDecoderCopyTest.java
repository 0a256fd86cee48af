package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** The plain-Java copy of the decoder gives Vae.decode's images, for every MLP-decoder kind. */
class VaeDecoderCopyTest {

    @Test
    void decodesAsTheNetworkDoes() {
        for (Vae.Likelihood lik : Vae.Likelihood.values()) {
            for (boolean ae : new boolean[] {false, true}) {
                Vae v = new Vae(new Vae.Config(30, 12, 3, lik, Vae.Decoder.MLP, ae, 5));
                // train a few steps so that the weights are not the initial ones
                SplittableRandom r = new SplittableRandom(1);
                float[] batch = new float[8 * 30];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = r.nextDouble() < 0.3 ? 1 : 0;
                }
                for (int s = 0; s < 5; s++) {
                    v.step(batch, 8, 1, 1e-2, r);
                }
                VaeDecoderCopy copy = VaeDecoderCopy.of(v);
                for (int t = 0; t < 5; t++) {
                    float[] z = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
                    float[] want = v.decode(z, 1);
                    float[] got = copy.decode(z);
                    for (int k = 0; k < want.length; k++) {
                        assertEquals(want[k], got[k], 1e-5, lik + (ae ? " AE" : " VAE") + " pixel " + k);
                    }
                }
            }
        }
        assertNull(VaeDecoderCopy.of(new Vae(new Vae.Config(30, 12, 3, Vae.Likelihood.BERNOULLI,
                Vae.Decoder.AUTOREGRESSIVE, false, 5))), "no copy of an autoregressive decoder");
    }
}
