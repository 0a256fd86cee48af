package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.prefs.Preferences;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.lesson.Lesson;
import dev.genlab.scene.SceneRegistry;

/**
 * The command-line options without JavaFX: every option accepted, every wrong value refused with a message
 * naming what is accepted, and the launcher's exit status (nothing is started after a refusal).
 */
class CommandLineTest {

    /** The shipped lessons and scenes; Fashion-MNIST where the test says (a folder of its own, or none). */
    private static List<Lesson> lessons;
    private static SceneRegistry scenes;

    @TempDir
    Path tmp;

    @BeforeAll
    static void readLessons() {
        CommandLine.Facts real = CommandLine.Facts.ofThisMachine();
        lessons = real.lessons();
        scenes = real.scenes();
        assertTrue(lessons.size() >= 8, "the shipped lessons were not found: " + lessons.size());
    }

    private static CommandLine.Facts facts(Optional<Path> fashion) {
        return new CommandLine.Facts() {
            @Override
            public List<Lesson> lessons() {
                return lessons;
            }

            @Override
            public SceneRegistry scenes() {
                return scenes;
            }

            @Override
            public Optional<Path> fashionMnist() {
                return fashion;
            }
        };
    }

    private static CommandLine.Outcome parse(String... args) {
        return CommandLine.parse(List.of(args), facts(Optional.empty()));
    }

    private static CommandLine.Options ok(String... args) {
        CommandLine.Outcome o = parse(args);
        if (o instanceof CommandLine.Refused r) {
            throw new AssertionError("refused " + List.of(args) + ": " + r.message());
        }
        return assertInstanceOf(CommandLine.Run.class, o).options();
    }

    private static String refused(String... args) {
        return assertInstanceOf(CommandLine.Refused.class, parse(args), List.of(args).toString()).message();
    }

    private static void assertMentions(String message, String... words) {
        for (String w : words) {
            assertTrue(message.contains(w), "'" + w + "' not in: " + message);
        }
    }

    private static int steps(String lessonId) {
        return lessons.stream().filter(l -> l.id().equals(lessonId)).findFirst().orElseThrow().stepCount();
    }

    @Test
    void noOptionsChangeNothing() {
        assertEquals(CommandLine.Options.none(), ok());
    }

    @Test
    void lessonByFolderNameNumberOrName() {
        for (String v : List.of("05-neural-autoregressive", "5", "05", "neural-autoregressive")) {
            CommandLine.Options o = ok("--lesson", v);
            assertEquals(Optional.of("05-neural-autoregressive"), o.lessonId(), v);
            assertEquals(0, o.stepIndex(), "without --step a lesson opens at its first step");
        }
        assertEquals(Optional.of("08-gan-minimax"), ok("--lesson=8").lessonId());
    }

    @Test
    void unknownLessonNamesTheLessons() {
        assertMentions(refused("--lesson", "42"), "--lesson 42", "01-generative-models", "08-gan-minimax");
        assertMentions(refused("--lesson", "neural"), "no such lesson", "05-neural-autoregressive");
    }

    @Test
    void stepIsOneBasedWithinTheLesson() {
        assertEquals(2, ok("--lesson", "5", "--step", "3").stepIndex());
        int n = steps("05-neural-autoregressive");
        assertEquals(n - 1, ok("--lesson", "5", "--step", String.valueOf(n)).stepIndex());
        for (String bad : List.of("0", String.valueOf(n + 1), "-1", "three", "2.5", "")) {
            assertMentions(refused("--lesson", "5", "--step", bad), "--step", "has steps 1 to " + n);
        }
        assertMentions(refused("--step", "3"), "--step needs --lesson");
    }

    @Test
    void languageAndTheme() {
        assertEquals(Optional.of(Locale.KOREAN), ok("--lang", "ko").lang());
        assertEquals(Optional.of(Locale.ENGLISH), ok("--lang=en").lang());
        assertEquals(Optional.of(AppPrefs.Theme.DARK), ok("--theme", "dark").theme());
        assertEquals(Optional.of(AppPrefs.Theme.LIGHT), ok("--theme", "light").theme());
        assertMentions(refused("--lang", "fr"), "--lang fr", "en or ko");
        assertMentions(refused("--theme", "blue"), "--theme blue", "light or dark");
    }

    @Test
    void presenterTakesNoValue() {
        assertTrue(ok("--presenter").presenter());
        assertFalse(ok().presenter());
        assertMentions(refused("--presenter=yes"), "--presenter takes no value");
    }

    @Test
    void unknownOptionsRepeatsAndMissingValuesAreRefused() {
        assertMentions(refused("--fullscreen"), "unknown option '--fullscreen'", "--lesson", "--dataset", "--help");
        assertMentions(refused("-l", "5"), "unknown option '-l'");
        assertMentions(refused("lesson5"), "unexpected argument 'lesson5'");
        assertMentions(refused("--lang", "ko", "--lang", "en"), "--lang is given twice");
        assertMentions(refused("--lang"), "--lang needs a value", "en or ko");
        assertMentions(refused("--theme", "--presenter"), "--theme needs a value", "light or dark");
        assertMentions(refused("--dataset"), "--dataset needs a value", "digits", "fashion");
    }

