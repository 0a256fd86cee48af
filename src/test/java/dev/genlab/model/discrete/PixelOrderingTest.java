package dev.genlab.model.discrete;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class PixelOrderingTest {

    @Test
    void everyOrderingIsAPermutationWithItsInverse() {
        int[][] sizes = {{1, 1}, {2, 2}, {3, 3}, {4, 4}, {2, 5}, {7, 7}, {5, 3}, {28, 28}, {16, 16}};
        for (int[] s : sizes) {
            for (String id : PixelOrdering.IDS) {
                PixelOrdering o = PixelOrdering.byId(id, s[0], s[1], 42);
                int[] order = o.order();
                int[] sorted = order.clone();
                Arrays.sort(sorted);
                for (int j = 0; j < sorted.length; j++) {
                    assertEquals(j, sorted[j], id + " " + s[0] + "x" + s[1]);
                }
                int[] pos = o.position();
                for (int t = 0; t < order.length; t++) {
                    assertEquals(t, pos[order[t]]);
                }
                assertEquals(id, o.id());
            }
        }
    }

    @Test
    void smallOrderingsWrittenOut() {
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, PixelOrdering.raster(2, 3).order());
        assertArrayEquals(new int[] {0, 3, 1, 4, 2, 5}, PixelOrdering.column(2, 3).order());
        assertArrayEquals(new int[] {0, 1, 2, 5, 4, 3}, PixelOrdering.snake(2, 3).order());
        // (row, col): (0,0) (1,0) (1,1) (0,1)
        assertArrayEquals(new int[] {0, 2, 3, 1}, PixelOrdering.hilbert(2, 2).order());
    }

    @Test
    void hilbertStepsAreFourAdjacentOnPowerOfTwoSquares() {
        for (int side = 1; side <= 64; side *= 2) {
            int[] o = PixelOrdering.hilbert(side, side).order();
            for (int t = 1; t < o.length; t++) {
                int dr = Math.abs(o[t] / side - o[t - 1] / side);
                int dc = Math.abs(o[t] % side - o[t - 1] % side);
                assertEquals(1, dr + dc, "side " + side + " step " + t);
            }
        }
    }

    @Test
    void randomIsSeeded() {
        assertArrayEquals(PixelOrdering.random(7, 7, 5).order(), PixelOrdering.random(7, 7, 5).order());
        assertNotEquals(Arrays.toString(PixelOrdering.random(7, 7, 5).order()),
                Arrays.toString(PixelOrdering.random(7, 7, 6).order()));
    }

    @Test
    void rejectsWhatIsNotAPermutation() {
        assertThrows(IllegalArgumentException.class, () -> new PixelOrdering("x", 2, 2, new int[] {0, 1, 1, 3}));
        assertThrows(IllegalArgumentException.class, () -> new PixelOrdering("x", 2, 2, new int[] {0, 1, 2}));
        assertThrows(IllegalArgumentException.class, () -> PixelOrdering.byId("spiral", 2, 2, 0));
    }
}
