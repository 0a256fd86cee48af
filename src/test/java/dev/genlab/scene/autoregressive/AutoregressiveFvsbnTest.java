package dev.genlab.scene.autoregressive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import dev.genlab.i18n.I18n;
import dev.genlab.model.discrete.ParameterCounts;

/**
 * FVSBN in the neural autoregressive scene: the counts and claims of the step "No sharing: a logistic
 * regression per pixel", replayed with its preset (seed 1) on the built-in digits, against NADE trained
 * from the step before's preset on the same images.
 */
class AutoregressiveFvsbnTest {

    static final String STEP = "No sharing";

    static AutoregressiveParams params(String... overrides) {
        return AutoregressiveMadeTest.params(STEP, overrides);
    }

    /** "n(n+1)/2 = 307,720 parameters, three times NADE's 101,200 at 64 hidden units"; the read-out gives both. */
    @Test
    void theStepsCountsAreTheModels() {
        AutoregressiveMadeTest.data();
        AutoregressiveParams p = params();
        assertEquals("fvsbn", p.model());
        AutoregressiveParams q = AutoregressiveMadeTest.params("Train it from scratch");
        assertEquals("nade", q.model());
        assertEquals(64, q.hidden());
        AutoregressiveLab lab = AutoregressiveMadeTest.lab(q);
        AutoregressiveSnapshot nade = lab.snapshot(q);
        for (int i = 0; i < 2 * AutoregressiveLab.EVAL_EVERY; i++) {
            lab.step(q);
        }
        Locale before = I18n.getLocale();
        AutoregressiveSnapshot f;
        try {
            I18n.setLocale(Locale.ENGLISH);
            lab.reset(p);
            f = lab.snapshot(p);
        } finally {
            I18n.setLocale(before);
        }
        assertEquals("fvsbn", f.model());
        assertEquals(ParameterCounts.fvsbn(784), BigInteger.valueOf(f.freeParams()));
        assertEquals(784L * 784 + 784, f.numParams(), "stored: the dense layer, masked zeros included");
        assertEquals(1, f.passes());
        assertEquals(784L * 784, f.multiplyAdds());
        assertEquals(2L * 784 * 64 + 784 + 64, nade.freeParams());
        assertEquals(3, Math.round(f.freeParams() / (double) nade.freeParams()), "three times");
        assertEquals(nade.freeParams(), f.previousParams(), "the previous run's count, beside its difference");
        String text = AutoregressiveMadeTest.text(STEP);
        assertTrue(text.contains("307{,}720"), "the formula's value");
        AutoregressiveMadeTest.quoted(text, nade.freeParams());
        AutoregressiveMadeTest.quoted(text, 1_000);
    }

    /** "FVSBN was ahead for the first 1,000 steps, by less and less." */
    @Test
    void fvsbnIsAheadOfNadeForTheFirst1000StepsByLessAndLess() throws Exception {
        AutoregressiveMadeTest.data();
        AutoregressiveParams p = params();
        AutoregressiveParams q = AutoregressiveMadeTest.params("Train it from scratch");
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var fv = two.submit(() -> AutoregressiveMadeTest.train(p, 1_000));
            var nd = two.submit(() -> AutoregressiveMadeTest.train(q, 1_000));
            AutoregressiveSnapshot a = fv.get();
            AutoregressiveSnapshot b = nd.get();
            StringBuilder log = new StringBuilder();
            double first = Double.NaN;
            for (int i = 0; i < a.testX().length; i++) {
                assertEquals(a.testX()[i], b.testX()[i]);
                log.append(String.format(Locale.ROOT, " %d: FVSBN %.1f NADE %.1f", (long) a.testX()[i], a.testY()[i],
                        b.testY()[i]));
            }
            for (int i = 0; i < a.testX().length; i++) {
                if (a.testX()[i] >= 100) {
                    assertTrue(a.testY()[i] < b.testY()[i], "ahead at every evaluation from step 100:" + log);
                    if (Double.isNaN(first)) {
                        first = b.testY()[i] - a.testY()[i];
                    }
                }
            }
            double last = b.testNll() - a.testNll();
            assertEquals(1_000, a.steps());
            assertTrue(last < first / 2, "by less and less: " + first + " at step 100, " + last + " at 1,000:" + log);
        } finally {
            two.shutdownNow();
        }
    }
}
