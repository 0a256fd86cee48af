package dev.genlab.scene.autoregressive;

/**
 * What the continuous panel draws of {@link RnadeLab}, computed on the trainer thread (arrays handed over, never
 * changed after).
 *
 * @param toy                 the toy distribution's id
 * @param components          K, Gaussians per conditional
 * @param hidden              hidden units H
 * @param numParams           the network's parameters
 * @param adamSteps           Adam steps taken
 * @param batch               points per Adam step
 * @param adamPerStep         Adam steps in one step of the scene
 * @param trainPoints         training points
 * @param testPoints          held-out points the NLL is measured on
 * @param pointsX             x₁ of the training points drawn on the map
 * @param pointsY             x₂ of the same points
 * @param bounds              {x₁ min, x₁ max, x₂ min, x₂ max} of the map and the curves
 * @param density             the network's p(x₁, x₂) on gridSide² cell centres, row 0 at the bottom (smallest x₂)
 * @param gridSide            cells per side of the map
 * @param slice               the x₁ at which p(x₂ | x₁) is drawn (within the bounds)
 * @param x1                  the points of p(x₁)'s curves
 * @param marginal            the network's p(x₁)
 * @param marginalTruth       the toy's p(x₁), by quadrature of its density
 * @param marginalComponents  α_k N(x₁; μ_k, σ_k²), K rows
 * @param x2                  the points of p(x₂ | x₁)'s curves
 * @param conditional         the network's p(x₂ | x₁ = slice)
 * @param conditionalTruth    the toy's, by its density along the slice normalised; null where it has no mass
 * @param conditionalComponents its K weighted components
 * @param sliceWeights        the weights α_k of p(x₂ | x₁ = slice)
 * @param nllX                Adam steps of the held-out measurements
 * @param nllY                held-out −ln p(x) in nats per point
 * @param gaussianNll         the best Gaussian's held-out −ln p(x)
 * @param entropy             H(p) of the toy, the floor no model goes below on average
 */
public record RnadeView(String toy, int components, int hidden, int numParams, long adamSteps, int batch,
                        int adamPerStep, int trainPoints, int testPoints, float[] pointsX, float[] pointsY,
                        double[] bounds, float[] density, int gridSide, double slice, double[] x1, double[] marginal,
                        double[] marginalTruth, double[][] marginalComponents, double[] x2, double[] conditional,
                        double[] conditionalTruth, double[][] conditionalComponents, double[] sliceWeights,
                        double[] nllX, double[] nllY, double gaussianNll, double entropy) {

    /** The latest held-out −ln p(x), NaN before the first. */
    public double testNll() {
        return nllY.length == 0 ? Double.NaN : nllY[nllY.length - 1];
    }
}
