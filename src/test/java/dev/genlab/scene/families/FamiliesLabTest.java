package dev.genlab.scene.families;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.genlab.data.DatasetDiscovery;
import dev.genlab.data.IdxReader;
import dev.genlab.data.ImageDataset;
import dev.genlab.data.ProceduralDigits;
import dev.genlab.live.Trainer;
import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.latent.StepStats;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.autoregressive.AutoregressiveLab;
import dev.genlab.scene.autoregressive.AutoregressiveParams;
import dev.genlab.scene.autoregressive.AutoregressiveSnapshot;
import dev.genlab.scene.autoregressive.ModelFactory;
import dev.genlab.scene.elbo.ElboLab;
import dev.genlab.scene.families.FamiliesSnapshot.Family;
import dev.genlab.scene.families.FamiliesSnapshot.Kind;
import dev.genlab.scene.families.FamiliesSnapshot.QualityKind;
import dev.genlab.scene.families.FamiliesSnapshot.Row;
import dev.genlab.scene.flow.DequantLab;
import dev.genlab.scene.flow.FlowParams;
import dev.genlab.scene.gan.ImageLab;
import dev.genlab.scene.gan.ImageParams;

/**
 * The comparison's numbers are the numbers each family's own lesson shows for the network this lab trained, on the
 * same held-out images: lesson 5's read-out (the counting baselines; NADE and PixelCNN, which with lesson 5's default
 * knobs reach the very weights lesson 5 reaches in as many steps), lesson 6's dequantisation read-out, lesson 7's
 * held-out ELBO and importance-sampled log p(x), lesson 8's class coverage. The networks train for a small number of
 * steps here ({@link #STEPS}), so every run takes the same steps; the time to quality is checked with a fake clock.
 */
class FamiliesLabTest {

    /** Training steps per network in these tests (the app trains for seconds instead). */
    static final int STEPS = 25;

    static ImageDataset digits;
    static Map<Family, Row> rows;
    /** What the lessons' own code says of the networks this lab trained, taken just before each row was written. */
    static double[] nadeHeldOut;
    static double[] pixelCnnHeldOut;
    static StepStats vaeStats;
    static double vaeLogPx;
    static BinaryImages vaeTestBits;
    static BinaryImages evalImages;

    /** Runs every family to its row, checking the trained networks with their lessons' code on the way. */
    @BeforeAll
    static void runEveryFamily() {
        digits = ProceduralDigits.generate(ProceduralDigits.BUILT_IN_COUNT, ProceduralDigits.BUILT_IN_SEED);
        FamiliesLab lab = new FamiliesLab(System::nanoTime, STEPS);
        FamiliesParams p = FamiliesParams.of(FamiliesParams.SEED, digits);
        lab.reset(p);
        evalImages = lab.data().eval();
        rows = new EnumMap<>(Family.class);
        List<Family> order = new ArrayList<>();
        for (int i = 0; i < 10_000 && lab.next() != null; i++) {
            assertFalse(lab.finished(), "playing has work left while a family has no row");
            Family before = lab.next();
            if (!order.contains(before)) {
                order.add(before);
            }
            if (lab.run() != null && lab.run().phase == FamiliesLab.Phase.GRID) {
                // the network as trained, before its row is written and it is closed
                switch (before) {
                    case NADE -> nadeHeldOut = AutoregressiveLab.heldOutNll(lab.runModel(), lab.data().eval());
                    case PIXELCNN -> pixelCnnHeldOut = AutoregressiveLab.heldOutNll(lab.runModel(), lab.data().eval());
                    case VAE -> {
                        ElboLab.Images im = ElboLab.images(digits, "bernoulli");
                        vaeStats = ElboLab.heldOutStats(lab.runVae(), im.test(), im.testCount());
                        vaeLogPx = ElboLab.heldOutLogPx(lab.runVae(), im.test(), im.testCount());
                        byte[] b = new byte[evalImages.count() * 784];
                        for (int k = 0; k < b.length; k++) {
                            b[k] = (byte) im.test()[k];
                        }
                        vaeTestBits = new BinaryImages(evalImages.count(), 28, 28, b);
                    }
                    default -> { }
                }
            }
            assertTrue(Double.isFinite(lab.step(p)), before + ": a finite objective");
        }
        assertEquals(List.of(Family.values()), order, "the families run in their order");
        assertNull(lab.next(), "all done");
        assertTrue(lab.finished(), "playing has nothing left to do: the trainer stops playing");
        FamiliesSnapshot s = lab.snapshot(p);
        assertEquals(Family.values().length, s.rows().size());
        assertNull(s.current());
        for (Row r : s.rows()) {
            rows.put(r.family(), r);
        }
        lab.step(p);
        assertEquals(Family.values().length, lab.snapshot(p).rows().size(), "a step after the last family adds nothing");
        assertEquals(0, lab.openNetworks(), "every network closed when its row was written");
        lab.close();
    }

