package dev.genlab.model.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner.ProfilingMode;
import org.nd4j.linalg.exception.ND4JIllegalStateException;
import org.nd4j.linalg.factory.Nd4j;

class TrainingTest {

    @Test
    void fitsSinThreeX() {
        // Given a seeded 1-64-64-1 tanh network and 256 seeded points of sin(3x)
        MlpRegressionExample example = new MlpRegressionExample(7, 256, 1, 64, 64, 1);
        double first = example.step();

        // When it takes 1,000 Adam steps
        double last = first;
        for (int i = 1; i < 1000; i++) {
            last = example.step();
        }

        // Then the mean squared error is far below the variance of the targets (~0.5)
        assertTrue(first > 0.1, "initial loss " + first);
        assertTrue(last < 2e-3, "loss after 1000 steps " + last);
    }

    @Test
    void trainingLowersTheLoss() {
        MlpRegressionExample example = new MlpRegressionExample(51, 128, 2, 32, 32, 1);
        double first = example.step();
        double last = first;
        for (int i = 0; i < 200; i++) {
            last = example.step();
        }
        assertTrue(last < 0.5 * first, first + " -> " + last);
    }

    @Test
    void twoRunsWithOneSeedAreBitIdentical() {
        MlpRegressionExample a = new MlpRegressionExample(52, 64, 2, 16, 16, 1);
        MlpRegressionExample b = new MlpRegressionExample(52, 64, 2, 16, 16, 1);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.step(), b.step());
        }
        assertArrayEquals(a.mlp.toFloatVector(), b.mlp.toFloatVector());
    }

    @Test
    void workspaceAndHeapStepsAgree() {
        MlpRegressionExample a = new MlpRegressionExample(53, 64, 2, 16, 1);
        MlpRegressionExample b = new MlpRegressionExample(53, 64, 2, 16, 1);
        for (int i = 0; i < 20; i++) {
            assertEquals(a.step(), b.stepWithoutWorkspace());
        }
        assertArrayEquals(a.mlp.toFloatVector(), b.mlp.toFloatVector());
    }

    @Test
    void thousandStepsInTheWorkspaceDoNotGrowIt() {
        MlpRegressionExample example = new MlpRegressionExample(54, 256, 2, 64, 64, 1);
        for (int i = 0; i < 10; i++) {
            example.step();
        }
        long learned = example.workspace.capacityBytes();

        for (int i = 0; i < 1000; i++) {
            example.step();
        }

        // activations of 256 x 64 floats alone take 64 kB: the temporaries really live in the workspace
        assertTrue(learned > 64 * 1024, "workspace holds " + learned + " bytes");
        assertEquals(learned, example.workspace.capacityBytes());
        assertTrue(example.mlp.isFinite());
    }

    @Test
    void persistentStateSurvivesTheStepAndTemporariesDoNot() {
        MlpRegressionExample example = new MlpRegressionExample(55, 32, 2, 8, 1);
        ProfilingMode before = Nd4j.getExecutioner().getProfilingMode();
        Nd4j.getExecutioner().setProfilingMode(ProfilingMode.SCOPE_PANIC);
        try {
            // parameters, gradients and Adam moments were allocated outside: using them after the step is fine
            for (int i = 0; i < 1000; i++) {
                example.step();
                assertTrue(example.mlp.params().add(example.mlp.gradients()).sumNumber().doubleValue() != 0);
            }
            INDArray detached;
            INDArray attached;
            try (MemoryWorkspace ignored = example.workspace.open()) {
                attached = example.mlp.forward(example.x);
                detached = attached.detach();
            }
            assertEquals(32, detached.mul(2).rows());
            // the check can fail: a temporary used after its scope closed is caught
            assertThrows(ND4JIllegalStateException.class, () -> attached.mul(2));
        } finally {
            Nd4j.getExecutioner().setProfilingMode(before);
        }
    }

    @Test
    void aDestroyedWorkspaceStartsAgainFromNothing() {
        MlpRegressionExample example = new MlpRegressionExample(57, 64, 2, 16, 1);
        double before = example.step();
        assertTrue(example.workspace.capacityBytes() > 0);

        example.workspace.destroy();

        assertEquals(0, example.workspace.capacityBytes());
        assertTrue(example.step() < before);
        assertTrue(example.workspace.capacityBytes() > 0);
    }

    @Test
    void aWorkspaceRefusesASecondThread() throws Exception {
        MlpRegressionExample example = new MlpRegressionExample(56, 16, 2, 4, 1);
        example.step();
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> CompletableFuture.runAsync(example::step).get());
        assertTrue(e.getCause() instanceof IllegalStateException, e.toString());
    }
}
