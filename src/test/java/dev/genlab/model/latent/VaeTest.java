package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * Read-outs of a {@link Vae} against independent computations: the closed-form KL against a Monte
 * Carlo estimate from the encoder's own q, the IWAE bound against the ELBO and across K, the
 * reparameterisation figure's z = μ + σ ε, the autoencoder's degenerate q, and copies.
 */
class VaeTest {

    static final int HIDDEN = 64;
    static final int LATENT = 4;

    /** A small VAE trained briefly on the digits, so that μ and σ vary from image to image. */
    static Vae trained(Decoder decoder, boolean autoencoder, int steps) {
        Vae vae = new Vae(new Config(VaeDigits.D, HIDDEN, LATENT, Likelihood.BERNOULLI, decoder, autoencoder, 21));
        VaeDigits.train(vae, steps, 64, 1, 2e-3, 21);
        return vae;
    }

    /**
     * KL(q ‖ N(0, I)) in closed form (evaluate, one image at a time) against
     * E_q[log q(z) − log p(z)] from 40,000 draws of that image's q: within 4 standard errors;
     * the per-dimension KLs sum to the KL.
     */
    @Test
    void klReadOutMatchesMonteCarlo() {
        Vae vae = trained(Decoder.MLP, false, 100);
        VaeDigits data = VaeDigits.get();
        SplittableRandom rng = new SplittableRandom(8);
        for (int img = 0; img < 4; img++) {
            float[] x = new float[VaeDigits.D];
            System.arraycopy(data.test, img * 97 * VaeDigits.D, x, 0, VaeDigits.D);
            StepStats s = vae.evaluate(x, 1, 3);
            double sum = 0;
            for (double k : s.klPerDim()) {
                sum += k;
            }
            assertEquals(s.kl(), sum, 1e-9 * Math.max(1, s.kl()), "klPerDim sums to kl");
            float[] mu = vae.encodeMean(x, 1);
            float[] lv = vae.encodeLogVariance(x, 1);
            int n = 40_000;
            double mean = 0;
            double sq = 0;
            for (int i = 0; i < n; i++) {
                double logRatio = 0; // log q(z) − log p(z), the 2π terms cancel
                for (int j = 0; j < LATENT; j++) {
                    double sigma = Math.exp(0.5 * lv[j]);
                    double e = rng.nextGaussian();
                    double z = mu[j] + sigma * e;
                    logRatio += -0.5 * e * e - 0.5 * lv[j] + 0.5 * z * z;
                }
                mean += logRatio;
                sq += logRatio * logRatio;
            }
            mean /= n;
            double se = Math.sqrt((sq / n - mean * mean) / n);
            assertTrue(Math.abs(mean - s.kl()) < 4 * se,
                    "image " + img + ": closed form " + s.kl() + ", Monte Carlo " + mean + " ± " + se);
            assertTrue(s.kl() > 0.5, "q should differ from the prior after training: KL " + s.kl());
        }
    }

    /**
     * On 200 held-out digits, fixed seeds: the IWAE bound with K = 50 lies above the ELBO, and the
     * bound does not decrease from K = 1 to 5 to 50 (each the mean over images of one fixed-seed
     * estimate; the expected bound is non-decreasing in K, Burda et al. 2016, Theorem 1).
     */
    @Test
    void importanceBoundIsAboveElboAndGrowsWithK() {
        for (Decoder decoder : Decoder.values()) {
            Vae vae = trained(decoder, false, 300);
            VaeDigits data = VaeDigits.get();
            double elbo = vae.evaluate(data.test, 200, 5).elbo();
            double k1 = vae.importanceLogLikelihood(data.test, 200, 1, 5);
            double k5 = vae.importanceLogLikelihood(data.test, 200, 5, 5);
            double k50 = vae.importanceLogLikelihood(data.test, 200, 50, 5);
            String all = decoder + ": elbo " + elbo + ", K=1 " + k1 + ", K=5 " + k5 + ", K=50 " + k50;
            assertEquals(elbo, k1, 0.5, "K = 1 estimates the ELBO itself: " + all);
            assertTrue(k50 > elbo, all);
            assertTrue(k1 <= k5 && k5 <= k50, all);
            assertTrue(k50 - elbo < 20, "the gap is a few nats, not a bug's worth: " + all);
        }
    }

