package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open-file requests from the OS (macOS's Apple event): kept until the window exists, then handed over in order. */
class OpenFileRequestsTest {

    @TempDir
    Path dir;

    @Test
    void requestsBeforeTheWindowWaitAndGoFirstInOrder() throws IOException {
        Path a = Files.writeString(dir.resolve("a.genlab"), "x");
        Path b = Files.writeString(dir.resolve("b.genlab"), "x");
        Path c = Files.writeString(dir.resolve("c.genlab"), "x");
        OpenFileRequests r = new OpenFileRequests();
        r.request(a);
        r.request(b);
        assertEquals(List.of(a, b), r.pending());

        List<Path> opened = new ArrayList<>();
        List<Runnable> queued = new ArrayList<>();
        Executor later = queued::add; // like Platform.runLater: nothing runs until the queue is drained
        r.deliverTo(opened::add, later);
        assertEquals(List.of(), r.pending());
        assertEquals(List.of(), opened, "opened on the executor, not on the caller's thread");
        r.request(c);
        queued.forEach(Runnable::run);
        assertEquals(List.of(a, b, c), opened);
    }

    @Test
    void onlyRegularFilesAreTaken() throws IOException {
        OpenFileRequests r = new OpenFileRequests();
        r.request(dir);
        r.request(dir.resolve("missing.genlab"));
        r.request(null);
        assertEquals(List.of(), r.pending());
        Path f = Files.writeString(dir.resolve("s.genlab"), "x");
        r.request(f);
        assertEquals(List.of(f), r.pending());
    }

    @Test
    void onlyMacOsSendsOpenFileEvents() {
        assertTrue(OpenFileRequests.eventsOnThisOs("Mac OS X"));
        assertFalse(OpenFileRequests.eventsOnThisOs("Linux"));
        assertFalse(OpenFileRequests.eventsOnThisOs("Windows 11"));
        assertFalse(OpenFileRequests.eventsOnThisOs(null));
        // on this (Linux) machine install() sets nothing and starts no AWT
        if (!OpenFileRequests.eventsOnThisOs(System.getProperty("os.name"))) {
            assertFalse(new OpenFileRequests().install());
        }
    }
}
