package dev.genlab.scene.elbo;

/**
 * What the trainer-thread panels of lesson 7 show (Images and VAE), computed on the trainer thread.
 * Arrays are copies the trainer no longer writes. Images are 28 × 28 row-major, in [0, 1].
 *
 * @param images   the pPCA-on-images part (null until the Images panel has been shown)
 * @param vae      the VAE part (null until the VAE panel has been shown)
 * @param message  "" or message keys separated by spaces (data notes, a refused checkpoint)
 */
public record ElboSnapshot(ImagesPart images, VaePart vae, String message) {

    /**
     * pPCA fitted on the images with M latents, and the naive Monte Carlo estimate of log p(x) for one
     * held-out image.
     *
     * @param latents      M
     * @param dim          D (784)
     * @param trainCount   images fitted
     * @param fitMs        wall time of the fit (covariance and eigendecomposition)
     * @param mean         b, the mean image
     * @param components   the columns of W as images, M × D (signed)
     * @param samples      images drawn from the fitted model, sampleCount × D
     * @param sampleCount
     * @param sigma2       the fitted noise variance σ²
     * @param eigenvalues  the sample covariance's leading eigenvalues (descending, up to 32)
     * @param probe        the held-out image whose log p(x) is estimated
     * @param exact        its exact log p(x) under the M-latent model, nats
     * @param k            Monte Carlo samples per estimate
     * @param estimates    repeated naive estimates log (1/K) Σ p(x | z_k), z_k ~ p(z), at M
     * @param byM          for M = 1 … byM.length: {exact, mean estimate, sd of the estimates}, at the same K
     */
    public record ImagesPart(int latents, int dim, int trainCount, double fitMs, float[] mean, float[] components,
                             float[] samples, int sampleCount, double sigma2, double[] eigenvalues, float[] probe,
                             double exact, int k, double[] estimates, double[][] byM) {
    }

    /**
     * The VAE and its autoencoder twin.
     *
     * @param architecture     e.g. "784-256-2, Bernoulli, MLP decoder" (symbols, not translated)
     * @param numParams        parameters of the VAE
     * @param fromCheckpoint   true when the networks started from the shipped checkpoints
     * @param latent           latent size
     * @param steps            Adam steps of the VAE (the AE takes as many)
     * @param beta             β used by the last step (after warm-up)
     * @param trainX           steps of the training curve
     * @param trainElbo        running mean of the batch ELBO, nats per image
     * @param trainRecon       running mean of E_q log p(x|z)
     * @param trainKl          running mean of KL(q(z|x) ‖ p(z))
     * @param testX            steps of the held-out evaluations
     * @param testElbo         held-out ELBO
     * @param iwX              steps of the importance-sampled estimates
     * @param iwLogPx          held-out log p(x) by importance sampling (K = {@link ElboLab#IW_K})
     * @param iwElbo           the ELBO of the same images by the same network, for the gap
     * @param references       held-out log-likelihoods of other models on the same binarised images, nats
     *                         ({name, value} pairs: independent pixels always; NADE and PixelCNN from their
     *                         shipped checkpoints when the images are the built-in digits); empty for grey levels
     * @param klPerDim         held-out KL per latent dimension (the last evaluation)
     * @param mapVae           held-out codes μ(x), mapCount × latent
     * @param mapAe            the AE's codes of the same images
     * @param mapCount
     * @param labels           their labels (−1 unlabelled)
     * @param factors          the built-in digits' generating factors of those images: {slant[], thickness[], scale[]},
     *                         null for other data
     * @param tiles            decoder means over a tileSide × tileSide grid of the plane of dims (sliceI, sliceJ)
     *                         (other dims 0), row by row from the top (z_j = +tileExtent) left to right
     * @param tileSide
     * @param tileExtent       the grid spans [−tileExtent, tileExtent] in both dims
     * @param sliceI           the latent dims shown on the map's axes
     * @param sliceJ
     * @param originals        the fixed held-out batch, reconCount × D
     * @param reconVae         their reconstructions by the VAE (decoder mean at μ)
     * @param reconAe          and by the AE
     * @param reconCount
     * @param samplesVae       decoder means at z ~ N(0, I), sampleCount × D
     * @param samplesAe        the AE's decoder at the same z
     * @param sampleCount
     * @param decodedZ         the latent point last asked for (null if none)
     * @param decoded          the VAE decoder's mean there
     * @param decodedAe        the AE decoder's mean there
     * @param reparam          μ, σ, ε and z of the first held-out image ({mu, sigma, eps, z}), with its image
     * @param decoderVae       a plain-Java copy of the VAE's decoder, to decode at the pointer on the JavaFX thread
     *                         (null for the autoregressive decoder); renewed with the map
     * @param decoderAe        the same for the AE
     * @param batchMs          median wall time of one VAE + AE training step
     * @param evalCount        held-out images evaluated
     */
    public record VaePart(String architecture, long numParams, boolean fromCheckpoint, int latent, long steps, double beta,
                          double[] trainX, double[] trainElbo, double[] trainRecon, double[] trainKl, double[] testX,
                          double[] testElbo, double[] iwX, double[] iwLogPx, double[] iwElbo, String[] referenceNames,
                          double[] references, double[] klPerDim, float[] mapVae, float[] mapAe, int mapCount,
                          int[] labels, double[][] factors, float[] tiles, int tileSide, double tileExtent, int sliceI,
                          int sliceJ, float[] originals, float[] reconVae, float[] reconAe, int reconCount,
                          float[] samplesVae, float[] samplesAe, int sampleCount, float[] decodedZ, float[] decoded,
                          float[] decodedAe, float[][] reparam, dev.genlab.model.latent.VaeDecoderCopy decoderVae,
                          dev.genlab.model.latent.VaeDecoderCopy decoderAe, double batchMs, int evalCount) {
    }
}
