package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void anInstalledMacAppRunsInItsOwnProcessSoThatOpenFileEventsReachIt() {
        assertTrue(Launcher.relaunches(null, false, "Linux", "/opt/genlab/bin/GenLab"));
        assertTrue(Launcher.relaunches(null, false, "Linux", null));
        assertTrue(Launcher.relaunches(null, false, "Mac OS X", null), "a checkout on a Mac restarts as elsewhere");
        assertTrue(Launcher.relaunches(null, false, "Windows 11", "C:\\Program Files\\GenLab\\GenLab.exe"));
        assertFalse(Launcher.relaunches(null, false, "Mac OS X", "/Applications/GenLab.app/Contents/MacOS/GenLab"));
        assertFalse(Launcher.relaunches("1", false, "Linux", null), "already one OpenMP thread");
        assertFalse(Launcher.relaunches(null, true, "Linux", null), "-Dgenlab.noRelaunch");
    }
}