    /** Lesson 5 with its default knobs but this model, trained for n steps (its held-out curve has a point every 25). */
    static AutoregressiveSnapshot lessonFive(String model, int steps) {
        ParamSet v = new ParamSet(AutoregressiveParams.SPEC);
        v.setText("model", model);
        AutoregressiveLab lab = new AutoregressiveLab(ModelFactory.standard());
        AutoregressiveParams p = AutoregressiveParams.from(v.values(), digits);
        lab.reset(p);
        for (int i = 0; i < steps; i++) {
            lab.step(p);
        }
        AutoregressiveSnapshot s = lab.snapshot(p);
        lab.close();
        return s;
    }

    @Test
    void countingBaselinesAreLessonFivesOnTheSameHeldOutImages() {
        AutoregressiveSnapshot s = lessonFive("nade", 0);
        Row ind = rows.get(Family.INDEPENDENT);
        Row markov = rows.get(Family.MARKOV);
        assertEquals(s.independentNll(), ind.nll(), 1e-9);
        assertEquals(s.markovNll(), markov.nll(), 1e-9);
        assertEquals(s.evalCount(), ind.images());
        assertEquals(List.of("families.detail.markov", Integer.toString(s.markovK())), markov.detail());
        // independent pixels: one free parameter per pixel; the chain fits the data better than independence
        assertEquals(28 * 28, ind.params());
        assertTrue(markov.nll() < ind.nll(), markov.nll() + " vs " + ind.nll());
        assertTrue(ind.se() > 0 && ind.se() < ind.nll() / 10, "a standard error: " + ind.se());
        // the chain sets the target; independent pixels, above it, never reach it; both report their fit time
        assertEquals(QualityKind.SETS_TARGET, markov.quality().kind());
        assertEquals(QualityKind.NEVER, ind.quality().kind());
        assertTrue(markov.quality().seconds() > 0 && ind.quality().seconds() > 0);
    }

    /**
     * NADE and PixelCNN: lesson 5's own read-out of the network this lab trained, and, since both train with lesson
     * 5's default knobs from scratch, the held-out NLL lesson 5 itself shows after the same {@value #STEPS} steps.
     */
    @Test
    void nadeAndPixelCnnAreLessonFivesFromScratch() {
        for (Family f : new Family[] {Family.NADE, Family.PIXELCNN}) {
            Row r = rows.get(f);
            double[] own = f == Family.NADE ? nadeHeldOut : pixelCnnHeldOut;
            assertNotNull(own, f + " was read before its row");
            assertEquals(Kind.EXACT, r.kind());
            assertEquals(own[0], r.nll(), 1e-9, f + ": lesson 5's read-out of the trained network");
            assertEquals(own[1], r.se(), 1e-9);
            AutoregressiveSnapshot s = lessonFive(f == Family.NADE ? "nade" : "pixelcnn", STEPS);
            assertEquals(STEPS, s.steps());
            assertEquals(s.testY()[s.testY().length - 1], r.nll(), 1e-9,
                    f + ": lesson 5 after " + STEPS + " steps with its default knobs");
            assertEquals(s.evalCount(), r.images());
            assertEquals(s.numParams(), r.params());
            assertEquals(0, r.latent());
            assertEquals(STEPS, r.quality().trainSteps());
        }
        // NADE's count from its sizes, 2nH + n + H (the parameter-counting lesson's formula)
        Row nade = rows.get(Family.NADE);
        long h = Long.parseLong(nade.detail().get(1));
        assertEquals(2 * 784 * h + 784 + h, nade.params());
    }

