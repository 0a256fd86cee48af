package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The relaunched app's environment: one OpenMP thread, and glibc's allocator kept small (issue 16). */
class LauncherEnvironmentTest {

    @Test
    void oneOpenMpThreadTwoArenasAndAFixedMmapThreshold() {
        Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", "4", "PATH", "/bin"));
        Launcher.childEnvironment(env);
        assertEquals("1", env.get("OMP_NUM_THREADS"));
        assertEquals("2", env.get("MALLOC_ARENA_MAX"));
        assertEquals("131072", env.get("MALLOC_MMAP_THRESHOLD_"));
        assertEquals("/bin", env.get("PATH"));
    }

    @Test
    void theUsersOwnAllocatorSettingsStay() {
        Map<String, String> env = new HashMap<>(Map.of("MALLOC_ARENA_MAX", "8", "MALLOC_MMAP_THRESHOLD_", "1048576"));
        Launcher.childEnvironment(env);
        assertEquals("8", env.get("MALLOC_ARENA_MAX"));
        assertEquals("1048576", env.get("MALLOC_MMAP_THRESHOLD_"));
    }
}