    @Test
    void helpWinsAndListsTheOptionsAndLessons() {
        assertInstanceOf(CommandLine.Help.class, parse("--help"));
        assertInstanceOf(CommandLine.Help.class, parse("--lesson", "99", "-h"));
        String usage = CommandLine.usage(facts(Optional.empty()));
        assertMentions(usage, "--lesson ID", "--step N", "--scenario FILE", "--presenter", "--lang en|ko",
                "--theme light|dark", "--dataset digits|fashion|PATH", "--help", "javafx.args",
                "05-neural-autoregressive", steps("05-neural-autoregressive") + " steps");
    }

    @Test
    void datasetDigitsFashionOrAnIdxFolder() throws IOException {
        assertEquals(Optional.of(DatasetController.BUILT_IN_CHOICE), ok("--dataset", "digits").datasetDir());
        assertMentions(refused("--dataset", "fashion"), "Fashion-MNIST is not on this machine",
                "dataset-fashion-mnist", "digits");
        Path fashion = tmp.resolve("fashion");
        CommandLine.Outcome found = CommandLine.parse(List.of("--dataset", "fashion"), facts(Optional.of(fashion)));
        assertEquals(Optional.of(fashion.toAbsolutePath().toString()),
                assertInstanceOf(CommandLine.Run.class, found).options().datasetDir());

        Path good = tmp.resolve("good");
        DatasetLoadingTest.writeIdx(good, 20, -1);
        assertEquals(Optional.of(good.toAbsolutePath().toString()), ok("--dataset", good.toString()).datasetDir());

        assertMentions(refused("--dataset", tmp.resolve("missing").toString()), "no such folder", "digits", "fashion");
        assertMentions(refused("--dataset", good.resolve("train-labels-idx1-ubyte").toString()), "not a folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertMentions(refused("--dataset", empty.toString()), "no IDX pair");
        Path truncated = tmp.resolve("truncated");
        DatasetLoadingTest.writeIdx(truncated, 20, 784 * 5 + 3);
        String why = refused("--dataset", truncated.toString());
        assertMentions(why, "--dataset " + truncated, "train-images-idx3-ubyte");

        // the launcher's child, whose parent read the folder whole, only finds the pair again
        CommandLine.Facts child = new CommandLine.Facts() {
            @Override
            public List<Lesson> lessons() {
                return lessons;
            }

            @Override
            public SceneRegistry scenes() {
                return scenes;
            }

            @Override
            public Optional<Path> fashionMnist() {
                return Optional.empty();
            }

            @Override
            public boolean readDatasets() {
                return false;
            }
        };
        assertInstanceOf(CommandLine.Run.class, CommandLine.parse(List.of("--dataset", truncated.toString()), child));
        assertInstanceOf(CommandLine.Refused.class, CommandLine.parse(List.of("--dataset", empty.toString()), child));
    }

    private Path scenario(String name, String text) throws IOException {
        return Files.writeString(tmp.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void scenarioOpensTheLessonShowingItsScene() throws IOException {
        Path f = scenario("mix.genlab", "scene = density\ncomponents = 4\n");
        CommandLine.Options o = ok("--scenario", f.toString());
        assertEquals(Optional.of(f.toAbsolutePath()), o.scenario());
        assertEquals(Optional.of("01-generative-models"), o.lessonId());
        assertEquals(1, ok("--scenario", f.toString(), "--step", "2").stepIndex());
        assertEquals(Optional.of("01-generative-models"), ok("--scenario", f.toString(), "--lesson", "1").lessonId());
        assertMentions(refused("--scenario", f.toString(), "--lesson", "5"), "scene 'density'",
                "05-neural-autoregressive", "01-generative-models");
    }

    /** What a double-click on a .genlab file passes to the installed app (jpackage's file association): the path alone. */
    @Test
    void aLoneScenarioPathIsTakenAsScenario() throws IOException {
        Path f = scenario("clicked.genlab", "scene = density\ncomponents = 4\n");
        CommandLine.Options o = ok(f.toString());
        assertEquals(Optional.of(f.toAbsolutePath()), o.scenario());
        assertEquals(Optional.of("01-generative-models"), o.lessonId());
        Path upper = scenario("CLICKED.GENLAB", "scene = density\ncomponents = 4\n");
        assertEquals(Optional.of(upper.toAbsolutePath()), ok(upper.toString()).scenario());
        assertEquals(1, ok(f.toString(), "--step", "2").stepIndex());
        assertMentions(refused(f.toString(), "--scenario", f.toString()), "--scenario is given twice");
        assertMentions(refused(tmp.resolve("gone.genlab").toString()), "no such file");
        assertMentions(refused(scenario("notes.txt", "scene = density\n").toString()), "unexpected argument");
    }

    @Test
    void brokenScenariosAreRefused() throws IOException {
        assertMentions(refused("--scenario", tmp.resolve("none.genlab").toString()), "no such file");
        assertMentions(refused("--scenario", tmp.toString()), "not a file");
        assertMentions(refused("--scenario", scenario("a.genlab", "components = 4\n").toString()),
                "not a GenLab scenario");
        assertMentions(refused("--scenario", scenario("b.genlab", "scene = nosuch\n").toString()),
                "scene 'nosuch'", "density", "gan");
        assertMentions(refused("--scenario", scenario("c.genlab", "scene = density\nwarp = 9\n").toString()),
                "unknown knob 'warp'");
        assertMentions(refused("--scenario", scenario("d.genlab", "scene = density\ncomponents = 4000\n").toString()),
                "components");
        assertMentions(refused("--scenario", scenario("e.genlab", "scene = gan\nweights = e.weights.gz\n").toString()),
                "e.weights.gz", "missing");
        Files.write(tmp.resolve("f.weights.gz"), new byte[] {1, 2, 3});
        refused("--scenario", scenario("f.genlab", "scene = gan\nweights = f.weights.gz\n").toString());
    }

    @Test
    void optionsGoIntoThePreferencesForThisRunOnly() {
        Preferences node = Preferences.userRoot().node("dev/genlab/test/command-line");
        AppPrefs prefs = new AppPrefs(node);
        prefs.clear();
        prefs.setLocale(Locale.ENGLISH);
        prefs.setPosition("02-parameter-counting", 1);
        ok("--lesson", "5", "--step", "3", "--lang", "ko", "--theme", "dark", "--dataset", "digits").applyTo(prefs);
        assertEquals(Locale.KOREAN, prefs.locale());
        assertEquals(AppPrefs.Theme.DARK, prefs.theme());
        assertEquals("05-neural-autoregressive", prefs.lessonId());
        assertEquals(2, prefs.stepIndex());
        assertEquals(DatasetController.BUILT_IN_CHOICE, prefs.datasetDir());

        // the window stores what it applies: the run's own values are not written
        prefs.setLocale(Locale.KOREAN);
        prefs.setTheme(AppPrefs.Theme.DARK);
        prefs.setPosition("05-neural-autoregressive", 2);
        AppPrefs stored = new AppPrefs(node);
        assertEquals(Locale.ENGLISH, stored.locale());
        assertEquals(AppPrefs.Theme.LIGHT, stored.theme());
        assertEquals("02-parameter-counting", stored.lessonId());
        assertEquals(1, stored.stepIndex());
        assertEquals("", stored.datasetDir());

        // what the user changes is stored, the lesson and step together
        prefs.setTheme(AppPrefs.Theme.LIGHT);
        prefs.setTheme(AppPrefs.Theme.DARK);
        prefs.setPosition("05-neural-autoregressive", 3);
        assertEquals(AppPrefs.Theme.DARK, stored.theme());
        assertEquals("05-neural-autoregressive", stored.lessonId());
        assertEquals(3, stored.stepIndex());
        assertEquals(Locale.ENGLISH, stored.locale());
        prefs.clear();
    }

    // ---- the launcher ----

    private record Launch(int status, String out, String err, List<CommandLine.Options> started) {
    }

    private static Launch launch(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<CommandLine.Options> started = new ArrayList<>();
        int status = Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), facts(Optional.empty()), (a, o) -> {
                    started.add(o);
                    return 7;
                });
        return new Launch(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), started);
    }

