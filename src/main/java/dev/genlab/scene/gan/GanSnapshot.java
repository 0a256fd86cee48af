package dev.genlab.scene.gan;

import dev.genlab.model.gan.Gan2D;
import dev.genlab.model.gan.GanLoss;

/**
 * What the plane panel of lesson 8 draws, computed by {@link GanLab} on the trainer thread. Arrays are
 * copies the lab no longer writes. Parts renewed less often than every snapshot are the same arrays
 * from one snapshot to the next (the panel redraws a layer only when its array changed).
 *
 * @param rounds       rounds trained (k D steps and one G step each) since the last reset
 * @param data         the data set's id
 * @param loss         the loss the GAN trains with now
 * @param realXs       a fixed set of real samples (drawn once per reset)
 * @param realYs
 * @param fakeXs       G's samples of a fixed noise set, so they move smoothly as G trains
 * @param fakeYs
 * @param heat         D over the grid, row j = 0 at ymin, {@link #HEAT_N} × {@link #HEAT_N}
 * @param extent       the grid's box {xmin, xmax, ymin, ymax} (also the plot's data extent)
 * @param output       what D's value means (a probability σ(d), an LSGAN score, a critic value)
 * @param warpRows     nodes of G's image of a grid in noise space (noise dims 1 and 2)
 * @param warpCols
 * @param warpXs       row by row
 * @param warpYs
 * @param arrowXs      fake points of the last G step (a subset) and where G pushes them: −n ∂L_G/∂x
 * @param arrowYs
 * @param arrowDxs
 * @param arrowDys
 * @param curveX       rounds of the loss curves
 * @param curveD       L_D of each round's last D step
 * @param curveG       L_G of each round's G step
 * @param metricsRound the round the divergences and mode coverage were measured at (−1: none yet)
 * @param kl           KL(p_data ‖ p_g) in nats by {@link dev.genlab.model.gan.GanMetrics}, NaN if none
 * @param js           JS(p_data, p_g) in nats
 * @param modes        K for a Gaussian mixture, 0 for other data
 * @param covered      modes covered
 * @param evenness     normalised entropy of the counts over covered modes
 * @param dSteps       D steps taken in all (rounds' and single ones)
 * @param gSteps       G steps taken in all
 * @param stepLossD    L_D of the last D step, a single one too (NaN before any)
 * @param stepLossG    L_G of the last G step
 * @param note         a bundle key of what stops training (drawn data with no points), or ""
 * @param config       the GAN's config now (the strip names its noise and networks)
 * @param subSteps     single D or G step commands applied since the lab was made (done or refused), so the
 *                     scene's slow motion sends the next only after the last one's snapshot was drawn
 * @param images       the image panel's part, null until that panel was shown
 */
public record GanSnapshot(long rounds, String data, GanLoss loss, double[] realXs, double[] realYs, double[] fakeXs,
                          double[] fakeYs, float[] heat, double[] extent, Gan2D.Output output, int warpRows,
                          int warpCols, double[] warpXs, double[] warpYs, double[] arrowXs, double[] arrowYs,
                          double[] arrowDxs, double[] arrowDys, double[] curveX, double[] curveD, double[] curveG,
                          long metricsRound, double kl, double js, int modes, int covered, double evenness,
                          long dSteps, long gSteps, double stepLossD, double stepLossG,
                          String note, Gan2D.Config config, long subSteps, ImageSnapshot images) {

    /** Cells per axis of the D(x) heat map. */
    public static final int HEAT_N = 128;

    public double lastD() {
        return curveD.length == 0 ? Double.NaN : curveD[curveD.length - 1];
    }

    public double lastG() {
        return curveG.length == 0 ? Double.NaN : curveG[curveG.length - 1];
    }
}
