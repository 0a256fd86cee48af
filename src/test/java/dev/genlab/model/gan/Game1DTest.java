package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;

import org.junit.jupiter.api.Test;

import dev.genlab.math.Gaussian;

/** Truth tests of {@link Game1D}: D*, V(D*, G) = −log 4 + 2 JSD, JSD and KL against independent rules. */
class Game1DTest {

    static final double LOG2 = Math.log(2);
    static final double LOG4 = Math.log(4);

    static final Mixture1D TWO = new Mixture1D(new double[] {0.3, 0.7}, new double[] {-1.5, 2}, new double[] {0.5, 0.8});

    /** Games on a bimodal p_data against affine and monotone generators, and one with a narrow data mode. */
    static List<Game1D> games() {
        List<Game1D> g = new ArrayList<>();
        g.add(new Game1D(TWO, AffineGenerator.ofMeanSd(0, 1.5)));
        g.add(new Game1D(TWO, AffineGenerator.ofMeanSd(4, 0.3)));
        g.add(new Game1D(TWO, MonotoneGenerator.fromKnotValues(new double[] {-3, -2, -1.6, 0.5, 1.5, 2.4, 4})));
        g.add(new Game1D(Mixture1D.gaussian(0.2, 0.05), MonotoneGenerator.fromKnotValues(new double[] {-2, -1, 0, 0.3, 3})));
        g.add(new Game1D(Mixture1DTest.THREE, Generator1DTest.generators().get(4)));
        return g;
    }

    /** V(D*, G) = −log 4 + 2 JSD(p_data ‖ p_g) to 1e-9 (Goodfellow et al. 2014, Theorem 1). */
    @Test
    void optimalValueIsMinusLog4PlusTwiceJsd() {
        for (Game1D g : games()) {
            assertEquals(-LOG4 + 2 * g.jsd(), g.optimalValue(), 1e-9, g.generator().toString());
            assertEquals(g.optimalValue(), g.value(g.optimalDiscriminator()), 1e-9, g.generator().toString());
        }
    }

    /**
     * D* maximises V(·, G): V(D*) &gt; V(D) for D with logit a* + ε h, h ∈ {1, x, sin 3x, tanh(x − 1)},
     * ε ∈ {±0.3, ±0.03}; the loss is second order, about ε²/2 · E_{p_data+p_g}[D*(1 − D*) h²] &gt; 0.
     */
    @Test
    void optimalDiscriminatorMaximisesV() {
        List<DoubleUnaryOperator[]> hs = List.of(
                new DoubleUnaryOperator[] {x -> 1, x -> 0},
                new DoubleUnaryOperator[] {x -> x, x -> 1},
                new DoubleUnaryOperator[] {x -> Math.sin(3 * x), x -> 3 * Math.cos(3 * x)},
                new DoubleUnaryOperator[] {x -> Math.tanh(x - 1), x -> 1 - Math.pow(Math.tanh(x - 1), 2)});
        for (Game1D g : games()) {
            OptimalDiscriminator opt = g.optimalDiscriminator();
            double best = g.optimalValue();
            for (DoubleUnaryOperator[] h : hs) {
                for (double eps : new double[] {-0.3, -0.03, 0.03, 0.3}) {
                    Discriminator1D d = Discriminator1D.ofLogit(x -> opt.logit(x) + eps * h[0].applyAsDouble(x),
                            x -> opt.logitDerivative(x) + eps * h[1].applyAsDouble(x));
                    double v = g.value(d);
                    assertTrue(v < best - 1e-7 * eps * eps, "V(D) = " + v + " ≥ V(D*) = " + best + " at ε = " + eps);
                }
            }
        }
    }

