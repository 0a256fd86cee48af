package dev.genlab.scene.gan;

import java.util.List;

/**
 * What lesson 8's image panel draws, made by {@link ImageLab} on the trainer thread. Arrays are copies
 * the lab no longer writes; pictures renewed less often than every snapshot are the same arrays from
 * one snapshot to the next.
 *
 * @param steps        D+G steps trained since the start (the shipped checkpoint's own steps not counted)
 * @param conditional  the GAN takes a label
 * @param classes      its classes (0 when unconditional)
 * @param gridRows     rows of the fixed-noise grid (one per class when conditional)
 * @param gridCols     its columns (noise vectors)
 * @param grid         gridRows × gridCols images of 28 × 28 grey levels, row-major; null before the GAN exists
 * @param strip        {@link ImageLab#STRIP} images from the first seed's noise to the second's; null before
 * @param digit        the label of the strip when conditional
 * @param curveX       steps of the curves
 * @param curveD       the discriminator's batch loss −V(D, G) (log 4 when it cannot tell)
 * @param curveG       the generator's batch loss
 * @param curveReal    the mean D(x) on the real batch
 * @param curveFake    the mean D(G(z)) on the fake batch
 * @param counts       the nearest-class-mean label counts of {@link ImageLab#COVERAGE_SAMPLES} samples
 *                     (null when the images have no labels)
 * @param covered      classes with at least 2 % of the samples
 * @param evenness     the entropy of the counts over log C, 1 when every class is drawn equally often
 * @param agreement    conditional: the share of samples the classifier labels as asked (NaN otherwise)
 * @param coverageStep the step the coverage was measured at (−1: not yet)
 * @param shipped      the GAN started from the shipped checkpoint
 * @param shippedSteps the D+G steps that checkpoint was trained for (0 when unknown or not shipped)
 * @param notes        i18n keys of notes on the data and the start
 */
public record ImageSnapshot(long steps, boolean conditional, int classes, int gridRows, int gridCols, float[] grid,
                            float[] strip, int digit, double[] curveX, double[] curveD, double[] curveG,
                            double[] curveReal, double[] curveFake, int[] counts, int covered, double evenness,
                            double agreement, long coverageStep, boolean shipped, long shippedSteps,
                            List<String> notes) {
}