    @Test
    void vaeIsLessonSevensBoundAndEstimateOfTheTrainedVae() {
        Row r = rows.get(Family.VAE);
        assertNotNull(vaeStats);
        assertEquals(Kind.BOUND, r.kind());
        assertEquals(-vaeStats.elbo(), r.nll(), 1e-9, "−ELBO on the held-out images");
        assertEquals(-vaeLogPx, r.estimate(), 1e-9, "the importance-sampled −log p(x)");
        assertEquals(ElboLab.EVAL_IMAGES, r.images());
        assertEquals(ElboLab.IW_IMAGES, r.estimateImages());
        // lesson 7's held-out images are lesson 5's, binarised the same way
        assertArrayEquals(evalImages.bits(), vaeTestBits.bits());
        assertEquals(2, r.latent(), "lesson 7's default latent size");
        assertTrue(r.estimate() <= r.nll() + 1, r.estimate() + " vs " + r.nll());
    }

    /** The flow's row is lesson 6's dequantisation read-out after the same number of steps with the same seed. */
    @Test
    void flowIsLessonSixsDequantisationReadOut() {
        DequantLab lab = new DequantLab(true, FlowParams.SEED.defaultValue());
        for (int i = 0; i < STEPS; i++) {
            lab.step();
        }
        DequantLab.View v = lab.view(false);
        Row flow = rows.get(Family.FLOW);
        assertEquals(v.bitsPerDim(), flow.estimate(), 1e-12);
        assertEquals(v.discreteBound(), flow.nll(), 1e-12);
        assertEquals(lab.flow().numParams(), flow.params());
        // its stated quality: 2 bits/dim on its own data, judged on the same read-out
        double[] ev = flow.quality().evalValues();
        assertEquals(v.bitsPerDim(), ev[ev.length - 1], 1e-12, "the last evaluation is the row's number");
        assertEquals(Arrays.stream(ev).anyMatch(b -> b <= FamiliesLab.FLOW_TARGET_BITS),
                flow.quality().kind() == QualityKind.REACHED, Arrays.toString(ev));
    }

    /**
     * The GAN: lesson 8's image lab from scratch with its default loss and rate; its stated quality is that lab's class
     * coverage with every class of the labelled digits covered, the last evaluation being the coverage after the
     * same steps in lesson 8's lab.
     */
    @Test
    void ganIsLessonEightsImageLabAndItsCoverage() {
        ImageLab lab = new ImageLab();
        ImageParams p = ImageLab.scratchDefaults(digits);
        lab.reset(p);
        for (int i = 0; i < STEPS; i++) {
            lab.step(p);
        }
        int covered = lab.coverageNow().covered();
        Row gan = rows.get(Family.GAN);
        assertEquals(lab.gan().numParams(), gan.params());
        assertEquals(lab.gan().generatorParams(), gan.generatorParams());
        lab.close();
        double[] ev = gan.quality().evalValues();
        assertEquals(covered, ev[ev.length - 1], 0, "lesson 8's coverage after " + STEPS + " steps");
        assertEquals(Arrays.stream(ev).anyMatch(c -> c >= 10), gan.quality().kind() == QualityKind.REACHED);
        assertTrue(gan.quality().kind() == QualityKind.REACHED || gan.quality().kind() == QualityKind.NOT_REACHED);
    }

