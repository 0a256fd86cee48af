package dev.genlab.plot;

import javafx.scene.paint.Color;

/**
 * A perceptually uniform, colour-blind-safe colour map from [0, 1] to opaque ARGB.
 *
 * <p>{@link #VIRIDIS} is sequential (van der Walt and Smith, matplotlib 2015, CC0 data) for
 * densities and probabilities. {@link #COOL_WARM} is diverging (Moreland, "Diverging Color Maps
 * for Scientific Visualization", 2009), symmetric about t = 0.5 with a neutral grey centre, for
 * signed values such as log-det-Jacobians or D(x) - 1/2. NaN maps to transparent so that
 * undefined cells show the plot background.
 */
public final class ColorMap {

    /** ARGB for NaN: fully transparent. */
    public static final int NAN_ARGB = 0x00000000;

    private static final int SIZE = 256;

    /** matplotlib's viridis, 256 entries as published, RGB without alpha. */
    private static final int[] VIRIDIS_RGB = {
            0x440154, 0x440256, 0x450457, 0x450559, 0x46075A, 0x46085C, 0x460A5D, 0x460B5E,
            0x470D60, 0x470E61, 0x471063, 0x471164, 0x471365, 0x481467, 0x481668, 0x481769,
            0x48186A, 0x481A6C, 0x481B6D, 0x481C6E, 0x481D6F, 0x481F70, 0x482071, 0x482173,
            0x482374, 0x482475, 0x482576, 0x482677, 0x482878, 0x482979, 0x472A7A, 0x472C7A,
            0x472D7B, 0x472E7C, 0x472F7D, 0x46307E, 0x46327E, 0x46337F, 0x463480, 0x453581,
            0x453781, 0x453882, 0x443983, 0x443A83, 0x443B84, 0x433D84, 0x433E85, 0x423F85,
            0x424086, 0x424186, 0x414287, 0x414487, 0x404588, 0x404688, 0x3F4788, 0x3F4889,
            0x3E4989, 0x3E4A89, 0x3E4C8A, 0x3D4D8A, 0x3D4E8A, 0x3C4F8A, 0x3C508B, 0x3B518B,
            0x3B528B, 0x3A538B, 0x3A548C, 0x39558C, 0x39568C, 0x38588C, 0x38598C, 0x375A8C,
            0x375B8D, 0x365C8D, 0x365D8D, 0x355E8D, 0x355F8D, 0x34608D, 0x34618D, 0x33628D,
            0x33638D, 0x32648E, 0x32658E, 0x31668E, 0x31678E, 0x31688E, 0x30698E, 0x306A8E,
            0x2F6B8E, 0x2F6C8E, 0x2E6D8E, 0x2E6E8E, 0x2E6F8E, 0x2D708E, 0x2D718E, 0x2C718E,
            0x2C728E, 0x2C738E, 0x2B748E, 0x2B758E, 0x2A768E, 0x2A778E, 0x2A788E, 0x29798E,
            0x297A8E, 0x297B8E, 0x287C8E, 0x287D8E, 0x277E8E, 0x277F8E, 0x27808E, 0x26818E,
            0x26828E, 0x26828E, 0x25838E, 0x25848E, 0x25858E, 0x24868E, 0x24878E, 0x23888E,
            0x23898E, 0x238A8D, 0x228B8D, 0x228C8D, 0x228D8D, 0x218E8D, 0x218F8D, 0x21908D,
            0x21918C, 0x20928C, 0x20928C, 0x20938C, 0x1F948C, 0x1F958B, 0x1F968B, 0x1F978B,
            0x1F988B, 0x1F998A, 0x1F9A8A, 0x1E9B8A, 0x1E9C89, 0x1E9D89, 0x1F9E89, 0x1F9F88,
            0x1FA088, 0x1FA188, 0x1FA187, 0x1FA287, 0x20A386, 0x20A486, 0x21A585, 0x21A685,
            0x22A785, 0x22A884, 0x23A983, 0x24AA83, 0x25AB82, 0x25AC82, 0x26AD81, 0x27AD81,
            0x28AE80, 0x29AF7F, 0x2AB07F, 0x2CB17E, 0x2DB27D, 0x2EB37C, 0x2FB47C, 0x31B57B,
            0x32B67A, 0x34B679, 0x35B779, 0x37B878, 0x38B977, 0x3ABA76, 0x3BBB75, 0x3DBC74,
            0x3FBC73, 0x40BD72, 0x42BE71, 0x44BF70, 0x46C06F, 0x48C16E, 0x4AC16D, 0x4CC26C,
            0x4EC36B, 0x50C46A, 0x52C569, 0x54C568, 0x56C667, 0x58C765, 0x5AC864, 0x5CC863,
            0x5EC962, 0x60CA60, 0x63CB5F, 0x65CB5E, 0x67CC5C, 0x69CD5B, 0x6CCD5A, 0x6ECE58,
            0x70CF57, 0x73D056, 0x75D054, 0x77D153, 0x7AD151, 0x7CD250, 0x7FD34E, 0x81D34D,
            0x84D44B, 0x86D549, 0x89D548, 0x8BD646, 0x8ED645, 0x90D743, 0x93D741, 0x95D840,
            0x98D83E, 0x9BD93C, 0x9DD93B, 0xA0DA39, 0xA2DA37, 0xA5DB36, 0xA8DB34, 0xAADC32,
            0xADDC30, 0xB0DD2F, 0xB2DD2D, 0xB5DE2B, 0xB8DE29, 0xBADE28, 0xBDDF26, 0xC0DF25,
            0xC2DF23, 0xC5E021, 0xC8E020, 0xCAE11F, 0xCDE11D, 0xD0E11C, 0xD2E21B, 0xD5E21A,
            0xD8E219, 0xDAE319, 0xDDE318, 0xDFE318, 0xE2E418, 0xE5E419, 0xE7E419, 0xEAE51A,
            0xECE51B, 0xEFE51C, 0xF1E51D, 0xF4E61E, 0xF6E620, 0xF8E621, 0xFBE723, 0xFDE725,
    };

