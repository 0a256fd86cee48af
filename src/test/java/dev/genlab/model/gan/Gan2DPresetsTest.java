package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.genlab.data.GaussianMixture2D;
import dev.genlab.math.Gaussian2D;

/** {@link GanPresets}: the 8-Gaussian ring, the collapse preset and its remedies. */
class Gan2DPresetsTest {

    @Test
    void theRingHasEightEqualModesOfRadiusTwo() {
        GaussianMixture2D ring = GanPresets.ring();
        assertEquals(8, ring.size());
        for (int k = 0; k < 8; k++) {
            Gaussian2D g = ring.components().get(k).gaussian();
            assertEquals(2.0, Math.hypot(g.meanX(), g.meanY()), 1e-12);
            assertEquals(2 * Math.PI * k / 8, Math.atan2(g.meanY(), g.meanX()) + (k > 4 ? 2 * Math.PI : 0), 1e-12);
            assertEquals(0.05 * 0.05, g.varX(), 1e-15);
            assertEquals(0.0, g.covXY());
            assertEquals(0.125, ring.mixingWeight(k), 1e-15);
        }
    }

    @Test
    void remediesAreOneChangeFromTheCollapse() {
        Gan2D.Config c = GanPresets.collapse().config();
        assertEquals(GanLoss.MINIMAX, c.loss());
        assertEquals(c.withLoss(GanLoss.NON_SATURATING), GanPresets.nonSaturating().config());
        assertEquals(c.withMinibatchFeature(true), GanPresets.minibatchFeature().config());
        assertEquals(c.withSteps(5, 1), GanPresets.moreDSteps().config());
        assertEquals(GanLoss.WGAN_GP, GanPresets.wganGp().config().loss());
        assertEquals(5, GanPresets.wganGp().config().dSteps());
        assertEquals(List.of("ring-collapse", "ring-non-saturating", "ring-wgan-gp", "ring-minibatch", "ring-more-d-steps"),
                GanPresets.all().stream().map(GanPresets.Preset::id).toList());
        assertEquals(GanPresets.wganGp().config(), GanPresets.byId("ring-wgan-gp").config());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GanPresets.byId("nope"));
        assertTrue(e.getMessage().startsWith("unknown GAN preset 'nope'; known: [ring-collapse"), e.getMessage());
    }

    /**
     * The collapse preset covers clearly fewer modes than the non-saturating remedy after the same 1500
     * rounds on the presets' seed (1): 2 against 7 with the float networks (seeds 2 and 3: 1 against 8, 4
     * against 7).
     * The other remedies are not held to it: see {@link GanPresets} for what they did.
     */
    @Test
    void theCollapsePresetCoversFewerModesThanTheNonSaturatingRemedy() {
        int collapse = coveredAfter(GanPresets.collapse(), 1500);
        int remedy = coveredAfter(GanPresets.nonSaturating(), 1500);
        System.out.println("modes covered after 1500 rounds: collapse " + collapse + ", non-saturating " + remedy);
        assertTrue(collapse <= 3, "collapse covered " + collapse);
        assertTrue(remedy >= 7, "non-saturating covered " + remedy);
    }

    private static int coveredAfter(GanPresets.Preset p, int rounds) {
        Gan2D gan = new Gan2D(p.config());
        for (int i = 0; i < rounds; i++) {
            gan.step(p.data());
        }
        assertTrue(gan.isFinite(), p.id());
        Gan2D.Points s = gan.generate(2000, 99);
        return GanMetrics.modeCoverage((GaussianMixture2D) p.data(), s.xs(), s.ys()).covered();
    }
}