    /** The reparameterisation figure's numbers: μ and σ are the encoder's, z = μ + σ ε. */
    @Test
    void reparamIsMuPlusSigmaEps() {
        Vae vae = trained(Decoder.MLP, false, 20);
        float[] x = new float[VaeDigits.D];
        System.arraycopy(VaeDigits.get().test, 0, x, 0, VaeDigits.D);
        Vae.Reparam r = vae.reparam(x, 4);
        float[] mu = vae.encodeMean(x, 1);
        float[] lv = vae.encodeLogVariance(x, 1);
        assertArrayEquals(mu, r.mu());
        for (int j = 0; j < LATENT; j++) {
            assertEquals(Math.exp(0.5 * lv[j]), r.sigma()[j], 1e-6 * r.sigma()[j]);
            assertEquals(r.mu()[j] + r.sigma()[j] * r.eps()[j], r.z()[j], 1e-5);
        }
        assertArrayEquals(r.eps(), vae.reparam(x, 4).eps(), "same seed, same ε");
        assertTrue(r.eps()[0] != vae.reparam(x, 5).eps()[0], "another seed, another ε");
    }

    /** The autoencoder: z = μ, σ = 0, KL 0, no likelihood; the same number of parameters as the VAE. */
    @Test
    void autoencoderIsDeterministic() {
        Vae ae = trained(Decoder.MLP, true, 20);
        Vae vae = new Vae(new Config(VaeDigits.D, HIDDEN, LATENT, Likelihood.BERNOULLI, Decoder.MLP, false, 21));
        assertEquals(vae.numParams(), ae.numParams());
        VaeDigits data = VaeDigits.get();
        StepStats s = ae.evaluate(data.test, 50, 1);
        assertEquals(0, s.kl());
        assertEquals(s.reconstruction(), s.elbo());
        assertArrayEquals(new double[LATENT], s.klPerDim());
        assertEquals(s.reconstruction(), ae.evaluate(data.test, 50, 99).reconstruction(), 1e-9, "no noise");
        assertEquals(Float.NEGATIVE_INFINITY, ae.encodeLogVariance(data.test, 1)[0]);
        Vae.Reparam r = ae.reparam(java.util.Arrays.copyOf(data.test, VaeDigits.D), 3);
        assertArrayEquals(r.mu(), r.z());
        assertThrows(UnsupportedOperationException.class, () -> ae.importanceLogLikelihood(data.test, 10, 5, 1));
    }

    /** Decoding: probabilities in [0, 1]; the autoregressive decoder's samples are binary; copies agree. */
    @Test
    void decodeSampleAndCopy() {
        for (Decoder decoder : Decoder.values()) {
            Vae vae = trained(decoder, false, 20);
            float[] p = vae.decode(new float[3 * LATENT], 3);
            assertEquals(3 * VaeDigits.D, p.length);
            for (float v : p) {
                assertTrue(v >= 0 && v <= 1, decoder + ": " + v);
            }
            float[] s = vae.sample(2, 7);
            assertEquals(2 * VaeDigits.D, s.length);
            if (decoder != Decoder.MLP) {
                for (float v : s) {
                    assertTrue(v == 0 || v == 1, "a sequential sample is binary: " + v);
                }
            }
            assertArrayEquals(s, vae.sample(2, 7), "same seed, same sample");
            Vae copy = vae.copy();
            assertArrayEquals(vae.parameters(), copy.parameters());
            float[] x = java.util.Arrays.copyOf(VaeDigits.get().test, 5 * VaeDigits.D);
            assertArrayEquals(vae.reconstruct(x, 5), copy.reconstruct(x, 5));
            assertTrue(vae.isFinite());
        }
    }
}