    @Test
    void everyRowIsComplete() {
        Row flow = rows.get(Family.FLOW);
        assertEquals(Kind.OTHER_DATA, flow.kind());
        assertEquals(flow.nll() / (64 * Math.log(2)), flow.estimate(), 1e-9);
        assertEquals(64, flow.latent());
        assertEquals(8, flow.side());
        Row gan = rows.get(Family.GAN);
        assertEquals(Kind.NONE, gan.kind());
        assertTrue(Double.isNaN(gan.nll()));
        assertTrue(gan.generatorParams() > 0 && gan.generatorParams() < gan.params());
        assertTrue(gan.latent() > 0);
        for (Row r : rows.values()) {
            assertTrue(r.measured(), r.family() + " measured on the built-in digits");
            assertTrue(r.sampleMs() > 0 && Double.isFinite(r.sampleMs()), r.family() + " " + r.sampleMs());
            assertTrue(r.params() > 0, r.family().toString());
            assertEquals(FamiliesLab.GRID, r.samples().size(), r.family().toString());
            for (float[] img : r.samples()) {
                assertEquals(r.side() * r.side(), img.length);
            }
            System.out.printf("%-12s %-11s nll %9.3f se %6.3f est %8.3f  sample %9.4f ms  params %,10d  latent %d  %s  %s %.3f s best %.3f%n",
                    r.family(), r.kind(), r.nll(), r.se(), r.estimate(), r.sampleMs(), r.params(), r.latent(), r.detail(),
                    r.quality().kind(), r.quality().seconds(), r.quality().best());
        }
    }

    // ---------------------------------------------------------------- time to quality, with a fake clock

    /** A clock that moves one tick each time it is read; {@link #pause} jumps it. */
    static final class FakeClock implements java.util.function.LongSupplier {
        final AtomicLong now = new AtomicLong();
        final long tick;

        FakeClock(long tickNs) {
            this.tick = tickNs;
        }

        @Override
        public long getAsLong() {
            return now.addAndGet(tick);
        }

        void pause(long ns) {
            now.addAndGet(ns);
        }
    }

    /** A network whose evaluations are scripted around the target; its steps take one clock tick. */
    static final class Scripted implements FamiliesLab.Network {
        final double[] values;
        final FamiliesLab.Criterion criterion;
        long steps;
        int evals;

        Scripted(FamiliesLab.Criterion criterion, double... values) {
            this.criterion = criterion;
            this.values = values;
        }

        @Override
        public double trainStep() {
            steps++;
            return 1;
        }

        @Override
        public long steps() {
            return steps;
        }

        @Override
        public double quality() {
            return values[Math.min(evals++, values.length - 1)];
        }

        @Override
        public FamiliesLab.Criterion criterion() {
            return criterion;
        }

        @Override
        public FamiliesLab.Measured measure() {
            return new FamiliesLab.Measured(Kind.EXACT, 1, 0, 1, Double.NaN, 0, 0, 1, -1, 0, List.of(), 28);
        }

        @Override
        public void drawOne(SplittableRandom r) {
        }

        @Override
        public List<float[]> grid(int n, SplittableRandom r) {
            return List.of(new float[784]);
        }

        @Override
        public Object save() {
            return steps;
        }

        @Override
        public void restore(Object state) {
            steps = (Long) state;
        }

        @Override
        public boolean healthy() {
            return true;
        }

        @Override
        public void close() {
        }
    }

    /** Runs NADE's slot with a scripted network on a fake clock, pausing an hour between every two steps. */
    static Row scriptedRow(FakeClock clock, int budgetSeconds, java.util.function.Function<Double, FamiliesLab.Network> net) {
        FamiliesLab lab = new FamiliesLab(clock, 0);
        FamiliesParams p = new FamiliesParams(FamiliesParams.SEED, digits, budgetSeconds);
        lab.reset(p);
        lab.networks = f -> net.apply(lab.target());
        for (int i = 0; i < 100_000 && lab.snapshot(p).rows().size() < 3; i++) {
            lab.step(p);
            clock.pause(3_600_000_000_000L); // an hour paused: not training time
        }
        lab.close();
        return lab.snapshot(p).rows().get(2);
    }

