package dev.genlab.scene.density;

import dev.genlab.math.Gaussian2D;
import dev.genlab.math.LogMath;

/**
 * What the density view draws, copied out of the trainer thread: data, model samples, the
 * model's log-density on a grid, the mixture's parameters and the log-likelihood history.
 *
 * @param iteration  EM iterations since the last reset
 * @param dataX      training points
 * @param dataY      training points
 * @param dataComponent index of each point's most responsible component
 * @param dataLogP   log p_theta of each training point
 * @param sampleX    samples from the model
 * @param sampleY    samples from the model
 * @param grid       log p_theta on a gridW x gridH lattice of cell centres over extent, row 0 at yMin
 * @param gridW      grid width
 * @param gridH      grid height
 * @param extent     xMin, xMax, yMin, yMax of the grid
 * @param weights    mixture weights pi_k
 * @param means      mu_k as x0, y0, x1, y1, ...
 * @param covs       Sigma_k as sxx0, sxy0, syy0, sxx1, ...
 * @param history    average log-likelihood of the training data after 0, 1, 2, ... iterations
 * @param testHistory average log-likelihood of held-out data (NaN entries when there is none)
 * @param entropy    H(p) of the true distribution in nats, NaN when unknown (drawn data)
 * @param bounds     xMin, xMax, yMin, yMax holding the data: the plot's home view
 * @param message    a note for the user ("" when none)
 * @param regulariser λ, the variance EM adds to each covariance's diagonal (0 before a fit)
 */
public record DensitySnapshot(long iteration, float[] dataX, float[] dataY, int[] dataComponent, float[] dataLogP,
                              float[] sampleX, float[] sampleY, float[] grid, int gridW, int gridH, double[] extent,
                              double[] weights, double[] means, double[] covs, double[] history, double[] testHistory, double entropy,
                              double[] bounds, String message, double regulariser) {

    public int components() {
        return weights.length;
    }

    /** Average log-likelihood of the training data under the current model (nats per point). */
    public double avgLogLikelihood() {
        return history.length == 0 ? Double.NaN : history[history.length - 1];
    }

    /** Average log-likelihood of the held-out data, NaN when there is none. */
    public double testLogLikelihood() {
        return testHistory.length == 0 ? Double.NaN : testHistory[testHistory.length - 1];
    }

    /** log p_theta(x, y) of the mixture this snapshot holds, evaluated exactly. */
    public double logDensity(double x, double y) {
        int k = weights.length;
        if (k == 0) {
            return Double.NaN;
        }
        double[] terms = new double[k];
        for (int j = 0; j < k; j++) {
            terms[j] = Math.log(weights[j]) + new Gaussian2D(means[2 * j], means[2 * j + 1],
                    covs[3 * j], covs[3 * j + 1], covs[3 * j + 2]).logDensity(x, y);
        }
        return LogMath.logSumExp(terms);
    }
}
