package dev.genlab.plot;

import java.util.Arrays;

/**
 * Iso-lines of a sampled field by marching squares. Grid point (i, j) of a w x h field
 * {@code v[j * w + i]} sits at the centre of cell (i, j) of the extent, matching
 * {@link HeatmapLayer}; row 0 is the bottom (smallest y). Saddle cells are resolved by the
 * average of their four corners.
 */
public final class Contours {

    private Contours() {
    }

    /** Line segments of the iso-line v = level, as x1, y1, x2, y2 quadruples in data coordinates. */
    public static float[] segments(float[] v, int w, int h, Extent extent, double level) {
        float[] out = new float[64];
        int n = 0;
        double dx = extent.width() / w;
        double dy = extent.height() / h;
        double[] ex = new double[4];
        double[] ey = new double[4];
        boolean[] has = new boolean[4];
        for (int j = 0; j + 1 < h; j++) {
            for (int i = 0; i + 1 < w; i++) {
                double a = v[j * w + i];
                double b = v[j * w + i + 1];
                double c = v[(j + 1) * w + i + 1];
                double d = v[(j + 1) * w + i];
                if (Double.isNaN(a + b + c + d)) {
                    continue;
                }
                // crossings on the edges bottom (a-b), right (b-c), top (d-c), left (a-d), in grid units
                int k = 0;
                Arrays.fill(has, false);
                if ((a > level) != (b > level)) {
                    has[0] = true;
                    ex[0] = i + (level - a) / (b - a);
                    ey[0] = j;
                    k++;
                }
                if ((b > level) != (c > level)) {
                    has[1] = true;
                    ex[1] = i + 1;
                    ey[1] = j + (level - b) / (c - b);
                    k++;
                }
                if ((d > level) != (c > level)) {
                    has[2] = true;
                    ex[2] = i + (level - d) / (c - d);
                    ey[2] = j + 1;
                    k++;
                }
                if ((a > level) != (d > level)) {
                    has[3] = true;
                    ex[3] = i;
                    ey[3] = j + (level - a) / (d - a);
                    k++;
                }
                if (k == 0) {
                    continue;
                }
                if (n + 8 > out.length) {
                    out = Arrays.copyOf(out, out.length * 2);
                }
                if (k == 2) {
                    int p = -1;
                    for (int e = 0; e < 4; e++) {
                        if (has[e]) {
                            if (p < 0) {
                                p = e;
                            } else {
                                n = put(out, n, ex, ey, p, e, extent, dx, dy);
                            }
                        }
                    }
                } else {
                    boolean centreAbove = (a + b + c + d) / 4 > level;
                    if (centreAbove == (a > level)) {
                        // a and c joined through the centre: cut off corners b and d
                        n = put(out, n, ex, ey, 0, 1, extent, dx, dy);
                        n = put(out, n, ex, ey, 2, 3, extent, dx, dy);
                    } else {
                        n = put(out, n, ex, ey, 3, 0, extent, dx, dy);
                        n = put(out, n, ex, ey, 1, 2, extent, dx, dy);
                    }
                }
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static int put(float[] out, int n, double[] ex, double[] ey, int p, int q, Extent e,
                           double dx, double dy) {
        out[n] = (float) (e.xMin() + (ex[p] + 0.5) * dx);
        out[n + 1] = (float) (e.yMin() + (ey[p] + 0.5) * dy);
        out[n + 2] = (float) (e.xMin() + (ex[q] + 0.5) * dx);
        out[n + 3] = (float) (e.yMin() + (ey[q] + 0.5) * dy);
        return n + 4;
    }
}
