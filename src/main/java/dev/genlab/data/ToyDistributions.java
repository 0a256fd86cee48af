package dev.genlab.data;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** The registry of built-in 2-D toy distributions, each in its default shape. */
public final class ToyDistributions {

    private static final Map<String, Supplier<ToyDistribution>> FACTORIES = Map.of(
            "mixture", GaussianMixture2D::new,
            "moons", TwoMoons::new,
            "rings", Rings::new,
            "spiral", Spiral::new,
            "checkerboard", Checkerboard::new);

    private static final List<String> IDS = List.of("mixture", "moons", "rings", "spiral", "checkerboard");

    private ToyDistributions() {
    }

    /** The known ids, in menu order. */
    public static List<String> ids() {
        return IDS;
    }

    /**
     * A new default instance of the distribution with this id.
     *
     * @throws IllegalArgumentException for an unknown id; the message lists the known ones
     */
    public static ToyDistribution byId(String id) {
        Supplier<ToyDistribution> f = FACTORIES.get(id);
        if (f == null) {
            throw new IllegalArgumentException("unknown toy distribution '" + id + "'; known: " + IDS);
        }
        return f.get();
    }
}
