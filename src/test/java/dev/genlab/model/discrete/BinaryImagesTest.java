package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;

class BinaryImagesTest {

    @Test
    void allEnumeratesEveryImageWithPixelJAsBitJ() {
        BinaryImages all = BinaryImages.all(2, 2);
        assertEquals(16, all.count());
        assertArrayEquals(new byte[] {1, 0, 1, 1}, all.image(0b1101));
        java.util.Set<String> distinct = new java.util.HashSet<>();
        for (int i = 0; i < all.count(); i++) {
            distinct.add(java.util.Arrays.toString(all.image(i)));
        }
        assertEquals(16, distinct.size());
        assertThrows(IllegalArgumentException.class, () -> BinaryImages.all(5, 5));
    }

    @Test
    void fromBlockAveragesThenThresholds() {
        // Given a 4x4 image whose 2x2 blocks average to 1, 0.5, 0.25 and 0
        float[] px = {
            1, 1, 1, 0,
            1, 1, 0, 1,
            1, 0, 0, 0,
            0, 0, 0, 0,
        };
        ImageDataset d = ImageDataset.of("t", 4, 4, px, null);
        // When it is halved and thresholded at 0.5
        BinaryImages b = BinaryImages.from(d, 2, 0.5, 10);
        // Then blocks with mean >= 0.5 are on
        assertEquals(1, b.count());
        assertArrayEquals(new byte[] {1, 1, 0, 0}, b.image(0));
        assertEquals(2, b.rows());
    }

    @Test
    void fromKeepsAtMostMaxCount() {
        BinaryImages b = BinaryImages.from(TestImages.digits(), 7, 0.35, 30);
        assertEquals(30, b.count());
        assertEquals(49, b.pixels());
    }

    @Test
    void immutableAndChecked() {
        byte[] bits = {0, 1, 1, 0};
        BinaryImages b = new BinaryImages(1, 2, 2, bits);
        bits[0] = 1;
        b.bits()[1] = 0;
        assertArrayEquals(new byte[] {0, 1, 1, 0}, b.bits());
        assertEquals(1, b.bit(0, 2));
        assertThrows(IllegalArgumentException.class, () -> new BinaryImages(1, 2, 2, new byte[] {0, 2, 0, 0}));
        assertThrows(IllegalArgumentException.class, () -> new BinaryImages(2, 2, 2, new byte[4]));
    }

    @Test
    void subsetCopiesARange() {
        BinaryImages all = BinaryImages.all(1, 3);
        BinaryImages s = all.subset(2, 5);
        assertEquals(3, s.count());
        assertArrayEquals(all.image(2), s.image(0));
        assertArrayEquals(all.image(4), s.image(2));
        assertEquals(all.subset(2, 5), s);
    }
}