    public static final ColorMap VIRIDIS = new ColorMap("viridis", false, withAlpha(VIRIDIS_RGB));
    public static final ColorMap COOL_WARM = new ColorMap("cool-warm", true, MshDiverging.table(SIZE));

    private final String name;
    private final boolean diverging;
    private final int[] argb;

    private ColorMap(String name, boolean diverging, int[] argb) {
        this.name = name;
        this.diverging = diverging;
        this.argb = argb;
    }

    public String name() {
        return name;
    }

    /** True for a map meant for signed values, centred on t = 0.5. */
    public boolean isDiverging() {
        return diverging;
    }

    /** ARGB for t in [0, 1]; t outside is clamped, NaN gives {@link #NAN_ARGB}. */
    public int argb(double t) {
        if (Double.isNaN(t)) {
            return NAN_ARGB;
        }
        int i = (int) (t * (SIZE - 1) + 0.5);
        return argb[i < 0 ? 0 : Math.min(i, SIZE - 1)];
    }

    /** The colour for value v on the scale [min, max]. */
    public int argb(double v, double min, double max) {
        return argb(max > min ? (v - min) / (max - min) : 0.5);
    }

    public Color color(double t) {
        int c = argb(t);
        return Color.rgb((c >> 16) & 0xFF, (c >> 8) & 0xFF, c & 0xFF, ((c >>> 24) & 0xFF) / 255.0);
    }

    @Override
    public String toString() {
        return name;
    }

