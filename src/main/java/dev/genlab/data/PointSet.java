package dev.genlab.data;

import java.util.Arrays;

/**
 * A growable list of 2-D points, such as the points a user draws to make a data set. It has no
 * density. Methods are synchronized so that the drawing thread and a trainer can share it;
 * a trainer should work on a {@link #snapshot()}.
 */
public final class PointSet {

    /** An immutable copy of the points at one moment. */
    public static final class Snapshot {
        private final double[] xs;
        private final double[] ys;

        private Snapshot(double[] xs, double[] ys) {
            this.xs = xs;
            this.ys = ys;
        }

        public int size() {
            return xs.length;
        }

        public double x(int i) {
            return xs[i];
        }

        public double y(int i) {
            return ys[i];
        }

        /** A copy of the x coordinates. */
        public double[] xs() {
            return xs.clone();
        }

        /** A copy of the y coordinates. */
        public double[] ys() {
            return ys.clone();
        }
    }

    private double[] xs = new double[64];
    private double[] ys = new double[64];
    private int size;

    public synchronized int size() {
        return size;
    }

    public synchronized void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new IllegalArgumentException("point must be finite, got (" + x + ", " + y + ")");
        }
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /**
     * Removes the point nearest to (x, y) if it lies within {@code maxDistance}.
     *
     * @return whether a point was removed
     */
    public synchronized boolean removeNearest(double x, double y, double maxDistance) {
        int best = -1;
        double bestD2 = maxDistance * maxDistance;
        for (int i = 0; i < size; i++) {
            double dx = xs[i] - x;
            double dy = ys[i] - y;
            double d2 = dx * dx + dy * dy;
            if (d2 <= bestD2) {
                bestD2 = d2;
                best = i;
            }
        }
        if (best < 0) {
            return false;
        }
        System.arraycopy(xs, best + 1, xs, best, size - best - 1);
        System.arraycopy(ys, best + 1, ys, best, size - best - 1);
        size--;
        return true;
    }

    public synchronized void clear() {
        size = 0;
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(Arrays.copyOf(xs, size), Arrays.copyOf(ys, size));
    }
}
