package dev.genlab.scene.flow;

import dev.genlab.model.flow.Flow;

/**
 * What the 2-D panels draw, computed on the trainer thread; arrays are copies nobody writes to.
 *
 * <p>The trace follows {@code samples} base points, then the {@code (cells+1)²} corners of the
 * base-plane grid over [−{@link FlowLab#BOX}, {@link FlowLab#BOX}]², then its {@code cells²} cell
 * centres, through the layers in the sampling direction: {@code traceX[k]} is after k layers,
 * {@code traceLogDet[k]} the running Σ log|det ∂f_j/∂z| of those k layers.
 *
 * @param steps          Adam steps since the reset
 * @param nll            batch NLL of the last step (nats), NaN before the first
 * @param heldOutNll     NLL on fixed held-out points from the data (nats)
 * @param history        batch NLL of every step so far
 * @param entropy        H(p) of the true distribution (NaN: unknown, e.g. drawn points, or not computed yet)
 * @param layerNames     the stack, sampling order
 * @param layerKinds     per layer a {@link FlowLab#KINDS} kind (or "lu")
 * @param numParams      trainable parameters of the stack
 * @param layerJacobian  what the layers panel asked for: ∂f_k/∂z of the selected layer (the first coupling
 *                       when none is) at the state its base-plane point reaches before it; null in other panels
 * @param linearIndex    the layer the matrix sliders edit (−1 none) and its matrix
 * @param linearMatrix
 * @param density        log p_x on a grid (over the data for training, over the warped grid otherwise)
 * @param dataX          a fixed batch of data …
 * @param latentX        … and its codes z = f⁻¹(x)
 * @param qqX            {base quantiles, sorted latent x}; qqY for y
 * @param message        "" or a sentence to show (a refused edit, a layer's health)
 * @param heldOutLogPz   mean log p_z(f⁻¹(x)) over the held-out points …
 * @param heldOutLogDet  … and mean Σ_k log|det ∂f_k⁻¹/∂x| (0 for a volume-preserving stack): −heldOutNll is their sum
 * @param point          the training panel's chosen data point, log p(x) term by term (null elsewhere)
 * @param speed          the density of the held-out points and as many samples, timed, with the MADE passes each
 *                       made (null before the first held-out evaluation)
 * @param dequant        the dequantisation panel's read-out (null in other panels)
 */
public record FlowLabSnapshot(long steps, double nll, double heldOutNll, double[] history, double entropy,
                              String dataset, String[] layerNames, String[] layerKinds, int numParams,
                              FlowLab.LayerJacobian layerJacobian, int linearIndex, double[] linearMatrix, int samples, int cells,
                              double[][] traceX, double[][] traceY, double[][] traceLogDet,
                              Flow.DensityGrid density, double[] dataX, double[] dataY, double[] latentX,
                              double[] latentY, double[][] qqX, double[][] qqY, String message,
                              double heldOutLogPz, double heldOutLogDet, FlowLab.PointTerms point,
                              FlowLab.Speed speed, DequantLab.View dequant) {

    public int layers() {
        return layerNames.length;
    }

    /** Index in the trace of corner (i, j) of the base grid. */
    public int corner(int i, int j) {
        return samples + j * (cells + 1) + i;
    }

    /** Index in the trace of the centre of cell (i, j). */
    public int centre(int i, int j) {
        return samples + (cells + 1) * (cells + 1) + j * cells + i;
    }

    /** Area of cell (i, j) after k layers (shoelace on its mapped corners). */
    public double cellArea(int k, int i, int j) {
        double[] x = traceX[k];
        double[] y = traceY[k];
        int a = corner(i, j);
        int b = corner(i + 1, j);
        int c = corner(i + 1, j + 1);
        int d = corner(i, j + 1);
        double s = x[a] * y[b] - x[b] * y[a] + x[b] * y[c] - x[c] * y[b] + x[c] * y[d] - x[d] * y[c]
                + x[d] * y[a] - x[a] * y[d];
        return 0.5 * Math.abs(s);
    }

    /** Area of one base-plane cell. */
    public double cellAreaBefore() {
        double w = 2 * FlowLab.BOX / cells;
        return w * w;
    }

    /** Mean over the samples of the running log-det after k layers. */
    public double meanLogDet(int k) {
        double s = 0;
        for (int i = 0; i < samples; i++) {
            s += traceLogDet[k][i];
        }
        return s / samples;
    }
}