    private static int[] withAlpha(int[] rgb) {
        int[] out = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            out[i] = 0xFF000000 | rgb[i];
        }
        return out;
    }

    /**
     * Moreland's diverging map: interpolate in Msh space (polar CIELAB) from blue (59, 76, 192,
     * {@link FigureColour#COOL_BLUE}) to red (180, 4, 38, {@link FigureColour#WARM_RED}) through a white point of M = 88, spinning the hue near the centre so
     * the ends stay saturated while the centre stays neutral.
     */
    private static final class MshDiverging {
        private static final double XN = 0.95047, YN = 1.0, ZN = 1.08883;

        static int[] table(int n) {
            double[] a = rgbToMsh(FigureColour.COOL_BLUE.color());
            double[] b = rgbToMsh(FigureColour.WARM_RED.color());
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = mshToArgb(interpolate(a, b, i / (double) (n - 1)));
            }
            return out;
        }

        private static double[] interpolate(double[] a, double[] b, double t) {
            double mMid = Math.max(Math.max(a[0], b[0]), 88.0);
            double[] s = a.clone();
            double[] e = b.clone();
            if (t < 0.5) {
                e = new double[] {mMid, 0, 0};
                t *= 2;
            } else {
                s = new double[] {mMid, 0, 0};
                t = 2 * t - 1;
            }
            if (s[1] < 0.05 && e[1] > 0.05) {
                s[2] = adjustHue(e, s[0]);
            } else if (e[1] < 0.05 && s[1] > 0.05) {
                e[2] = adjustHue(s, e[0]);
            }
            return new double[] {
                (1 - t) * s[0] + t * e[0], (1 - t) * s[1] + t * e[1], (1 - t) * s[2] + t * e[2]};
        }

        private static double adjustHue(double[] msh, double unsatM) {
            if (msh[0] >= unsatM) {
                return msh[2];
            }
            double spin = msh[1] * Math.sqrt(unsatM * unsatM - msh[0] * msh[0])
                    / (msh[0] * Math.sin(msh[1]));
            return msh[2] > -Math.PI / 3 ? msh[2] + spin : msh[2] - spin;
        }

        private static double[] rgbToMsh(Color c) {
            double lr = toLinear(c.getRed()), lg = toLinear(c.getGreen()), lb = toLinear(c.getBlue());
            double x = 0.4124564 * lr + 0.3575761 * lg + 0.1804375 * lb;
            double y = 0.2126729 * lr + 0.7151522 * lg + 0.0721750 * lb;
            double z = 0.0193339 * lr + 0.1191920 * lg + 0.9503041 * lb;
            double fx = f(x / XN), fy = f(y / YN), fz = f(z / ZN);
            double l = 116 * fy - 16, a = 500 * (fx - fy), b = 200 * (fy - fz);
            double m = Math.sqrt(l * l + a * a + b * b);
            return new double[] {m, Math.acos(l / m), Math.atan2(b, a)};
        }

        private static int mshToArgb(double[] msh) {
            double l = msh[0] * Math.cos(msh[1]);
            double a = msh[0] * Math.sin(msh[1]) * Math.cos(msh[2]);
            double b = msh[0] * Math.sin(msh[1]) * Math.sin(msh[2]);
            double fy = (l + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
            double x = XN * fInv(fx), y = YN * fInv(fy), z = ZN * fInv(fz);
            double lr = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
            double lg = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
            double lb = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
            return 0xFF000000 | (to8(lr) << 16) | (to8(lg) << 8) | to8(lb);
        }

        private static double f(double t) {
            return t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16.0 / 116;
        }

        private static double fInv(double t) {
            return t > 0.20689 ? t * t * t : (t - 16.0 / 116) / 7.787;
        }

        private static double toLinear(double c) {
            return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
        }

        private static int to8(double linear) {
            double c = linear <= 0.0031308 ? 12.92 * linear : 1.055 * Math.pow(linear, 1 / 2.4) - 0.055;
            return (int) Math.round(Math.max(0, Math.min(1, c)) * 255);
        }
    }
}
