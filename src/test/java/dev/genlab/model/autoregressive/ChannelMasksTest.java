package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link ChannelMasks}: the R → G → B order within a pixel survives any depth, checked path by path. */
class ChannelMasksTest {

    /** Is there a chain in → … → out through one A layer then {@code b} B layers? Tried edge by edge, recursively. */
    private static boolean path(int out, int in, int b, int channels) {
        if (b == 0) {
            return in < out; // the A layer: strictly earlier groups
        }
        for (int mid = 0; mid <= out; mid++) { // a B layer: groups up to and including its own
            if (path(mid, in, b - 1, channels)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void masksAsTheOrderRequires() {
        boolean[][] a = ChannelMasks.mask('A', 3);
        boolean[][] b = ChannelMasks.mask('B', 3);
        // R sees nothing of its own pixel under A, G sees R, B sees R and G; B adds each group to itself
        assertFalse(a[0][0] || a[0][1] || a[0][2]);
        assertTrue(a[1][0] && !a[1][1] && !a[1][2]);
        assertTrue(a[2][0] && a[2][1] && !a[2][2]);
        for (int c = 0; c < 3; c++) {
            assertFalse(a[c][c]);
            assertTrue(b[c][c]);
        }
        assertThrows(IllegalArgumentException.class, () -> ChannelMasks.mask('C', 3));
    }

    @Test
    void anyStackSeesOnlyEarlierChannelsOfItsPixel() {
        for (int channels = 1; channels <= 4; channels++) {
            for (int depth = 0; depth <= 6; depth++) {
                boolean[][] s = ChannelMasks.stack(depth, channels);
                for (int out = 0; out < channels; out++) {
                    for (int in = 0; in < channels; in++) {
                        assertEquals(path(out, in, depth, channels), s[out][in], out + "<-" + in + " at depth " + depth);
                        assertEquals(in < out, s[out][in], "never its own channel or a later one");
                    }
                }
            }
        }
    }
}
