package dev.genlab.model.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.data.DataSource2D;

/** One instance of every layer type with non-trivial parameters, and stacks of eight. */
final class FlowTestLayers {

    private FlowTestLayers() {
    }

    static Map<String, Supplier<Flow>> singles() {
        Map<String, Supplier<Flow>> m = new LinkedHashMap<>();
        m.put("linear", () -> one(new LinearLayer(1.3, -0.4, 0.7, 0.6, 0.2, -0.3)));
        m.put("linear-reflect", () -> one(new LinearLayer(0.3, 1.1, 0.9, -0.2, 0, 0)));
        m.put("lu", () -> one(lu(new SplittableRandom(3))));
        m.put("swap", () -> one(LuLinearLayer.swap()));
        m.put("planar", () -> one(new PlanarLayer(1.5, -0.8, 0.9, 0.4, 0.3)));
        m.put("planar-near-limit", () -> one(new PlanarLayer(2.0, 0.5, -0.45, 0.1, -0.2)));
        m.put("radial-expand", () -> one(new RadialLayer(0.3, -0.2, 0.8, 1.5)));
        m.put("radial-contract", () -> one(new RadialLayer(-0.1, 0.4, 1.2, -1.0)));
        m.put("coupling-x", () -> one(new AffineCoupling(true, 16, DataType.DOUBLE, 5, false)));
        m.put("coupling-y", () -> one(new AffineCoupling(false, 16, DataType.DOUBLE, 6, false)));
        m.put("additive-x", () -> one(new AdditiveCoupling(true, 16, DataType.DOUBLE, 7, false)));
        m.put("additive-y", () -> one(new AdditiveCoupling(false, 16, DataType.DOUBLE, 8, false)));
        m.put("actnorm", () -> one(new ActNorm(0.4, -0.7, 0.3, -1.1)));
        m.put("nice-8-actnorm", () -> nice8(DataType.DOUBLE));
        m.put("maf-x", () -> one(new MadeFlowLayer(AutoregressiveFlow.Kind.MAF, true, 12, DataType.DOUBLE, 7, false)));
        m.put("iaf-y", () -> one(new MadeFlowLayer(AutoregressiveFlow.Kind.IAF, false, 12, DataType.DOUBLE, 8, false)));
        m.put("mixed-8", FlowTestLayers::mixed8);
        m.put("coupling-8", () -> couplings8(DataType.DOUBLE));
        m.put("planar-8", () -> planars(8, Base2D.NORMAL, new SplittableRandom(8)));
        m.put("radial-8", () -> radials(8, Base2D.NORMAL, new SplittableRandom(8)));
        m.put("coupling-lu-8-logistic", () -> {
            Flow f = new Flow(Base2D.LOGISTIC);
            SplittableRandom r = new SplittableRandom(30);
            for (int k = 0; k < 4; k++) {
                f.add(new AffineCoupling(true, 16, DataType.DOUBLE, 40 + k, false)).add(lu(r));
            }
            return f;
        });
        return m;
    }

    static LuLinearLayer lu(SplittableRandom r) {
        LuLinearLayer rot = LuLinearLayer.randomRotation(r);
        double[] p = rot.params();
        p[0] += 0.3;
        p[2] += 0.2;
        p[3] -= 0.4;
        p[4] = 0.1;
        p[5] = -0.2;
        rot.setParams(p);
        return rot;
    }

    static Flow one(FlowLayer l) {
        return new Flow(Base2D.NORMAL).add(l);
    }

    static Flow mixed8() {
        return new Flow(Base2D.NORMAL)
                .add(new LinearLayer(1.1, 0.3, -0.2, 0.8, 0.1, 0))
                .add(new PlanarLayer(1.2, 0.6, 0.8, -0.5, 0.2))
                .add(new AffineCoupling(true, 16, DataType.DOUBLE, 11, false))
                .add(new RadialLayer(0.5, 0.2, 0.7, 0.9))
                .add(lu(new SplittableRandom(9)))
                .add(new AffineCoupling(false, 16, DataType.DOUBLE, 12, false))
                .add(new PlanarLayer(-0.7, 1.4, 0.3, 0.6, -0.4))
                .add(new RadialLayer(-0.4, -0.3, 1.0, -0.6));
    }

    /** NICE: eight additive couplings (random start) and its final diagonal scaling, an ActNorm. */
    static Flow nice8(DataType type) {
        Flow f = new Flow(Base2D.NORMAL);
        for (int k = 0; k < 8; k++) {
            f.add(new AdditiveCoupling(k % 2 == 0, 16, type, 60 + k, false));
        }
        return f.add(new ActNorm(-0.3, 0.5, 0.2, -0.4));
    }

    static Flow couplings8(DataType type) {
        Flow f = new Flow(Base2D.NORMAL);
        for (int k = 0; k < 8; k++) {
            f.add(new AffineCoupling(k % 2 == 0, 16, type, 20 + k, false));
        }
        return f;
    }

    /**
     * Couplings as the scene's FlowLab builds them for flow_type "coupling": alternating x → y and
     * y → x, identity start, tanh, one seed per layer drawn from {@code SplittableRandom(seed·7919 + 11)}.
     */
    static Flow couplingsLikeFlowLab(int layers, int hidden, DataType type, Base2D base, long seed) {
        SplittableRandom r = new SplittableRandom(seed * 7919 + 11);
        Flow f = new Flow(base);
        for (int k = 0; k < layers; k++) {
            f.add(new AffineCoupling(k % 2 == 0, hidden, type, r.nextLong(), true));
        }
        return f;
    }

    /** Couplings (identity start) each followed by a random-rotation LU layer but the last. */
    static Flow couplingsWithLu(int couplings, int hidden, DataType type, Base2D base, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Flow f = new Flow(base);
        for (int k = 0; k < couplings; k++) {
            f.add(new AffineCoupling(true, hidden, type, r.nextLong(), true));
            if (k < couplings - 1) {
                f.add(LuLinearLayer.randomRotation(r));
            }
        }
        return f;
    }

    /** Planar layers with a small random start. */
    static Flow planars(int layers, Base2D base, SplittableRandom r) {
        Flow f = new Flow(base);
        for (int k = 0; k < layers; k++) {
            double w1 = r.nextGaussian();
            double w2 = r.nextGaussian();
            f.add(new PlanarLayer(w1, w2, 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian(), 0.1 * r.nextGaussian()));
        }
        return f;
    }

    /** Radial layers with random centres. */
    static Flow radials(int layers, Base2D base, SplittableRandom r) {
        Flow f = new Flow(base);
        for (int k = 0; k < layers; k++) {
            f.add(new RadialLayer(r.nextGaussian(), r.nextGaussian(), 1, 0.1 * r.nextGaussian()));
        }
        return f;
    }

    /** Mean NLL on n fresh points of the source drawn with their own seed (nats). */
    static double heldOutNll(Flow f, DataSource2D data, int n, long seed) {
        double[] xs = new double[n];
        double[] ys = new double[n];
        data.batch(n, new SplittableRandom(seed), xs, ys);
        return f.nll(xs, ys);
    }

    /** One Adam step on a fresh batch, as FlowLab.step does; the batch NLL. */
    static double step(Flow f, DataSource2D data, SplittableRandom rng, double[] bx, double[] by, double lr) {
        data.batch(bx.length, rng, bx, by);
        return f.trainStep(bx, by, bx.length, lr);
    }

    static List<double[]> randomPoints(SplittableRandom r, int n, double spread) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(new double[] {spread * r.nextGaussian(), spread * r.nextGaussian()});
        }
        return pts;
    }
}
