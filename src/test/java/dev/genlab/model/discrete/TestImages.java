package dev.genlab.model.discrete;

import java.util.SplittableRandom;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;

/** Data for the counting tests: seeded correlated random images and downsampled digits. */
final class TestImages {

    private static ImageDataset digits;

    private TestImages() {
    }

    /**
     * Images with strong local structure: each pixel copies the one above (p = 0.6), else the one
     * to its left (p = 0.5), else is on with p = 0.3.
     */
    static BinaryImages correlated(int count, int rows, int cols, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int n = rows * cols;
        byte[] b = new byte[count * n];
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    int j = i * n + r * cols + c;
                    if (r > 0 && rng.nextDouble() < 0.6) {
                        b[j] = b[j - cols];
                    } else if (c > 0 && rng.nextDouble() < 0.5) {
                        b[j] = b[j - 1];
                    } else {
                        b[j] = (byte) (rng.nextDouble() < 0.3 ? 1 : 0);
                    }
                }
            }
        }
        return new BinaryImages(count, rows, cols, b);
    }

    /** ProceduralDigits.generate(2000, 1), generated once per JVM. */
    static synchronized ImageDataset digits() {
        if (digits == null) {
            digits = ProceduralDigits.generate(2000, 1);
        }
        return digits;
    }

    /** The 2000 digits at size × size, ink where the block mean is ≥ 0.35. */
    static BinaryImages digits(int size) {
        return BinaryImages.from(digits(), size, 0.35, 2000);
    }
}
