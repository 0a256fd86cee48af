package dev.genlab.model.flow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.DataSource2D;
import dev.genlab.data.ToyDistribution;
import dev.genlab.data.ToyDistributions;

/**
 * NICE's additive coupling (Dinh, Krueger &amp; Bengio 2015) against RealNVP's affine one. The generic
 * truths (Jacobian against finite differences, density integrating to 1, parameter gradients) run on
 * {@link AdditiveCoupling} through {@link FlowTestLayers#singles()} and {@link FlowGradientTest}.
 */
class NiceTest {

    /** Volume preservation is structural: the log-det arrays come back bit for bit, in both directions and both paths. */
    @Test
    void logDetIsExactlyZeroAndTheInverseIsExact() {
        SplittableRandom r = new SplittableRandom(11);
        for (DataType type : new DataType[] {DataType.DOUBLE, DataType.FLOAT}) {
            // 3000 points take the large-batch gemm path in FLOAT, 300 the plain-Java one
            for (int n : new int[] {300, 3000}) {
                for (boolean onX : new boolean[] {true, false}) {
                    AdditiveCoupling c = new AdditiveCoupling(onX, 16, type, 21, false);
                    double[] zx = new double[n];
                    double[] zy = new double[n];
                    double[] ld = new double[n];
                    for (int i = 0; i < n; i++) {
                        zx[i] = 2 * r.nextGaussian();
                        zy[i] = 2 * r.nextGaussian();
                        ld[i] = r.nextGaussian();
                    }
                    double[] ld0 = ld.clone();
                    double[] x = zx.clone();
                    double[] y = zy.clone();
                    c.forward(x, y, n, ld);
                    assertArrayEquals(ld0, ld, 0.0, type + " n " + n + ": forward log-det");
                    // the layer moved the points: a zero log-det is not a zero map
                    double moved = 0;
                    for (int i = 0; i < n; i++) {
                        moved = Math.max(moved, Math.abs((onX ? y[i] - zy[i] : x[i] - zx[i])));
                    }
                    assertTrue(moved > 0.1, "the random-start layer shifts its coordinate, by up to " + moved);
                    c.inverse(x, y, n, ld);
                    assertArrayEquals(ld0, ld, 0.0, type + " n " + n + ": inverse log-det");
                    for (int i = 0; i < n; i++) {
                        // the conditioning coordinate never changes; the other is z_b + t − t
                        assertEquals(onX ? zx[i] : zy[i], onX ? x[i] : y[i], 0.0);
                        double zb = onX ? zy[i] : zx[i];
                        assertEquals(zb, onX ? y[i] : x[i], 1e-14 * (1 + Math.abs(zb)) + 1e-14);
                    }
                }
            }
        }
        // a whole NICE stack (no scaling layer): every per-point log-det of the flow is 0.0
        Flow f = new Flow(Base2D.NORMAL);
        for (int k = 0; k < 8; k++) {
            f.add(new AdditiveCoupling(k % 2 == 0, 16, DataType.DOUBLE, 30 + k, false));
        }
        double[] ld = new double[500];
        double[][] s = f.sample(500, new SplittableRandom(2));
        f.inverse(s[0], s[1], ld);
        assertArrayEquals(new double[500], ld, 0.0);
        double[] j = f.jacobian(0.3, -0.8);
        assertEquals(1, FlowLayer.det(j), 1e-12, "det of the stack's Jacobian");
        assertEquals(new AffineCoupling(true, 16, DataType.DOUBLE, 1, true).numParams() - 17,
                new AdditiveCoupling(true, 16, DataType.DOUBLE, 1, true).numParams(), "no scale output: H + 1 fewer");
    }

