package dev.genlab.model.flow.onedim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import dev.genlab.math.Quadrature;

class Transform1DTest {

    private static final Base1D NORMAL = new Base1D.StandardNormal();
    private static final Base1D UNIFORM = new Base1D.Uniform(-1, 2);

    private static List<Transform1D> invertibles() {
        Knots knots = new Knots(new double[] {-2, -0.5, 0.3, 1.5, 2.5}, new double[] {-3, -2.6, 0.1, 0.4, 3});
        return List.of(
                new Affine1D(2.5, -1),
                new Affine1D(-0.4, 0.3),
                new TanhWarp(1.5, 2, 0.3),
                new TanhWarp(-0.9, 1.05, -0.5),
                new PiecewiseLinearSpline(knots),
                RationalQuadraticSpline.withDefaultDerivatives(knots),
                new RationalQuadraticSpline(knots, new double[] {0.2, 5, 0.05, 3, 1.7}));
    }

    @Test
    void inverseUndoesForwardAndDerivativeMatchesFiniteDifferences() {
        SplittableRandom r = new SplittableRandom(1);
        for (Transform1D f : invertibles()) {
            assertTrue(f.isInvertible(), f.describe());
            for (int i = 0; i < 2000; i++) {
                double z = -4 + 8 * r.nextDouble();
                assertEquals(z, f.inverse(f.forward(z)), 1e-10, f.describe() + " at " + z);
                double h = 1e-6;
                double fd = (f.forward(z + h) - f.forward(z - h)) / (2 * h);
                if (nearBreakpoint(f, z, 1e-5)) {
                    continue;
                }
                assertEquals(fd, f.derivative(z), 1e-6 * (1 + Math.abs(fd)), f.describe() + " f' at " + z);
            }
        }
    }

    private static boolean nearBreakpoint(Transform1D f, double z, double eps) {
        for (double b : f.breakpoints()) {
            if (Math.abs(z - b) < eps) {
                return true;
            }
        }
        return false;
    }

    @Test
    void densityIntegratesToOneForEveryInvertibleMapAndBase() {
        for (Base1D base : List.of(NORMAL, UNIFORM)) {
            for (Transform1D f : invertibles()) {
                ChangeOfVariables1D cov = new ChangeOfVariables1D(base, f);
                assertEquals(1, cov.naiveIntegral(), 1e-6, f.describe() + " on " + base);
                assertEquals(cov.naiveIntegral(), cov.integral(), 1e-12);
            }
        }
    }

    /** Independent truth: p_x is the derivative of P(x ≤ X) = P(z ≤ f⁻¹(X)) for increasing f. */
    @Test
    void densityIsTheDerivativeOfTheTransformedCdf() {
        for (Transform1D f : invertibles()) {
            boolean increasing = f.derivative(0) > 0;
            ChangeOfVariables1D cov = new ChangeOfVariables1D(NORMAL, f);
            for (double x : new double[] {-1.7, -0.2, 0.45, 1.3}) {
                double h = 1e-4;
                double cdfPlus = normalCdf(f.inverse(x + h));
                double cdfMinus = normalCdf(f.inverse(x - h));
                double fd = Math.abs(cdfPlus - cdfMinus) / (2 * h);
                assertEquals(fd, cov.density(x), 1e-5, f.describe() + " at " + x + (increasing ? "" : " (decreasing)"));
                ChangeOfVariables1D.Decomposition d = cov.decompose(x);
                assertEquals(d.px(), d.pz() * d.jacobian(), 1e-12 * d.px());
                assertEquals(d.logPx(), d.logPz() + d.logJacobian(), 1e-12);
            }
        }
    }

    private static double normalCdf(double z) {
        return Quadrature.integrate(NORMAL::density, -12, z, 200, 8);
    }

    @Test
    void intervalMassIsCarriedToTheImageInterval() {
        for (Transform1D f : invertibles()) {
            ChangeOfVariables1D cov = new ChangeOfVariables1D(NORMAL, f);
            ChangeOfVariables1D.IntervalMap m = cov.mapInterval(-0.7, 0.4);
            double massX = 0;
            double prev = m.x0();
            for (double b : f.breakpoints()) {
                double xb = f.forward(b);
                if (xb > prev && xb < m.x1()) {
                    massX += Quadrature.integrate(cov::density, prev, xb, 2000, 8);
                    prev = xb;
                }
            }
            massX += Quadrature.integrate(cov::density, prev, m.x1(), 2000, 8);
            assertEquals(m.massZ(), massX, 1e-6, f.describe());
            assertEquals(m.widthX(), Math.abs(f.forward(0.4) - f.forward(-0.7)), 1e-12);
        }
    }

