package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** What the launcher runs again with OMP_NUM_THREADS=1: the installed app's own launcher, or this JVM's java. */
class LauncherTest {

    private static final String[] ARGS = {"--lesson", "5", "/home/a b/x.genlab"};

    @Test
    void anInstalledAppRunsItsOwnLauncherWithTheArgumentsOnly() {
        assertEquals(List.of("/opt/genlab/bin/GenLab", "--lesson", "5", "/home/a b/x.genlab"),
                Launcher.relaunchCommand(ARGS, "/opt/genlab/bin/GenLab", Optional.of("/opt/genlab/bin/GenLab")));
    }

    @Test
    void elsewhereThisJvmsJavaRunsTheLauncherClassAgain() {
        List<String> cmd = Launcher.relaunchCommand(ARGS, null, Optional.of("/usr/lib/jvm/x/bin/java"));
        assertEquals("/usr/lib/jvm/x/bin/java", cmd.get(0));
        assertTrue(cmd.contains("-cp"), cmd.toString());
        assertEquals(List.of(Launcher.class.getName(), "--lesson", "5", "/home/a b/x.genlab"),
                cmd.subList(cmd.size() - 4, cmd.size()));
        assertEquals(List.of(), Launcher.relaunchCommand(ARGS, "", Optional.empty()));
    }
}
