package dev.genlab.live;

import java.util.Arrays;

/** A growable array of doubles: the curves a live model appends to step by step and copies into its snapshots. */
public final class DoubleList {
    private double[] a = new double[64];
    private int n;

    public void add(double v) {
        if (n == a.length) {
            a = Arrays.copyOf(a, n * 2);
        }
        a[n++] = v;
    }

    public int size() {
        return n;
    }

    public double last() {
        return a[n - 1];
    }

    public void removeLast() {
        n--;
    }

    /**
     * Drops the points of a curve whose x (in {@code xs}) is past {@code x}, from xs and from each of its
     * y lists: what a restore to an earlier step keeps of the curves (the rest belongs to the undone steps).
     */
    public static void trimAfter(double x, DoubleList xs, DoubleList... ys) {
        while (xs.size() > 0 && xs.last() > x) {
            xs.removeLast();
            for (DoubleList y : ys) {
                y.removeLast();
            }
        }
    }

    public void clear() {
        n = 0;
    }

    /** A copy of the values, for a snapshot. */
    public double[] toArray() {
        return Arrays.copyOf(a, n);
    }
}
