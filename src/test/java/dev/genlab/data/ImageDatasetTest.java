package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ImageDatasetTest {

    /** n 1×2 images whose pixels are (i/n, 0) and whose label is i mod 3. */
    private static ImageDataset tiny(int n) {
        float[] p = new float[2 * n];
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            p[2 * i] = i / (float) n;
            l[i] = i % 3;
        }
        return ImageDataset.of("tiny", 1, 2, p, l);
    }

    @Test
    void accessorsCopyAndDoNotLeakState() {
        float[] p = {0.1f, 0.2f, 0.3f, 0.4f};
        ImageDataset ds = ImageDataset.of("d", 1, 2, p, null);
        p[0] = 0.9f;
        assertEquals(0.1f, ds.pixel(0, 0, 0));
        ds.image(0)[0] = 0.9f;
        ds.copyPixels()[0] = 0.9f;
        assertEquals(0.1f, ds.pixel(0, 0, 0));
        assertTrue(ds.pixelBuffer().isReadOnly());
        assertArrayEquals(new int[] {-1, -1}, ds.labels());
        assertFalse(ds.isLabelled());
        assertArrayEquals(new int[0], ds.labelsDistinct());
    }

    @Test
    void subsetSelectAndDistinctLabels() {
        ImageDataset ds = tiny(10);
        ImageDataset s = ds.subset(3, 6);
        assertEquals(3, s.size());
        assertEquals(0.3f, s.pixel(0, 0, 0));
        assertArrayEquals(new int[] {0, 1, 2}, s.labels());
        assertArrayEquals(new int[] {0, 1, 2}, ds.labelsDistinct());
        assertArrayEquals(new int[] {2, 2}, ds.select(new int[] {5, 5}).labels());
        assertThrows(IndexOutOfBoundsException.class, () -> ds.subset(5, 11));
    }

    @Test
    void splitIsADeterministicPartition() {
        ImageDataset ds = tiny(100);
        ImageDataset.Split a = ds.split(0.2, 42);
        ImageDataset.Split b = ds.split(0.2, 42);
        ImageDataset.Split c = ds.split(0.2, 43);
        assertEquals(20, a.test().size());
        assertEquals(80, a.train().size());
        assertArrayEquals(a.test().copyPixels(), b.test().copyPixels());
        assertFalse(Arrays.equals(a.test().copyPixels(), c.test().copyPixels()));
        float[] all = new float[100];
        int k = 0;
        for (ImageDataset part : new ImageDataset[] {a.train(), a.test()}) {
            for (int i = 0; i < part.size(); i++) {
                all[k++] = part.pixel(i, 0, 0);
                // Labels travel with their images.
                assertEquals(Math.round(part.pixel(i, 0, 0) * 100) % 3, part.label(i));
            }
        }
        Arrays.sort(all);
        assertArrayEquals(sortedFirstPixels(ds), all);
    }

    private static float[] sortedFirstPixels(ImageDataset ds) {
        float[] f = new float[ds.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = ds.pixel(i, 0, 0);
        }
        Arrays.sort(f);
        return f;
    }

    @Test
    void rejectsInconsistentInput() {
        assertThrows(IllegalArgumentException.class, () -> ImageDataset.of("x", 2, 2, new float[6], null));
        assertThrows(IllegalArgumentException.class, () -> ImageDataset.of("x", 1, 2, new float[4], new int[3]));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImageDataset.of("x", 1, 2, new float[] {0, 1.5f}, null));
        assertTrue(e.getMessage().contains("outside [0, 1]"));
    }

    @Test
    void theFingerprintFollowsThePixelsNotTheName() {
        ImageDataset a = ProceduralDigits.generate(50, 3);
        org.junit.jupiter.api.Assertions.assertEquals(a.fingerprint(), a.withName("another name").fingerprint());
        org.junit.jupiter.api.Assertions.assertEquals(a.fingerprint(), ProceduralDigits.generate(50, 3).fingerprint());
        org.junit.jupiter.api.Assertions.assertNotEquals(a.fingerprint(), ProceduralDigits.generate(50, 4).fingerprint());
        org.junit.jupiter.api.Assertions.assertNotEquals(a.fingerprint(), a.subset(0, 49).fingerprint());
        float[] px = new float[4];
        float[] py = new float[4];
        py[3] = 0.5f;
        org.junit.jupiter.api.Assertions.assertNotEquals(ImageDataset.of("x", 2, 2, px, null).fingerprint(),
                ImageDataset.of("x", 2, 2, py, null).fingerprint(), "one pixel apart");
    }
}
