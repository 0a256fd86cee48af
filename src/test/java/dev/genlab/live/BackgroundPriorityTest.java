package dev.genlab.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Background threads run at a lower Linux nice value than the window's (issue 16); read back from /proc. */
class BackgroundPriorityTest {

    /** The nice value of the calling thread, as Linux reports it. */
    private static int myNice() {
        return BackgroundPriority.niceOf(BackgroundPriority.thisThreadId().orElseThrow()).orElseThrow();
    }

    /** This JVM's threads as Linux names them (first 15 characters), by thread id; threads ending meanwhile left out. */
    private static java.util.Map<Integer, String> threads() throws java.io.IOException {
        java.util.Map<Integer, String> names = new java.util.HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                try {
                    names.put(Integer.parseInt(task.getFileName().toString()),
                            Files.readString(task.resolve("comm")).strip());
                } catch (java.io.IOException e) {
                    // ended
                }
            }
        }
        return names;
    }

    @Test
    void aLoweredThreadAndWhatItStartsRunAtTheBackgroundNiceValue() throws Exception {
        assumeTrue(BackgroundPriority.active(), "Linux with /proc and renice");
        CompletableFuture<int[]> nices = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            int before = myNice();
            BackgroundPriority.lowerThisThread();
            int after = myNice();
            CompletableFuture<Integer> child = new CompletableFuture<>();
            Thread c = new Thread(() -> child.complete(myNice()));
            c.start();
            nices.complete(new int[] {before, after, child.join()});
        });
        t.start();
        int[] n = nices.get(10, TimeUnit.SECONDS);
        int base = myNice();
        assertEquals(base, n[0], "a new thread starts at its creator's nice value");
        int target = Math.min(19, base + BackgroundPriority.NICE);
        assertTrue(target > base || base == 19, "the background goes below the window");
        assertEquals(target, n[1], "lowered");
        assertEquals(target, n[2], "a thread it starts inherits its nice value");
        assertEquals(base, myNice(), "the thread that started it is left alone");
    }

    @Test
    void theCompilerThreadsAreLoweredWithTheFirstBackgroundThread() throws Exception {
        assumeTrue(BackgroundPriority.active(), "Linux with /proc and renice");
        Thread t = new Thread(BackgroundPriority::lowerThisThread);
        t.start();
        t.join(10_000);
        List<Integer> compilers = new ArrayList<>();
        threads().forEach((tid, name) -> {
            if (name.equals("C1 CompilerThre") || name.equals("C2 CompilerThre")) {
                compilers.add(tid);
            }
        });
        assertFalse(compilers.isEmpty(), "HotSpot's compiler threads are found by name");
        int target = BackgroundPriority.target(myNice());
        for (int tid : compilers) {
            assertTrue(BackgroundPriority.niceOf(tid).orElseThrow() >= target, "compiler " + tid + " at nice "
                    + BackgroundPriority.niceOf(tid) + ", not below the window's " + myNice());
        }
        assertTrue(BackgroundPriority.compilerThreadsAbove(target).isEmpty());
    }

    @Test
    void aTrainersThreadRunsLowered() throws Exception {
        assumeTrue(BackgroundPriority.active(), "Linux with /proc and renice");
        Trainer<TrainerTest.Counter, Double, Double> trainer = new Trainer<>("nice", new TrainerTest.Counter(), 1.0,
                10);
        trainer.start();
        try {
            // Linux keeps the first 15 characters of a Java thread's name
            String comm = trainer.threadName().substring(0, Math.min(15, trainer.threadName().length()));
            int target = BackgroundPriority.target(myNice());
            OptionalInt nice = OptionalInt.empty();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < end && nice.orElse(-100) != target) {
                for (var e : threads().entrySet()) {
                    if (e.getValue().equals(comm)) {
                        nice = BackgroundPriority.niceOf(e.getKey());
                    }
                }
                Thread.sleep(20);
            }
            assertEquals(OptionalInt.of(target), nice, "the trainer thread " + comm + ", started at " + myNice());
        } finally {
            trainer.stop();
        }
    }
}
