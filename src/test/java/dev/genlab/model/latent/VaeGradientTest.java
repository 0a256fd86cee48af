package dev.genlab.model.latent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import dev.genlab.model.latent.Vae.Config;
import dev.genlab.model.latent.Vae.Decoder;
import dev.genlab.model.latent.Vae.Likelihood;

/**
 * The hand-written backprop of {@link Vae} (through the decoder, the reparameterisation z = μ + σ ε
 * and the closed-form KL) against central finite differences in DOUBLE, on a tiny instance
 * (D = 6, H = 5, L = 2, batch 3) with ε fixed, for both likelihoods, both decoders and the
 * autoencoder: ‖analytic − numeric‖ / (‖analytic‖ + ‖numeric‖) &lt; 1e-5 in every parameter group.
 */
class VaeGradientTest {

    static final int D = 6;
    static final int H = 5;
    static final int L = 2;
    static final int N = 3;
    static final double STEP = 1e-6;
    static final double TOLERANCE = 1e-5;

    @ParameterizedTest(name = "{0} {1} autoencoder={2} beta={3}")
    @CsvSource({
        "BERNOULLI, MLP, false, 1.0",
        "BERNOULLI, MLP, false, 3.5",
        "GAUSSIAN, MLP, false, 1.0",
        "BERNOULLI, AUTOREGRESSIVE, false, 1.0",
        "BERNOULLI, MLP, true, 1.0",
        "GAUSSIAN, MLP, true, 1.0",
        "BERNOULLI, AUTOREGRESSIVE, true, 1.0",
        "BERNOULLI, NADE, false, 1.0",
        "BERNOULLI, NADE, true, 1.0",
    })
    void gradientsMatchFiniteDifferences(Likelihood likelihood, Decoder decoder, boolean autoencoder, double beta) {
        Vae vae = new Vae(new Config(D, H, L, likelihood, decoder, autoencoder, 7), DataType.DOUBLE);
        SplittableRandom r = new SplittableRandom(11);
        // move every parameter (biases, the Gaussian log-variances, A) away from its initial value
        float[] p = vae.parameters();
        for (int i = 0; i < p.length; i++) {
            p[i] += (float) (0.3 * r.nextGaussian());
        }
        vae.setParameters(p);
        double[][] x = new double[N][D];
        for (double[] row : x) {
            for (int j = 0; j < D; j++) {
                row[j] = likelihood == Likelihood.BERNOULLI ? (r.nextBoolean() ? 1 : 0) : r.nextDouble();
            }
        }
        double[][] e = new double[N][L];
        for (double[] row : e) {
            for (int j = 0; j < L; j++) {
                row[j] = r.nextGaussian();
            }
        }
        INDArray xs = Nd4j.createFromArray(x).dup('f');
        INDArray eps = autoencoder ? null : Nd4j.createFromArray(e).dup('f');
        vae.lossAndGradients(xs, eps, beta, true);
        INDArray[] params = vae.parameterGroups();
        INDArray[] grads = vae.gradientGroups();
        String[] names = {"encoder W1", "encoder b1", "encoder W2", "encoder b2",
            "decoder W1", "decoder b1", "decoder W2", "decoder b2",
            decoder == Decoder.AUTOREGRESSIVE ? "A" : decoder == Decoder.NADE ? "NADE" : "log-variance"};
        assertTrue(params.length == (likelihood == Likelihood.BERNOULLI && decoder == Decoder.MLP ? 8 : 9));
        for (int g = 0; g < params.length; g++) {
            // the same linear index into parameter and gradient (both column-major, same shape)
            double[] analytic = new double[(int) grads[g].length()];
            for (int i = 0; i < analytic.length; i++) {
                analytic[i] = grads[g].getDouble(i);
            }
            double[] numeric = new double[analytic.length];
            for (int i = 0; i < numeric.length; i++) {
                if (names[g].equals("A") && !(i % D < i / D)) {
                    analytic[i] = 0; // A[i][j] with i >= j is not a parameter (held at 0; its gradient is masked)
                    continue;
                }
                double old = params[g].getDouble(i);
                params[g].putScalar(i, old + STEP);
                double plus = vae.lossAndGradients(xs, eps, beta, false);
                params[g].putScalar(i, old - STEP);
                double minus = vae.lossAndGradients(xs, eps, beta, false);
                params[g].putScalar(i, old);
                numeric[i] = (plus - minus) / (2 * STEP);
            }
            double diff = 0;
            double na = 0;
            double nn = 0;
            for (int i = 0; i < numeric.length; i++) {
                diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
                na += analytic[i] * analytic[i];
                nn += numeric[i] * numeric[i];
            }
            assertTrue(na > 0, names[g] + ": analytic gradient is all zero");
            double rel = Math.sqrt(diff) / (Math.sqrt(na) + Math.sqrt(nn));
            assertTrue(rel < TOLERANCE, names[g] + ": relative error " + rel);
        }
    }
}
