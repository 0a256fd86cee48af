package dev.genlab.scene.autoregressive;

import dev.genlab.data.ImageDataset;
import dev.genlab.model.discrete.BinaryImageModel;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.IndependentModel;
import dev.genlab.model.discrete.MarkovModel;
import dev.genlab.model.discrete.PixelOrdering;

/**
 * Lesson 5's images and counting baselines, for every lesson that reports numbers on them: the binarised
 * training images, the held-out images the NLLs are measured on, and the two counting models fitted to the
 * training images (independent pixels; the Markov chain whose order k in 1..8 scores best on other held-out
 * images than those it reports). {@link AutoregressiveLab} and the families comparison both load through
 * here, so their numbers are the same numbers. Plain Java, any thread.
 *
 * @param notes      message keys about the images ("ar.note.resized", "ar.note.noHeldOut"), space separated
 * @param markov     the chosen chain; {@code markovK} its order
 */
public record HeldOut(BinaryImages train, BinaryImages eval, String notes, IndependentModel independent,
                      double independentNll, BinaryImageModel markov, int markovK, double markovNll) {

    /** Loads as lesson 5 does for {@code trainImages} training images (its knob's value). */
    public static HeldOut load(ImageDataset images, int trainImages) {
        AutoregressiveLab.Split s = AutoregressiveLab.split(images, trainImages);
        BinaryImages train = s.train();
        BinaryImages test = s.test() != null ? s.test() : train;
        BinaryImages eval = test.subset(0, Math.min(AutoregressiveLab.EVAL_IMAGES, test.count()));
        String notes = "";
        if (images.rows() != AutoregressiveLab.SIDE || images.cols() != AutoregressiveLab.SIDE) {
            notes = "ar.note.resized";
        }
        if (s.test() == null) {
            notes = (notes + " ar.note.noHeldOut").strip();
        }
        IndependentModel ind = independentModel();
        ind.fit(train);
        double independentNll = ind.nll(eval);
        // the chain's order k is chosen on other held-out images than those it is scored on, so that the
        // baseline's number is not the best of eight tries on the very images it reports
        BinaryImages validation = test.count() >= 2 * eval.count() ? test.subset(eval.count(), 2 * eval.count()) : eval;
        double best = Double.POSITIVE_INFINITY;
        BinaryImageModel bestModel = null;
        int markovK = -1;
        for (int k = 1; k <= 8; k++) {
            BinaryImageModel m = markovModel(k);
            m.fit(train);
            double v = m.nll(validation);
            if (v < best) {
                best = v;
                markovK = k;
                bestModel = m;
            }
        }
        return new HeldOut(train, eval, notes, ind, independentNll, bestModel, markovK, bestModel.nll(eval));
    }

    /** A new, unfitted independent-pixels baseline as lesson 5 fits it (raster order, its smoothing). */
    public static IndependentModel independentModel() {
        return new IndependentModel(PixelOrdering.raster(AutoregressiveLab.SIDE, AutoregressiveLab.SIDE),
                AutoregressiveLab.BASELINE_ALPHA);
    }

    /** A new, unfitted Markov chain of order k along the raster, as lesson 5 fits its baseline. */
    public static MarkovModel markovModel(int k) {
        return new MarkovModel(PixelOrdering.raster(AutoregressiveLab.SIDE, AutoregressiveLab.SIDE), k,
                AutoregressiveLab.BASELINE_ALPHA);
    }

    /** The default number of training images of lesson 5 (its "Training images" knob). */
    public static int defaultTrainImages() {
        return AutoregressiveParams.TRAIN_IMAGES.defaultValue();
    }

    /**
     * Mean −ln p(x) over images and its standard error (sd / √n; NaN for one image), from their ln p(x):
     * how lesson 5's read-out reports a held-out NLL.
     */
    public static double[] meanAndSe(double[] logProbs) {
        double mean = 0;
        for (double v : logProbs) {
            mean -= v;
        }
        mean /= logProbs.length;
        double ss = 0;
        for (double v : logProbs) {
            ss += (-v - mean) * (-v - mean);
        }
        double se = logProbs.length > 1 ? Math.sqrt(ss / (logProbs.length - 1) / logProbs.length) : Double.NaN;
        return new double[] {mean, se};
    }
}
