package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Issue 16: a model's ND4J workspace is freed when its scene is left, and the model can train again after. */
class ImageGanCloseTest {

    @Test
    void closeFreesTheWorkspaceAndTrainingBuildsItAgain() {
        ImageGan g = new ImageGan(ImageGan.Config.defaults(4, 4).withBatch(8));
        float[] real = new float[8 * 16];
        Arrays.fill(real, 0.5f);
        g.step(real, null, new SplittableRandom(1));
        assertTrue(Nd4j.getWorkspaceManager().checkIfWorkspaceExists(g.workspaceId()), "a step made it");
        g.close();
        assertFalse(Nd4j.getWorkspaceManager().checkIfWorkspaceExists(g.workspaceId()), "freed");
        g.step(real, null, new SplittableRandom(2));
        assertTrue(g.isFinite());
        assertTrue(Nd4j.getWorkspaceManager().checkIfWorkspaceExists(g.workspaceId()), "made again");
        g.close();
    }
}
