package dev.genlab.scene.elbo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.model.latent.Ppca;
import dev.genlab.model.latent.PpcaSubspace;
import dev.genlab.scene.ParamSet;

/** Lesson 7's trainer-thread model without a window: the images' pPCA and the VAE panel's numbers. */
class ElboLabTest {

    static ImageDataset digits;

    @BeforeAll
    static void data() {
        digits = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
    }

    static ElboParams params(Map<String, String> preset, ImageDataset images) {
        ParamSet s = new ParamSet(ElboParams.SPEC);
        s.applyOverDefaults(preset);
        return ElboParams.from(s.values(), images);
    }

    @Test
    void imagesPanelEstimatesAgreeWithTheirOwnExactValue() {
        ElboLab lab = new ElboLab();
        ElboParams p = params(Map.of("panel", "images", "img_latents", "3", "img_mc_k", "3"), digits);
        lab.reset(p);
        long t0 = System.nanoTime();
        ElboSnapshot.ImagesPart part = lab.snapshot(p).images();
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNotNull(part);
        assertTrue(seconds < 20, "the images part took " + seconds + " s");
        assertEquals(3, part.latents());
        assertEquals(1000, part.k());
        assertEquals(ElboLab.MC_REPEATS, part.estimates().length);
        assertEquals(16, part.byM().length);
        assertEquals(part.exact(), part.byM()[2][0], 1e-9, "the M = 3 row is the panel's exact value");
        // the exact value is the pPCA density of the probe: recompute it from a direct fit with 3 latents
        float[] grey = Arrays.copyOf(digits.copyPixels(), 8000 * 784);
        Ppca direct = Ppca.fitImages(grey, 8000, 784, 3);
        double[] probe = new double[784];
        for (int i = 0; i < 784; i++) {
            probe[i] = part.probe()[i];
        }
        assertEquals(direct.logDensity(probe), part.exact(), 1e-3 * Math.abs(part.exact()),
                "pPCA with 3 latents read off the 16-latent fit = a direct 3-latent fit");
        // naive Monte Carlo never overshoots by much and falls short as M grows, at fixed K
        double shortAt1 = part.byM()[0][0] - part.byM()[0][1];
        double shortAt16 = part.byM()[15][0] - part.byM()[15][1];
        assertTrue(shortAt16 > shortAt1, "the estimate is further off with 16 latents: " + shortAt1 + " vs " + shortAt16);
    }

    /** A trainer stopped during a reset (0.2-0.45 s with 400 hidden units) ends it at once, not after it. */
    @Test
    void anInterruptedResetStopsAtOnce() {
        ElboLab lab = new ElboLab();
        ElboParams p = params(Map.of("panel", "vae", "start", "scratch", "latent", "8", "hidden", "400", "batch", "128"),
                digits);
        dev.genlab.live.Interrupts.assertStopsWhenInterrupted(() -> lab.reset(p));
        lab.close();
    }

    /** A VAE panel small enough to train in a test: 2 latents, 64 hidden units, batches of 16, from scratch. */
    private ElboParams smallVae() {
        return params(Map.of("panel", "vae", "start", "scratch", "latent", "2", "hidden", "64", "batch", "16"), digits);
    }

    /** A trainer stopped (interrupted) during the VAE panel's snapshot ends it at once; uninterrupted, it completes. */
    @Test
    void anInterruptedSnapshotStopsAtOnce() {
        ElboLab lab = new ElboLab();
        ElboParams p = smallVae();
        lab.reset(p);
        dev.genlab.live.Interrupts.assertStopsWhenInterrupted(() -> lab.snapshot(p));
        assertNotNull(lab.snapshot(p).vae(), "the same snapshot, not interrupted");
        lab.close();
    }

    @Test
    void theVaePanelTrainsOnlyWhenShownAndDecodesOnRequest() {
        ElboLab lab = new ElboLab();
        Map<String, String> preset = new HashMap<>(Map.of("panel", "ppca", "start", "scratch", "latent", "2",
                "hidden", "64", "batch", "32"));
        ElboParams ppca = params(preset, digits);
        lab.reset(ppca);
        assertEquals(0, lab.step(ppca), "no training on the pPCA panel");
        assertEquals(0, lab.steps());
        preset.put("panel", "vae");
        ElboParams vae = params(preset, digits);
        assertFalse(lab.needsReset(ppca, vae), "changing panel keeps the networks");
        ElboSnapshot.VaePart a = lab.snapshot(vae).vae();
        assertNotNull(a);
        assertNull(a.decodedZ());
        for (int i = 0; i < 20; i++) {
            assertTrue(Double.isFinite(lab.step(vae)));
        }
        assertEquals(20, lab.steps());
        lab.decodeAt(new float[] {0.5f, -1f});
        ElboSnapshot.VaePart b = lab.snapshot(vae).vae();
        assertEquals(20, b.steps());
        assertArrayEquals(new float[] {0.5f, -1f}, b.decodedZ());
        assertEquals(784, b.decoded().length);
        assertEquals(784, b.decodedAe().length);
        assertEquals(2, b.klPerDim().length);
        assertEquals(b.mapCount() * 2, b.mapVae().length);
        preset.put("latent", "4");
        assertTrue(lab.needsReset(vae, params(preset, digits)), "a new latent size is a new network");
        preset.put("latent", "2");
        preset.put("beta", "3");
        assertFalse(lab.needsReset(vae, params(preset, digits)), "β acts on the next step");
    }