    /**
     * JSD by an independent rule: Simpson with 20,000 steps per piece on the range ±12 sds, split at the knots' images,
     * on the two densities themselves (no logs of D*) as ½ KL(p ‖ m) + ½ KL(q ‖ m): agrees to 1e-6; so do both KLs.
     */
    @Test
    void jsdAndKlAgreeWithAnIndependentRule() {
        for (Game1D g : games()) {
            Mixture1D p = g.data();
            Generator1D q = g.generator();
            double lo = Math.min(p.bounds(12).lo(), q.apply(-12));
            double hi = Math.max(p.bounds(12).hi(), q.apply(12));
            double[] br = Truth.knotImages(q);
            DoubleUnaryOperator jsdIntegrand = x -> {
                double a = p.pdf(x);
                double b = q.density(x);
                double m = 0.5 * (a + b);
                return 0.5 * ((a > 0 ? a * Math.log(a / m) : 0) + (b > 0 ? b * Math.log(b / m) : 0));
            };
            double jsd = Truth.simpsonPieces(jsdIntegrand, lo, hi, br, 20_000);
            assertEquals(jsd, g.jsd(), 1e-6, q.toString());
            double klPq = Truth.simpsonPieces(x -> {
                double a = p.pdf(x);
                return a > 0 ? a * (Math.log(a) - q.logDensity(x)) : 0;
            }, lo, hi, br, 20_000);
            double klQp = Truth.simpsonPieces(x -> {
                double b = q.density(x);
                return b > 0 ? b * (Math.log(b) - p.logPdf(x)) : 0;
            }, lo, hi, br, 20_000);
            assertEquals(klPq, g.klDataToModel(), 1e-6 * Math.max(1, klPq), q.toString());
            assertEquals(klQp, g.klModelToData(), 1e-6 * Math.max(1, klQp), q.toString());
        }
    }

    /** Between two Gaussians both KLs equal the closed form to 1e-10. */
    @Test
    void klMatchesClosedFormBetweenGaussians() {
        Game1D g = new Game1D(Mixture1D.gaussian(1, 0.5), AffineGenerator.ofMeanSd(-0.5, 1.7));
        assertEquals(Gaussian.kl(1, 0.5, -0.5, 1.7), g.klDataToModel(), 1e-10);
        assertEquals(Gaussian.kl(-0.5, 1.7, 1, 0.5), g.klModelToData(), 1e-10);
    }

    /** p_g = p_data (one Gaussian, affine or straight monotone generator with the same μ, σ): JSD = KL = 0 to 1e-10, V(D*) = −log 4. */
    @Test
    void jsdVanishesAtTheOptimum() {
        Mixture1D p = Mixture1D.gaussian(1.5, 0.7);
        for (Generator1D q : new Generator1D[] {AffineGenerator.ofMeanSd(1.5, 0.7), MonotoneGenerator.affine(7, 1.5, 0.7)}) {
            Game1D g = new Game1D(p, q);
            assertEquals(0, g.jsd(), 1e-10, q.toString());
            assertEquals(0, g.klDataToModel(), 1e-10);
            assertEquals(0, g.klModelToData(), 1e-10);
            assertEquals(-LOG4, g.optimalValue(), 1e-10);
            assertEquals(0.5, g.optimalDiscriminator().value(0.3), 1e-12);
        }
    }

