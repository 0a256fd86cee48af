package dev.genlab.scene.counting;

import java.math.BigInteger;
import java.util.List;

/**
 * What the counting view shows, computed on the trainer thread.
 *
 * @param side     image side
 * @param rows     one per model family, fitted or counted only
 * @param sides    x of the chart: image sides 1..28
 * @param log10Counts for each family in {@link #rows} order, log10 of its parameter count at each side
 * @param allImages for 2 x 2 images: p(x) of each of the 16 images under each fitted model (row order), else empty
 * @param trainCount images the models were fitted on
 * @param testCount  held-out images
 * @param message  "" or a message key (e.g. no images yet)
 * @param chart    what the chart shows, "counts" or "nll" (the chart knob)
 * @param markovK  the knob's k
 * @param neighbourM the knob's m
 * @param curves   train and held-out NLL over k and m at this size, or null until the chart asks for them
 */
public record CountingSnapshot(int side, List<Row> rows, double[] sides, List<double[]> log10Counts,
                               List<double[]> allImages, int trainCount, int testCount, String message,
                               String chart, int markovK, int neighbourM, Curves curves) {

    /**
     * Nats per image of the Markov chain in raster order at k = 0 … 8 and of the causal neighbourhood
     * at m = 0 … 12, fitted on the training images (as lesson 4's scene fits them): the rise and fall the
     * lesson's sweet spot is about. Held-out values are +inf where an image gets probability 0.
     */
    public record Curves(double[] markovTrain, double[] markovTest, double[] neighbourTrain, double[] neighbourTest) {

        /** Index of the smallest finite value, -1 when none is finite. */
        public static int argmin(double[] v) {
            int at = -1;
            for (int i = 0; i < v.length; i++) {
                if (Double.isFinite(v[i]) && (at < 0 || v[i] < v[at])) {
                    at = i;
                }
            }
            return at;
        }
    }

    /**
     * One model family.
     *
     * @param id        family id: full, independent, markov, neighbourhood, fvsbn, nade
     * @param params    exact number of free parameters at this image size
     * @param fitted    true when the model was fitted here (false: counted for reference only)
     * @param trainNll  nats per image on the training images (NaN when not fitted)
     * @param testNll   nats per image on held-out images (NaN when not fitted; +inf when a test
     *                  image has probability 0, as with no smoothing)
     * @param samples   fitted models' samples as grey images to draw: ink (x = 1) black (0), paper white (1)
     */
    public record Row(String id, BigInteger params, boolean fitted, double trainNll, double testNll,
                      List<float[]> samples) {

        /** Held-out bits per pixel: nats per image over n ln 2. */
        public double testBitsPerPixel(int pixels) {
            return testNll / (pixels * Math.log(2));
        }
    }
}
