package dev.genlab.data;

import java.util.random.RandomGenerator;

/**
 * Where training batches of 2-D points come from: fresh draws from a toy distribution, or resampled
 * drawn points. (It lived in {@code model.flow} until 2026-12; any lesson that trains on 2-D points uses it.)
 */
public interface DataSource2D {

    /** Writes a batch of n points into xs, ys. */
    void batch(int n, RandomGenerator rng, double[] xs, double[] ys);

    /** {xmin, xmax, ymin, ymax}: where the data live, for the density grid. */
    double[] bounds();

    /** Every step sees fresh exact samples (an unlimited data set). */
    static DataSource2D of(ToyDistribution d) {
        return new DataSource2D() {
            @Override
            public void batch(int n, RandomGenerator rng, double[] xs, double[] ys) {
                d.sample(n, rng, xs, ys);
            }

            @Override
            public double[] bounds() {
                return d.bounds();
            }
        };
    }

    /** Draws with replacement from a snapshot of drawn points; bounds are their box plus a quarter on each side. */
    static DataSource2D of(PointSet.Snapshot points) {
        if (points.size() == 0) {
            throw new IllegalArgumentException("no points to train on: draw some first");
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < points.size(); i++) {
            b[0] = Math.min(b[0], points.x(i));
            b[1] = Math.max(b[1], points.x(i));
            b[2] = Math.min(b[2], points.y(i));
            b[3] = Math.max(b[3], points.y(i));
        }
        double wx = Math.max(0.25 * (b[1] - b[0]), 0.5);
        double wy = Math.max(0.25 * (b[3] - b[2]), 0.5);
        double[] box = {b[0] - wx, b[1] + wx, b[2] - wy, b[3] + wy};
        return new DataSource2D() {
            @Override
            public void batch(int n, RandomGenerator rng, double[] xs, double[] ys) {
                for (int i = 0; i < n; i++) {
                    int k = rng.nextInt(points.size());
                    xs[i] = points.x(k);
                    ys[i] = points.y(k);
                }
            }

            @Override
            public double[] bounds() {
                return box.clone();
            }
        };
    }
}