    @Test
    void timeToQualityIsTheTrainingTimeAtTheFirstEvaluationAtOrBelowTheTarget() {
        FakeClock clock = new FakeClock(50_000_000L); // every training step counts 50 ms
        Row r = scriptedRow(clock, 10, t -> new Scripted(new FamiliesLab.Criterion(t, false), t + 5, t + 1, t, t - 3));
        // evaluations every 2 s of training time, whatever the pauses between steps
        assertArrayEquals(new double[] {2, 4, 6, 8, 10}, r.quality().evalSeconds(), 1e-12);
        assertEquals(QualityKind.REACHED, r.quality().kind());
        assertEquals(6.0, r.quality().seconds(), 1e-12, "the first evaluation at the target itself");
        assertEquals(120, r.quality().reachedStep(), "120 steps of 50 ms");
        assertEquals(200, r.quality().trainSteps(), "10 s of 50 ms steps");
        assertEquals(rows.get(Family.MARKOV).nll() - 3, r.quality().best(), 1e-12);
    }

    @Test
    void aTargetNotReachedReportsTheBudgetAndTheBestValue() {
        FakeClock clock = new FakeClock(100_000_000L);
        Row r = scriptedRow(clock, 10, t -> new Scripted(new FamiliesLab.Criterion(t, false), t + 4, t + 0.5, t + 2));
        assertEquals(QualityKind.NOT_REACHED, r.quality().kind());
        assertEquals(10.0, r.quality().seconds(), 1e-12, "all of the budget, no paused hour");
        assertEquals(rows.get(Family.MARKOV).nll() + 0.5, r.quality().best(), 1e-12);
        assertEquals(-1, r.quality().reachedStep());
        assertEquals(100, r.quality().trainSteps());
    }

    /** The GAN's criterion: higher is better, every class; without labels there is none and nothing is evaluated. */
    @Test
    void ganCriterionCountsClassesAndUnlabelledImagesHaveNone() {
        FamiliesLab.Criterion c = new FamiliesLab.Criterion(10, true);
        assertTrue(c.met(10));
        assertFalse(c.met(9));
        assertTrue(c.better(9, 8));
        FamiliesLab.Criterion flow = new FamiliesLab.Criterion(FamiliesLab.FLOW_TARGET_BITS, false);
        assertTrue(flow.met(2.0) && flow.met(1.9) && !flow.met(2.01));
        FakeClock clock = new FakeClock(100_000_000L);
        Row r = scriptedRow(clock, 10, t -> new Scripted(null, 1));
        assertEquals(QualityKind.NO_CRITERION, r.quality().kind());
        assertEquals(0, r.quality().evalSeconds().length);
        // unlabelled images: the real GAN has no stated quality, and the snapshot says there are no classes
        ImageDataset unlabelled = ImageDataset.of("no labels", 28, 28, digits.subset(0, 1000).copyPixels(), null);
        FamiliesLab lab = new FamiliesLab(System::nanoTime, 3);
        FamiliesParams p = FamiliesParams.of(1, unlabelled);
        lab.reset(p);
        assertEquals(0, lab.snapshot(p).classes());
        FamiliesLab.Network gan = lab.network(Family.GAN);
        assertNull(gan.criterion());
        gan.close();
        lab.close();
        FamiliesLab labelled = new FamiliesLab(System::nanoTime, 3);
        labelled.reset(FamiliesParams.of(1, digits.subset(0, 1000)));
        assertEquals(10, labelled.snapshot(FamiliesParams.of(1, digits)).classes());
    }

    // ---------------------------------------------------------------- other images, interrupts