    /** 0 ≤ JSD ≤ log 2 and −log 4 ≤ V(D*, G) ≤ 0 for 60 random mixtures against random monotone generators (seed 8). */
    @Test
    void jsdIsBetweenZeroAndLog2() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int rep = 0; rep < 60; rep++) {
            int k = 1 + rng.nextInt(3);
            double[] w = new double[k];
            double[] m = new double[k];
            double[] s = new double[k];
            for (int i = 0; i < k; i++) {
                w[i] = 0.1 + rng.nextDouble();
                m[i] = -5 + 10 * rng.nextDouble();
                s[i] = 0.1 + 2 * rng.nextDouble();
            }
            double[] t = new double[2 + rng.nextInt(6)];
            t[0] = -5 + 10 * rng.nextDouble();
            for (int i = 1; i < t.length; i++) {
                t[i] = -2 + 3 * rng.nextDouble();
            }
            Game1D g = new Game1D(new Mixture1D(w, m, s), new MonotoneGenerator(t));
            double j = g.jsd();
            assertTrue(j >= -1e-12 && j <= LOG2 + 1e-12, "JSD = " + j);
            assertTrue(g.optimalValue() <= 1e-12 && g.optimalValue() >= -LOG4 - 1e-12);
        }
    }

    /**
     * When p_data and p_g are far apart (means 60 sds apart) JSD = log 2 and V(D*, G) = 0 to 1e-10: D* is 1 on the data
     * and 0 on the fakes even where both densities underflow, and its logit is exact there (a* = ½ − x between
     * N(0, 1) and N(1, 1), here at x = 1000 where both densities are 0 in double precision).
     */
    @Test
    void farApartJsdIsLog2AndOptimalValueIsZero() {
        Game1D g = new Game1D(Mixture1D.gaussian(0, 1), AffineGenerator.ofMeanSd(60, 1));
        assertEquals(LOG2, g.jsd(), 1e-10);
        assertEquals(0, g.optimalValue(), 1e-10);
        assertTrue(g.klDataToModel() > 1000);
        OptimalDiscriminator d = new Game1D(Mixture1D.gaussian(0, 1), AffineGenerator.ofMeanSd(1, 1)).optimalDiscriminator();
        assertEquals(0, Gaussian.density(1000, 0, 1), 0);
        assertEquals(0.5 - 1000, d.logit(1000), 1e-9);
        assertEquals(0, d.value(1000), 0);
        assertEquals(1, d.value(-1000), 0);
        assertEquals(0.5 - 1000, d.logValue(1000), 1e-9);
        assertEquals(-1, d.logitDerivative(1000), 1e-9);
    }

    /** E_g[f] by the x rule (density) and by the z rule (reparameterised) agree to 1e-12; E_data[1] = E_g[1] = 1. */
    @Test
    void expectationsInXAndZAgree() {
        for (Game1D g : games()) {
            assertEquals(1, g.expectData(x -> 1), 1e-12);
            assertEquals(1, g.expectModel(x -> 1), 1e-12);
            assertEquals(1, g.expectNoise(x -> 1), 1e-12);
            DoubleUnaryOperator f = x -> x * x + Math.sin(3 * x);
            assertEquals(g.expectModel(f), g.expectNoise(f), 1e-10 * Math.max(1, Math.abs(g.expectModel(f))));
        }
    }

    /** The quadratic logistic D* between two Gaussians is the game's D* (logit to 1e-9). */
    @Test
    void logisticOptimumBetweenGaussiansIsDStar() {
        Game1D g = new Game1D(Mixture1D.gaussian(1, 0.5), AffineGenerator.ofMeanSd(-0.5, 1.7));
        LogisticDiscriminator l = LogisticDiscriminator.optimalBetweenGaussians(1, 0.5, -0.5, 1.7);
        OptimalDiscriminator d = g.optimalDiscriminator();
        for (double x = -20; x <= 20; x += 0.7) {
            assertEquals(d.logit(x), l.logit(x), 1e-9 * Math.max(1, Math.abs(l.logit(x))));
            assertEquals(d.logitDerivative(x), l.logitDerivative(x), 1e-9 * Math.max(1, Math.abs(l.logitDerivative(x))));
        }
        assertEquals(g.optimalValue(), g.value(l), 1e-12);
    }

    /**
     * The two generator losses as functions of d and of the logit a: values, slopes against central differences, and
     * the starving slope: at d = 0.01 the saturating loss's slope in the logit is −0.01, the non-saturating one's −0.99.
     */
    @Test
    void generatorLossCurves() {
        double h = 1e-6;
        for (GeneratorLoss l : GeneratorLoss.values()) {
            for (double a = -12; a <= 12; a += 0.41) {
                double d = 1 / (1 + Math.exp(-a));
                assertEquals(l.value(d), l.valueOfLogit(a), 1e-9 * Math.max(1, Math.abs(l.value(d))));
                double fd = (l.valueOfLogit(a + h) - l.valueOfLogit(a - h)) / (2 * h);
                assertEquals(fd, l.derivativeWrtLogit(a), 1e-7);
                double fdD = (l.value(d + 1e-9 * d) - l.value(d - 1e-9 * d)) / (2e-9 * d);
                assertEquals(fdD, l.derivative(d), 1e-5 * Math.abs(fdD));
            }
        }
        assertEquals(Math.log(0.5), GeneratorLoss.SATURATING.value(0.5), 1e-15);
        assertEquals(Math.log(2), GeneratorLoss.NON_SATURATING.value(0.5), 1e-15);
        double a = Math.log(0.01 / 0.99);
        assertEquals(-0.01, GeneratorLoss.SATURATING.derivativeWrtLogit(a), 1e-15);
        assertEquals(-0.99, GeneratorLoss.NON_SATURATING.derivativeWrtLogit(a), 1e-15);
        // Far in the "rejected" regime the saturating slope underflows with d while the non-saturating one stays −1.
        assertEquals(-Math.exp(-30), GeneratorLoss.SATURATING.derivativeWrtLogit(-30), 1e-25);
        assertEquals(-1, GeneratorLoss.NON_SATURATING.derivativeWrtLogit(-30), 1e-12);
        assertEquals(30, GeneratorLoss.NON_SATURATING.valueOfLogit(-30), 1e-12);
    }
}