    /** The t network is RealNVP's with the ŝ output removed: same t for the same seed's hidden layers. */
    @Test
    void theTNetworkIsTheAffineOnesWithoutTheScale() {
        AffineCoupling affine = new AffineCoupling(true, 8, DataType.DOUBLE, 5, false);
        AdditiveCoupling additive = new AdditiveCoupling(true, 8, DataType.DOUBLE, 5, false);
        double[] pa = affine.params();
        double[] pn = additive.params();
        int h = 8;
        int hidden = 2 * h + h * h + h;
        double[] q = pn.clone();
        System.arraycopy(pa, 0, q, 0, hidden);
        for (int j = 0; j < h; j++) {
            q[hidden + j] = pa[hidden + h + j];
        }
        q[hidden + h] = pa[hidden + 2 * h + 1];
        additive.setParams(q);
        double[] a = {-1.3, 0.2, 0.9};
        double[] sa = affine.runSmall(a, 3);
        double[] sn = additive.runSmall(a, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(sa[3 + i], sn[3 + i], 1e-12, "t");
            assertEquals(0, sn[i], 0.0, "ŝ reads as 0");
        }
        double[] large = additive.runLarge(a, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(sn[3 + i], large[3 + i], 1e-5, "the gemm path agrees");
            assertEquals(0, large[i], 0.0);
        }
    }

    /**
     * Same toy set (two moons), same seed, widths, batches and steps: the affine flow's held-out NLL is
     * lower. A volume-preserving map keeps the base's differential entropy, log 2πe = 2.84 nats for
     * N(0, I₂), far above the moons' 1.01; only a scale can concentrate the mass. NICE with its final
     * diagonal scaling (an {@link ActNorm}) is printed beside them.
     */
    @Test
    void realNvpReachesALowerNllThanNiceOnTheSameData() {
        ToyDistribution moons = ToyDistributions.byId("moons");
        DataSource2D data = DataSource2D.of(moons);
        int steps = 1500;
        double nice = train(data, "nice", steps);
        double niceScaled = train(data, "nice+actnorm", steps);
        double realNvp = train(data, "realnvp", steps);
        System.out.printf("moons, 8 couplings, H 32, batch 256, Adam 0.005, %d steps: held-out NLL NICE %.4f, "
                + "NICE + ActNorm scaling %.4f, RealNVP %.4f nats; H(p) %.4f%n", steps, nice, niceScaled, realNvp,
                moons.entropy());
        assertTrue(realNvp < nice - 0.2, "RealNVP " + realNvp + " vs NICE " + nice);
        // NICE's one diagonal scaling buys most of the difference on this set (measured 1.135 vs RealNVP's
        // 1.124 at this seed, a margin too thin to assert): the moons need a global rescaling first of all
        assertTrue(niceScaled < nice - 0.5, "the scaling layer is NICE's volume change: " + niceScaled + " vs " + nice);
        assertTrue(realNvp > moons.entropy() - 0.03, "below the entropy means a broken estimate: " + realNvp);
    }

    /** Trains one flow as lesson 6's FlowLab does (fresh batches, Flow.trainStep); held-out NLL on 20,000 points. */
    static double train(DataSource2D data, String kind, int steps) {
        Flow f = build(kind, 8, 32, 7);
        SplittableRandom rng = new SplittableRandom(7 ^ 0x5DEECE66DL);
        double[] bx = new double[256];
        double[] by = new double[256];
        for (int s = 0; s < steps; s++) {
            assertTrue(Double.isFinite(FlowTestLayers.step(f, data, rng, bx, by, 0.005)), kind + " step " + s);
        }
        return FlowTestLayers.heldOutNll(f, data, 20000, 99);
    }

    /** {@code layers} couplings (x → y, y → x alternating, identity start, float) as FlowLab seeds them. */
    static Flow build(String kind, int layers, int hidden, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + 11);
        Flow f = new Flow(Base2D.NORMAL);
        for (int k = 0; k < layers; k++) {
            long s = r.nextLong();
            f.add(kind.equals("realnvp") ? new AffineCoupling(k % 2 == 0, hidden, DataType.FLOAT, s, true)
                    : new AdditiveCoupling(k % 2 == 0, hidden, DataType.FLOAT, s, true));
        }
        if (kind.equals("nice+actnorm")) {
            f.add(new ActNorm());
        }
        return f;
    }
}
