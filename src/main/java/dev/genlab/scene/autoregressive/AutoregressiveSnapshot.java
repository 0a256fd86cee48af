package dev.genlab.scene.autoregressive;

/**
 * What the neural autoregressive view shows, computed on the trainer thread. Arrays are copies
 * the trainer no longer writes to. Pixels are row-major on the {@code side × side} image.
 *
 * @param side            image side (0 before there is a model)
 * @param model           "nade", "made" or "pixelcnn"
 * @param architecture    a short description, e.g. "NADE, H = 64, raster" (not translated: symbols)
 * @param numParams       parameters of the network
 * @param checkpointImages −1 when trained here from scratch, else how many images the shipped checkpoint trained on
 * @param trainCount      training images
 * @param evalCount       held-out images the test NLL and the baselines are measured on
 * @param steps           Adam steps the network has had (a checkpoint's included)
 * @param examples        training images seen in those steps
 * @param trainX          step of each training-batch NLL
 * @param trainY          the batch's mean −ln p(x) in nats per image, before its update
 * @param testX           step of each held-out evaluation
 * @param testY           mean −ln p(x) on the held-out images, nats per image
 * @param previousLabel   architecture of the run before the last reset ("" if none)
 * @param previousX       its held-out curve
 * @param previousY
 * @param independentNll  held-out NLL of independent pixels (counted, α = 0.5), nats per image
 * @param markovNll       held-out NLL of the best Markov chain of order 1 … 8 in raster order
 * @param markovK         that chain's order k
 * @param batchSize       images in one training step
 * @param batchMs         wall time of one training step (forward, backward, Adam), median of the last ones
 * @param sampleBatch     images in the sample grid
 * @param sampleMs        compute time it took to draw them: 784 sequential passes (NaN before the first)
 * @param samples         the sample grid, sampleBatch × pixels bits (empty before the first)
 * @param samplesStep     the step of the network that drew them
 * @param order           the model's ordering: order[t] is the pixel drawn at step t
 * @param sampler         the pixel-by-pixel sample so far (bits; pixels at steps ≥ samplerStep are 0)
 * @param samplerStep     steps drawn of it
 * @param samplerP        exact p(x = 1 | pixels drawn so far) of the next pixel (NaN when complete)
 * @param samplerNll      −ln p of the pixels drawn so far
 * @param estimates       for every pixel not drawn at estimateStep: the fraction of completions in
 *                        which it is 1, an estimate of p(x_j = 1 | the drawn part); NaN elsewhere
 * @param estimateStep    how many pixels were drawn when the completions started (−1: none yet)
 * @param estimateCount   completions averaged
 * @param fieldPixel      the receptive field's pixel
 * @param fieldDepth      layers counted (clamped to the model's depth)
 * @param maxDepth        the model's depth
 * @param field           the input pixels the conditional of fieldPixel can depend on through fieldDepth layers
 * @param fullField       the same through all the model's layers
 * @param inpaintInput    the image being inpainted (bits)
 * @param keepSteps       steps of the ordering kept as given
 * @param completions     inpainting results, completionCount × pixels bits (empty until done)
 * @param completionCount
 * @param jobProgress     0 … 1 of the job the panel waits for (samples, estimates or completions); 1 when idle
 * @param message         "" or message keys separated by spaces (the view shows them one after another)
 * @param testSe          standard error of the held-out NLL over the held-out images
 * @param freeParams      parameters that can change (MADE: the weights its masks keep and the biases; others numParams)
 * @param passes          sequential steps that ln p(x) of one image takes: 1 pass (MADE, PixelCNN) or D (NADE's
 *                        incremental form, a hidden update and a conditional per pixel); 0 before there is a model
 * @param multiplyAdds    multiply-adds of ln p(x) of one image in that form (−1: not counted)
 * @param naiveMultiplyAdds NADE's with every hidden pre-activation recomputed from scratch (−1: not NADE)
 * @param made            the figure of MADE's masks and its connectivity check (null unless the model is MADE)
 * @param fieldArch       whose field field and fullField are: "model" or an architecture id of ReceptiveFields
 * @param fieldSteps      that architecture's sequential steps per layer over one image (−1 for "model")
 * @param modelDepth      the network's own masked layers (maxDepth is the field's: 9 for another architecture)
 * @param previousParams  the previous run's parameters (free ones for MADE and FVSBN); 0 when there is none
 * @param continuous      the continuous panel's RNADE, while that panel shows (null otherwise)
 */
public record AutoregressiveSnapshot(int side, String model, String architecture, long numParams, int checkpointImages,
                                     int trainCount, int evalCount, long steps, long examples, double[] trainX,
                                     double[] trainY, double[] testX, double[] testY, String previousLabel,
                                     double[] previousX, double[] previousY, double independentNll, double markovNll,
                                     int markovK, int batchSize, double batchMs, int sampleBatch, double sampleMs,
                                     byte[] samples, long samplesStep, int[] order, byte[] sampler, int samplerStep,
                                     double samplerP, double samplerNll, float[] estimates, int estimateStep,
                                     int estimateCount, int fieldPixel, int fieldDepth, int maxDepth, boolean[] field, boolean[] fullField,
                                     byte[] inpaintInput, int keepSteps, byte[] completions, int completionCount,
                                     double jobProgress, String message, double testSe, long freeParams, int passes,
                                     long multiplyAdds, long naiveMultiplyAdds, MadeView made, String fieldArch,
                                     int fieldSteps, int modelDepth, long previousParams,
                                     RnadeView continuous) {

    public int pixels() {
        return side * side;
    }

    /** Nats per image as bits per pixel. */
    public double bitsPerPixel(double natsPerImage) {
        return natsPerImage / (pixels() * Math.log(2));
    }

    /** The newest held-out NLL, NaN before the first evaluation. */
    /** The held-out point with the lowest −ln p(x) so far: {step, nats}, or null before two evaluations. */
    public double[] bestTest() {
        if (testY.length < 2) {
            return null;
        }
        int b = 0;
        for (int i = 1; i < testY.length; i++) {
            if (testY[i] < testY[b]) {
                b = i;
            }
        }
        return new double[] {testX[b], testY[b]};
    }

    public double testNll() {
        return testY.length == 0 ? Double.NaN : testY[testY.length - 1];
    }

    /** Mean −ln p(x) of the last (up to) 25 training batches, NaN before the first step. */
    public double recentTrainNll() {
        int k = Math.min(25, trainY.length);
        double sum = 0;
        for (int i = trainY.length - k; i < trainY.length; i++) {
            sum += trainY[i];
        }
        return k == 0 ? Double.NaN : sum / k;
    }

    /** The previous run's held-out NLL at the newest step this run has reached too (NaN if none). */
    public double previousAtSameStep() {
        if (testX.length == 0 || previousX.length == 0) {
            return Double.NaN;
        }
        double x = testX[testX.length - 1];
        double best = Double.NaN;
        for (int i = 0; i < previousX.length; i++) {
            if (previousX[i] <= x) {
                best = previousY[i];
            }
        }
        return previousX[previousX.length - 1] >= x ? best : Double.NaN;
    }

    public boolean samplerComplete() {
        return samplerStep == pixels();
    }

    /** The pixel drawn next, −1 when the sample is complete. */
    public int samplerNext() {
        return samplerStep < order.length ? order[samplerStep] : -1;
    }
}
