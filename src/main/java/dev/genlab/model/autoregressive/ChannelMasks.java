package dev.genlab.model.autoregressive;

/**
 * Which channels of the current pixel a masked convolution lets each output channel read, when the channels are
 * ordered R → G → B (PixelRNN and PixelCNN, van den Oord et al. 2016): the feature maps are split into three groups,
 * one per colour, and group c may read the groups before it. Mask A, on the first layer, stops there, so the
 * prediction of R sees no colour of its own pixel, G sees R, B sees R and G. Mask B, on every later layer, also lets
 * a group read itself: the hidden group c then still carries nothing from input channels at or after c, so the
 * stack keeps the order. Pixels before the current one are read on every channel by both masks.
 */
public final class ChannelMasks {

    private ChannelMasks() {
    }

    /** allowed[out][in]: may output group {@code out} read input group {@code in} at the centre tap? */
    public static boolean[][] mask(char type, int channels) {
        if (type != 'A' && type != 'B') {
            throw new IllegalArgumentException("mask type A or B, got " + type);
        }
        boolean[][] m = new boolean[channels][channels];
        for (int out = 0; out < channels; out++) {
            for (int in = 0; in < channels; in++) {
                m[out][in] = type == 'A' ? in < out : in <= out;
            }
        }
        return m;
    }

    /**
     * What each output group of a stack of one mask-A layer and {@code bLayers} mask-B layers can see of the input
     * pixel's channels: the boolean product of the masks, out ← … ← in.
     */
    public static boolean[][] stack(int bLayers, int channels) {
        boolean[][] reach = mask('A', channels);
        boolean[][] b = mask('B', channels);
        for (int l = 0; l < bLayers; l++) {
            boolean[][] next = new boolean[channels][channels];
            for (int out = 0; out < channels; out++) {
                for (int mid = 0; mid < channels; mid++) {
                    if (b[out][mid]) {
                        for (int in = 0; in < channels; in++) {
                            next[out][in] |= reach[mid][in];
                        }
                    }
                }
            }
            reach = next;
        }
        return reach;
    }
}