    /** Images that are not the built-in digits now get measured network rows: every network trains on them here. */
    @Test
    void otherImagesGetMeasuredNetworkRows() {
        List<ImageDataset> sets = new ArrayList<>(List.of(ProceduralDigits.generate(1_000, 8)));
        Optional<java.nio.file.Path> fashion = DatasetDiscovery.fashionMnistFolder();
        if (fashion.isPresent()) {
            try {
                DatasetDiscovery.IdxPair pair = DatasetDiscovery.findPair(fashion.get()).orElseThrow();
                sets.add(IdxReader.readPair(pair.images(), pair.labels()).subset(0, 5_000));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        for (ImageDataset images : sets) {
            FamiliesLab lab = new FamiliesLab(System::nanoTime, 5);
            FamiliesParams p = FamiliesParams.of(1, images);
            lab.reset(p);
            for (int i = 0; i < 10_000 && lab.next() != null; i++) {
                lab.step(p);
            }
            FamiliesSnapshot s = lab.snapshot(p);
            assertEquals(Family.values().length, s.rows().size(), images.name());
            for (Row r : s.rows()) {
                assertTrue(r.measured(), images.name() + ": " + r.family());
                assertEquals(FamiliesLab.GRID, r.samples().size(), images.name() + ": " + r.family());
                if (r.kind() != Kind.NONE) {
                    assertTrue(Double.isFinite(r.nll()), images.name() + ": " + r.family());
                }
            }
            assertEquals(10, s.classes(), images.name() + " has ten labelled classes");
            lab.close();
        }
        Assumptions.assumeTrue(fashion.isPresent(), "Fashion-MNIST is not installed: checked on other digits only");
    }

    /**
     * Leaving the scene stops the trainer (an interrupt) and the JavaFX thread waits for it: the network in progress
     * must end soon, whatever it is doing (PixelCNN's evaluation or its pixel-by-pixel samples take seconds), and
     * its ND4J network must be closed.
     */
    @Test
    void leavingTheSceneEndsPromptlyAndClosesTheNetwork() {
        FamiliesLab lab = new FamiliesLab(System::nanoTime, STEPS);
        FamiliesParams p = FamiliesParams.of(FamiliesParams.SEED, digits);
        Trainer<FamiliesLab, FamiliesParams, FamiliesSnapshot> t = new Trainer<>("families-test", lab, p, 1000);
        List<Trainer.Event> events = new ArrayList<>();
        t.setEventListener(events::add);
        t.start();
        t.setPlaying(true);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < end) {
            Trainer.Versioned<FamiliesSnapshot> v = t.latest();
            if (v != null && v.snapshot().current() != null && v.snapshot().current().family() == Family.PIXELCNN
                    && !v.snapshot().current().phase().equals("training")) {
                break;
            }
            sleep(5);
        }
        assertEquals(Family.PIXELCNN, t.latest().snapshot().next(), "reached PixelCNN's evaluation or samples");
        sleep(30);
        long t0 = System.nanoTime();
        t.stop();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertFalse(t.isAlive());
        assertTrue(ms < 1_000, "ended " + ms + " ms after the interrupt");
        assertEquals(0, lab.openNetworks(), "the network in progress was closed");
        assertEquals(List.of(), events, "no divergence reported");
    }

    /** Same steps, same seed: the same numbers and samples; only the times may differ. */
    @Test
    void aSecondRunWithTheSameStepsMeasuresTheSame() {
        FamiliesLab lab = new FamiliesLab(System::nanoTime, STEPS);
        FamiliesParams p = FamiliesParams.of(FamiliesParams.SEED, digits);
        lab.reset(p);
        while (lab.snapshot(p).rows().size() < 3) {
            lab.step(p);
        }
        for (Row r : lab.snapshot(p).rows()) {
            Row first = rows.get(r.family());
            assertEquals(first.nll(), r.nll(), 1e-12, r.family().toString());
            assertEquals(first.se(), r.se(), 1e-12, r.family().toString());
            assertArrayEquals(first.samples().get(0), r.samples().get(0), r.family().toString());
        }
        lab.close();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
