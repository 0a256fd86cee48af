package dev.genlab.lesson.render;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/** Starts the FX toolkit once per JVM (through TestFX, so it coexists with TestFX tests) and runs work on it. */
final class FxTestSupport {

    private static final long TIMEOUT_SECONDS = 20;

    private FxTestSupport() {
    }

    static void startToolkit() throws TimeoutException {
        FxToolkit.registerPrimaryStage();
    }

    /** Runs {@code work} on the FX application thread and returns its result, failing after a timeout. */
    static <T> T onFx(Callable<T> work) throws Exception {
        return WaitForAsyncUtils.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS, WaitForAsyncUtils.asyncFx(work));
    }
}