    @Test
    void foldBreaksTheNaiveFormulaButNotTheSumOverBranches() {
        for (Fold1D.Kind kind : Fold1D.Kind.values()) {
            Fold1D fold = new Fold1D(kind);
            assertFalse(fold.isInvertible());
            assertFalse(fold.whyNotInvertible().isEmpty());
            ChangeOfVariables1D cov = new ChangeOfVariables1D(NORMAL, fold);
            assertEquals(0.5, cov.naiveIntegral(), 1e-4, kind.toString());
            assertEquals(1, cov.integral(), 1e-4, kind.toString());
            // the uniform base on [−1, 2]: the principal branch sees z ∈ [0, 2], two thirds of the mass
            ChangeOfVariables1D u = new ChangeOfVariables1D(UNIFORM, fold);
            assertEquals(2.0 / 3, u.naiveIntegral(), 1e-4, kind.toString());
            assertEquals(1, u.integral(), 1e-4, kind.toString());
        }
    }

    @Test
    void randomSplineKnotsAlwaysGiveAMonotoneMap() {
        SplittableRandom r = new SplittableRandom(7);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + r.nextInt(8);
            double[] z = new double[n];
            double[] x = new double[n];
            double[] d = new double[n];
            double zc = -3;
            double xc = -3;
            for (int k = 0; k < n; k++) {
                zc += Knots.MIN_GAP + r.nextDouble() * (r.nextBoolean() ? 2 : 0.01);
                xc += Knots.MIN_GAP + r.nextDouble() * (r.nextBoolean() ? 2 : 0.01);
                z[k] = zc;
                x[k] = xc;
                d[k] = Math.exp(Math.log(RationalQuadraticSpline.MIN_DERIVATIVE)
                        + r.nextDouble() * Math.log(RationalQuadraticSpline.MAX_DERIVATIVE / RationalQuadraticSpline.MIN_DERIVATIVE));
            }
            Knots knots = new Knots(z, x);
            for (Transform1D f : List.of(new RationalQuadraticSpline(knots, d), new PiecewiseLinearSpline(knots))) {
                double prev = Double.NEGATIVE_INFINITY;
                for (int i = 0; i <= 4000; i++) {
                    double s = z[0] - 1 + (z[n - 1] - z[0] + 2) * i / 4000.0;
                    double v = f.forward(s);
                    assertTrue(v > prev, f.describe() + " not increasing at " + s);
                    assertTrue(f.derivative(s) > 0);
                    assertEquals(s, f.inverse(v), 1e-8 * (1 + Math.abs(s)));
                    prev = v;
                }
            }
        }
    }

    @Test
    void draggingAKnotPastItsNeighbourIsClampedWithAReason() {
        RationalQuadraticSpline s = RationalQuadraticSpline.withDefaultDerivatives(Knots.identity(-2, 2, 4));
        RationalQuadraticSpline.Result r = s.move(2, 5, -5);
        assertTrue(r.clamped());
        assertFalse(r.reason().isEmpty());
        Knots k = r.spline().knots();
        assertTrue(k.z(2) < k.z(3) && k.z(2) > k.z(1) && k.x(2) > k.x(1) && k.x(2) < k.x(3));
        RationalQuadraticSpline.Result ok = s.move(2, 0.2, 0.4);
        assertFalse(ok.clamped());
        assertEquals(0.2, ok.spline().knots().z(2));
        RationalQuadraticSpline.Result neg = s.withDerivative(1, -3);
        assertTrue(neg.clamped());
        assertEquals(RationalQuadraticSpline.MIN_DERIVATIVE, neg.spline().derivatives()[1]);
        PiecewiseLinearSpline.Result pl = new PiecewiseLinearSpline(Knots.identity(0, 1, 2)).move(0, 0.9, 2);
        assertTrue(pl.clamped());
        assertThrows(IllegalArgumentException.class, () -> new Knots(new double[] {0, 1}, new double[] {1, 0}));
    }

    @Test
    void nonInvertibleParametersAreRefusedWithAMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Affine1D(0, 1));
        assertTrue(e.getMessage().contains("not invertible"));
        assertThrows(IllegalArgumentException.class, () -> new TanhWarp(-2, 1, 0));
        assertFalse(TanhWarp.refusal(-2, 1).isEmpty());
        TanhWarp c = TanhWarp.clamped(-2, 1, 0);
        assertEquals(TanhWarp.MIN_AB, c.a() * c.b(), 1e-12);
        assertThrows(IllegalArgumentException.class,
                () -> new RationalQuadraticSpline(Knots.identity(0, 1, 2), new double[] {1, 0, 1}));
    }

    @Test
    void curvesHaveTheRequestedLength() {
        ChangeOfVariables1D.Curves c = new ChangeOfVariables1D(NORMAL, new TanhWarp(1, 3, 0)).curves(512);
        assertEquals(512, c.xs().length);
        assertEquals(c.px()[100], c.pxNaive()[100], 1e-14);
    }
}