    /** Lesson 7's "A decoder that needs no z": the NADE starts as lesson 5's on the built-in digits only. */
    @Test
    void theNadeDecoderStartsFromLesson5sNadeOnTheBuiltInDigitsOnly() {
        Map<String, String> preset = Map.of("panel", "vae", "start", "scratch", "latent", "8", "hidden", "64",
                "batch", "16", "decoder", "nade");
        ElboLab lab = new ElboLab();
        ElboParams p = params(preset, digits);
        lab.reset(p);
        for (int i = 0; i < 3; i++) {
            assertTrue(Double.isFinite(lab.step(p)));
        }
        ElboSnapshot s = lab.snapshot(p);
        assertTrue(s.message().contains("elbo.note.nadeShipped"), s.message());
        assertTrue(s.vae().architecture().contains("NADE"), s.vae().architecture());
        assertEquals(3, s.vae().steps());

        ImageDataset other = ImageDataset.of("other", 28, 28, Arrays.copyOf(digits.copyPixels(), 3000 * 784), null);
        ElboLab fresh = new ElboLab();
        ElboParams q = params(preset, other);
        fresh.reset(q);
        assertTrue(Double.isFinite(fresh.step(q)));
        String message = fresh.snapshot(q).message();
        assertTrue(message.contains("elbo.note.nadeFresh") && !message.contains("nadeShipped"), message);
    }

    @Test
    void warmUpRampsBetaLinearly() {
        ElboParams p = params(Map.of("beta", "2", "warmup", "100"), digits);
        assertEquals(0, p.betaAt(0), 1e-12);
        assertEquals(1, p.betaAt(50), 1e-12);
        assertEquals(2, p.betaAt(100), 1e-12);
        assertEquals(2, p.betaAt(1000), 1e-12);
        assertEquals(2, params(Map.of("beta", "2"), digits).betaAt(0), 1e-12, "no warm-up: β from the start");
    }

    @Test
    void withoutImagesTheLabWaitsAndSaysSo() {
        ElboLab lab = new ElboLab();
        ElboParams p = params(Map.of("panel", "vae"), null);
        lab.reset(p);
        assertEquals(0, lab.step(p));
        ElboSnapshot s = lab.snapshot(p);
        assertNull(s.vae());
        assertEquals("elbo.note.noImages", s.message());
    }

    @Test
    void fewerLatentsReadOffOneFitEqualADirectFit() {
        // synthetic 6-D data: PpcaSubspace.withLatents(fit with 4, m) against Ppca.fit(data, m)
        java.util.SplittableRandom r = new java.util.SplittableRandom(1);
        double[][] data = new double[3000][6];
        for (double[] x : data) {
            double z1 = r.nextGaussian();
            double z2 = r.nextGaussian();
            for (int j = 0; j < 6; j++) {
                x[j] = (j + 1) * 0.5 * z1 + (j % 2 == 0 ? 1 : -1) * 0.8 * z2 + 0.3 * r.nextGaussian() + j;
            }
        }
        Ppca four = Ppca.fit(data, 4);
        for (int m = 1; m <= 4; m++) {
            Ppca read = PpcaSubspace.withLatents(four, m);
            Ppca direct = Ppca.fit(data, m);
            assertEquals(direct.sigma2(), read.sigma2(), 1e-10);
            for (double[] x : new double[][] {data[0], data[7], {0, 1, 2, 3, 4, 5}}) {
                assertEquals(direct.logDensity(x), read.logDensity(x), 1e-8, "m = " + m);
                double[] z = new double[m];
                Arrays.fill(z, 0.7);
                assertEquals(read.logLikelihood(x, z), PpcaSubspace.logLikelihoods(read, x, z, 1)[0], 1e-9,
                        "the O(M²) expansion of log N(x; Wz + b, σ²I)");
            }
        }
    }

    /**
     * The divergence guard's restore goes back to the last kept weights (every {@link ElboLab#SAVE_EVERY} steps) and
     * takes the curves back with them: no point past the restored step, none of a diverged step's NaN (issue 16).
     */
    @Test
    void restoringTheLastGoodStateTakesTheCurvesBack() {
        ElboLab lab = new ElboLab();
        ElboParams p = smallVae();
        lab.reset(p);
        Object good = lab.saveState();
        ElboSnapshot.VaePart saved = lab.snapshot(p).vae();
        for (int i = 0; i < 7; i++) {
            lab.step(p);
        }
        assertTrue(lab.snapshot(p).vae().trainElbo().length > saved.trainElbo().length, "training drew the curve");
        lab.restoreState(good);
        ElboSnapshot.VaePart back = lab.snapshot(p).vae();
        assertEquals(saved.steps(), back.steps());
        assertArrayEquals(saved.trainX(), back.trainX());
        assertArrayEquals(saved.trainElbo(), back.trainElbo());
        assertArrayEquals(saved.trainKl(), back.trainKl());
        for (double x : back.testX()) {
            assertTrue(x <= back.steps(), "a test point at step " + x + " after restoring step " + back.steps());
        }
        for (double v : back.klPerDim()) {
            assertTrue(Double.isFinite(v));
        }
        assertTrue(Double.isFinite(lab.step(p)), "training goes on from there");
        assertEquals(saved.steps() + 1, lab.snapshot(p).vae().steps());
    }
}
