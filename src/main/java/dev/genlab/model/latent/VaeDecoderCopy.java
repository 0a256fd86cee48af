package dev.genlab.model.latent;

/**
 * A copy of a {@link Vae}'s MLP decoder in plain Java arrays, for the JavaFX thread: the decoder's mean
 * sigmoid(relu(z W₁ + b₁) W₂ + b₂) at one latent point. With a 2-D latent and 256 hidden units that is
 * about 200,000 multiply-adds, a fraction of a millisecond, so a drag on lesson 7's latent map shows the
 * decoded image in the same frame instead of after a round trip to the trainer thread and the next pulse
 * (which measured 26 ms). Views never call ND4J: this is why the copy is plain arrays. Only for the MLP
 * decoder; the autoregressive one decodes pixel by pixel on the trainer thread.
 */
public final class VaeDecoderCopy {

    private final int latent;
    private final int hidden;
    private final int out;
    /** W₁ column-major latent × hidden, b₁, W₂ column-major hidden × out, b₂: Mlp's layout. */
    private final float[] w;
    private final int b1;
    private final int w2;
    private final int b2;

    private VaeDecoderCopy(int latent, int hidden, int out, float[] w) {
        this.latent = latent;
        this.hidden = hidden;
        this.out = out;
        this.w = w;
        b1 = latent * hidden;
        w2 = b1 + hidden;
        b2 = w2 + hidden * out;
    }

    /** The decoder of this network now, or null when it is autoregressive. Trainer thread (reads ND4J). */
    public static VaeDecoderCopy of(Vae vae) {
        Vae.Config c = vae.config();
        if (c.decoder() != Vae.Decoder.MLP) {
            return null;
        }
        float[] all = vae.parameters();
        long encoder = (long) c.inputDim() * c.hidden() + c.hidden() + (long) c.hidden() * 2 * c.latent() + 2L * c.latent();
        int n = c.latent() * c.hidden() + c.hidden() + c.hidden() * c.inputDim() + c.inputDim();
        float[] w = java.util.Arrays.copyOfRange(all, (int) encoder, (int) encoder + n);
        return new VaeDecoderCopy(c.latent(), c.hidden(), c.inputDim(), w);
    }

    public int latent() {
        return latent;
    }

    /** The decoder's mean at z: Bernoulli probabilities or Gaussian means, as {@link Vae#decode}. */
    public float[] decode(float[] z) {
        if (z.length != latent) {
            throw new IllegalArgumentException("z has " + z.length + " values, the decoder " + latent);
        }
        float[] h = new float[hidden];
        for (int j = 0; j < hidden; j++) {
            double s = w[b1 + j];
            int col = j * latent;
            for (int i = 0; i < latent; i++) {
                s += z[i] * w[col + i];
            }
            h[j] = (float) Math.max(0, s);
        }
        float[] x = new float[out];
        for (int k = 0; k < out; k++) {
            double s = w[b2 + k];
            int col = w2 + k * hidden;
            for (int j = 0; j < hidden; j++) {
                s += h[j] * w[col + j];
            }
            x[k] = (float) (1 / (1 + Math.exp(-s)));
        }
        return x;
    }
}
