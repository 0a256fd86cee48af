package dev.genlab.model.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;

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
        m.put("mixed-8", FlowTestLayers::mixed8);
        m.put("coupling-8", () -> couplings8(DataType.DOUBLE));
        m.put("planar-8", () -> new FlowConfig(FlowConfig.Kind.PLANAR, 8, 1, 1e-3, 1, Base2D.NORMAL, 8, DataType.DOUBLE).build());
        m.put("radial-8", () -> new FlowConfig(FlowConfig.Kind.RADIAL, 8, 1, 1e-3, 1, Base2D.NORMAL, 8, DataType.DOUBLE).build());
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

    static Flow couplings8(DataType type) {
        Flow f = new Flow(Base2D.NORMAL);
        for (int k = 0; k < 8; k++) {
            f.add(new AffineCoupling(k % 2 == 0, 16, type, 20 + k, false));
        }
        return f;
    }

    static List<double[]> randomPoints(SplittableRandom r, int n, double spread) {
        List<double[]> pts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pts.add(new double[] {spread * r.nextGaussian(), spread * r.nextGaussian()});
        }
        return pts;
    }
}