    @Test
    void launcherRefusesAWrongOptionWithStatus2AndStartsNothing() {
        for (String[] bad : List.of(new String[] {"--bogus"}, new String[] {"--lesson", "5", "--step", "99"},
                new String[] {"--lang", "ko", "--theme", "purple"})) {
            Launch l = launch(bad);
            assertEquals(2, l.status(), List.of(bad).toString());
            assertTrue(l.started().isEmpty(), "started despite " + List.of(bad));
            assertTrue(l.err().startsWith("GenLab: "), l.err());
            assertMentions(l.err(), "--help");
            assertEquals("", l.out());
        }
        assertMentions(launch("--theme", "purple").err(), "light or dark");
    }

    @Test
    void launcherPrintsHelpWithStatus0AndStartsNothing() {
        Launch l = launch("--help");
        assertEquals(0, l.status());
        assertTrue(l.started().isEmpty());
        assertMentions(l.out(), "Usage:", "--dataset digits|fashion|PATH");
        assertEquals("", l.err());
    }

    @Test
    void launcherStartsWithTheCheckedOptions() {
        Launch l = launch("--lesson", "5", "--presenter");
        assertEquals(7, l.status(), "the app's own exit status is passed on");
        assertEquals(1, l.started().size());
        assertEquals(Optional.of("05-neural-autoregressive"), l.started().get(0).lessonId());
        assertTrue(l.started().get(0).presenter());
    }
}
