package dev.genlab.model.nn;

import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One model's ND4J workspace for the temporaries of a training step:
 * <pre>
 *   try (MemoryWorkspace ws = workspace.open()) {
 *       INDArray y = mlp.forward(x);  ...  mlp.backward(g);  adam.step(mlp.params(), mlp.gradients());
 *   }
 * </pre>
 * Opening it resets a bump allocator, so once the first step has taught the workspace its size a
 * step allocates nothing from the off-heap allocator and memory stays flat. It did not make the
 * steps of this package measurably faster ({@code MlpBenchTest}, five runs: 2-64-64-1 on 256
 * rows 0.67–0.95 ms with it, 0.66–0.96 ms without; 784-400-400-1 on 128 rows 7.2–8.2 ms with,
 * 7.2–12.2 ms without), because a step here makes only about fifteen arrays; STACK.md's halving
 * was for code that makes many more. Arrays created inside are invalid after the scope closes:
 * {@code detach()} what must survive.
 *
 * <p>ND4J workspaces belong to the thread that opens them. This one remembers the first thread
 * that opened it (the model's trainer) and refuses every other.
 */
public final class StepWorkspace {

    private static final AtomicLong IDS = new AtomicLong();
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.2)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final String id;
    private Thread owner;

    /** @param name readable part of the workspace id (the model or scene name) */
    public StepWorkspace(String name) {
        this.id = "genlab-" + name + "-" + IDS.incrementAndGet();
    }

    /** Opens (activates) the workspace for one step; close it at the end of the step. */
    public MemoryWorkspace open() {
        Thread current = Thread.currentThread();
        if (owner == null) {
            owner = current;
        } else if (owner != current) {
            throw new IllegalStateException("workspace " + id + " belongs to thread " + owner.getName()
                    + ", not " + current.getName());
        }
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** The workspace id, unique per instance. */
    public String id() {
        return id;
    }

    /** Bytes the workspace has reserved (0 before the first step); on the owner thread. */
    public long capacityBytes() {
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(CONFIG, id);
        return ws.getCurrentSize();
    }

    /** Frees the workspace's memory; on the owner thread, e.g. when the scene is left. */
    public void destroy() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
            Nd4j.getWorkspaceManager().destroyWorkspace(Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id));
        }
        owner = null;
    }
}
