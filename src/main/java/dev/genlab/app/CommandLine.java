package dev.genlab.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.genlab.data.DatasetDiscovery;
import dev.genlab.data.DatasetException;
import dev.genlab.data.IdxReader;
import dev.genlab.i18n.I18n;
import dev.genlab.lesson.Lesson;
import dev.genlab.lesson.LessonCatalogue;
import dev.genlab.lesson.LessonParser;
import dev.genlab.lesson.LessonProblem;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.SceneRegistry;

/**
 * GenLab's command-line options, parsed and checked before JavaFX starts, so that a wrong option or value is
 * refused with a message naming what is accepted and nothing opens half-configured:
 * {@code --lesson ID}, {@code --step N}, {@code --scenario FILE}, {@code --presenter}, {@code --lang en|ko},
 * {@code --theme light|dark}, {@code --dataset digits|fashion|PATH}, {@code --help}.
 *
 * <p>Every value is checked against what it names: the lesson folders and their step counts, a scenario read by
 * {@link ScenarioFile} and checked against its scene's knobs (and its weights file, when it names one), an IDX
 * folder read whole by {@link IdxReader}. The options then reach the window through the code the menus use:
 * language, theme, lesson, step and dataset as {@link AppPrefs} values for this run only, the scenario through
 * File → Open scenario's {@link MainWindow#openScenario}, presenter mode through {@link MainWindow#setPresenter}.
 *
 * <p>Written by hand: picocli is in the local Maven repository, but eight flat options need no library, every
 * value needs GenLab's own checks that a library would leave to us anyway, and the app ships one jar fewer.
 */
final class CommandLine {

    /** The exit status of a wrong option or value (as with most command-line tools' usage errors). */
    static final int EXIT_USAGE = 2;

    /**
     * The options of one run, checked. Empty means "as the preferences say".
     *
     * @param lessonId   the lesson to open: the one --lesson names, else the one a --scenario's scene is shown in
     * @param stepIndex  its step, 0-based (--step N gives N - 1; 0 without --step)
     * @param datasetDir a folder of IDX files, or {@link DatasetController#BUILT_IN_CHOICE} for the built-in digits
     */
    record Options(Optional<String> lessonId, int stepIndex, Optional<Path> scenario, boolean presenter,
                   Optional<Locale> lang, Optional<AppPrefs.Theme> theme, Optional<String> datasetDir) {

        /** No options: everything as the preferences say. */
        static Options none() {
            return new Options(Optional.empty(), 0, Optional.empty(), false, Optional.empty(), Optional.empty(),
                    Optional.empty());
        }

        /** Puts language, theme, position and dataset into prefs as values for this run only. */
        void applyTo(AppPrefs prefs) {
            lang.ifPresent(prefs::setLocaleForThisRun);
            theme.ifPresent(prefs::setThemeForThisRun);
            lessonId.ifPresent(id -> prefs.setPositionForThisRun(id, stepIndex));
            datasetDir.ifPresent(prefs::setDatasetDirForThisRun);
        }
    }

    /** What parsing came to: options to run with, a request for the usage text, or a refusal. */
    sealed interface Outcome permits Run, Help, Refused {
    }

    record Run(Options options) implements Outcome {
    }

    record Help() implements Outcome {
    }

    /** @param message what was wrong and what is accepted instead */
    record Refused(String message) implements Outcome {
    }

    /** What the checks need to know: the lessons, the scenes, and whether Fashion-MNIST is on this machine. */
    interface Facts {
        List<Lesson> lessons();

        SceneRegistry scenes();

        Optional<Path> fashionMnist();

        /**
         * Whether a --dataset folder is read whole to check it (Fashion-MNIST's 60,000 gzipped images take 1.3–2.5 s
         * on a 2-core machine). The launcher's child process skips it, as its parent has just read the same files;
         * it still finds the pair.
         */
        default boolean readDatasets() {
            return true;
        }

        /**
         * The lessons as the app reads them (without checking their formulas, which only ever gives problems that
         * leave a lesson usable), the built-in scenes, and {@link DatasetDiscovery#fashionMnistFolder()}. Lessons
         * and scenes are loaded only if an option needs them, so a start without options costs nothing more.
         */
        static Facts ofThisMachine() {
            return new Facts() {
                private SceneRegistry scenes;
                private List<Lesson> lessons;

                @Override
                public List<Lesson> lessons() {
                    if (lessons == null) {
                        try {
                            lessons = LessonCatalogue.load(new LessonParser(scenes(), formula -> Optional.empty())).lessons();
                        } catch (IOException e) {
                            lessons = List.of();
                        }
                    }
                    return lessons;
                }

                @Override
                public SceneRegistry scenes() {
                    if (scenes == null) {
                        scenes = SceneRegistry.builtIn();
                    }
                    return scenes;
                }

                @Override
                public Optional<Path> fashionMnist() {
                    return DatasetDiscovery.fashionMnistFolder();
                }

                @Override
                public boolean readDatasets() {
                    return !Boolean.getBoolean(Launcher.DATASETS_READ) && !"true".equals(System.getenv(Launcher.DATASETS_READ_ENV));
                }
            };
        }
    }

    static final String DIGITS = "digits";
    static final String FASHION = "fashion";

    private CommandLine() {
    }

    /** Parses and checks args; never throws on what a user typed. */
    static Outcome parse(List<String> args, Facts facts) {
        try {
            return new Run(check(args, facts));
        } catch (HelpAsked h) {
            return new Help();
        } catch (Wrong w) {
            return new Refused(w.getMessage());
        }
    }

    /** The text --help prints. */
    static String usage(Facts facts) {
        StringBuilder s = new StringBuilder();
        s.append("""
                Usage: dev.genlab.app.Launcher [OPTION]...
                  from a checkout: ./mvnw javafx:run -Djavafx.args="OPTION..."

                  --lesson ID        open this lesson: its folder name (05-neural-autoregressive),
                                     its number (5 or 05) or its name (neural-autoregressive)
                  --step N           open step N of it (1 is the first, as the app counts them);
                                     needs --lesson or --scenario
                  --scenario FILE    set the knobs from a saved .genlab scenario (File > Save scenario),
                                     as File > Open scenario does; without --lesson, opens where it
                                     was saved (an old file: the first lesson that shows its scene)
                  FILE.genlab        the same as --scenario FILE.genlab (what a double-click on
                                     a .genlab file passes to an installed GenLab)
                  --presenter        start in presenter mode (full screen; Esc leaves it)
                  --lang en|ko       the language
                  --theme light|dark the theme
                  --dataset digits|fashion|PATH
                                     the images of the image lessons: the built-in digits,
                                     Fashion-MNIST (Debian package dataset-fashion-mnist), or a
                                     folder of MNIST-format IDX files (like File > Open dataset)
                  --help, -h         print this and exit

                Options apply to this run only: GenLab's saved preferences keep their values
                until you change that setting in the app. A wrong option or value is refused
                with exit status 2 and nothing starts.
                """);
        List<Lesson> lessons = facts.lessons();
        if (!lessons.isEmpty()) {
            s.append("\nLessons:\n");
            for (Lesson l : lessons) {
                s.append(String.format(Locale.ROOT, "  %-28s %s%n", l.id(),
                        l.isUsable() ? l.stepCount() + " steps" : "cannot be opened"));
            }
        }
        return s.toString();
    }

    /** A usage error; its message is what the user reads. */
    private static final class Wrong extends Exception {
        private static final long serialVersionUID = 1L;

        Wrong(String message) {
            super(message, null, false, false);
        }
    }

    private static final class HelpAsked extends Exception {
        private static final long serialVersionUID = 1L;

        HelpAsked() {
            super(null, null, false, false);
        }
    }

    private static Options check(List<String> args, Facts facts) throws Wrong, HelpAsked {
        if (args.contains("--help") || args.contains("-h")) {
            throw new HelpAsked();
        }
        String lesson = null;
        String step = null;
        String scenario = null;
        String lang = null;
        String theme = null;
        String dataset = null;
        boolean presenter = false;
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            String name = a;
            String value = null;
            int eq = a.indexOf('=');
            if (isBareScenario(a)) {
                // what a double-click on a .genlab file passes (the installer's file association): the path alone
                name = "--scenario";
                value = a;
            } else if (a.startsWith("--") && eq > 0) {
                name = a.substring(0, eq);
                value = a.substring(eq + 1);
            }
            if (!KNOWN.contains(name)) {
                throw new Wrong(a.startsWith("-") ? "unknown option '" + name + "'; the options are " + String.join(", ", KNOWN)
                        : "unexpected argument '" + a + "'; the options are " + String.join(", ", KNOWN));
            }
            if (!seen.add(name)) {
                throw new Wrong(name + " is given twice");
            }
            if (name.equals("--presenter")) {
                if (value != null) {
                    throw new Wrong("--presenter takes no value");
                }
                presenter = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
                    throw new Wrong(name + " needs a value: " + accepted(name));
                }
                value = args.get(++i);
            }
            switch (name) {
                case "--lesson" -> lesson = value;
                case "--step" -> step = value;
                case "--scenario" -> scenario = value;
                case "--lang" -> lang = value;
                case "--theme" -> theme = value;
                case "--dataset" -> dataset = value;
                default -> throw new IllegalStateException(name);
            }
        }

        Optional<Locale> locale = lang == null ? Optional.empty() : Optional.of(language(lang));
        Optional<AppPrefs.Theme> th = theme == null ? Optional.empty() : Optional.of(theme(theme));
        Optional<Lesson> l = lesson == null ? Optional.empty() : Optional.of(lesson(lesson, facts));
        Optional<Path> scenarioPath = Optional.empty();
        if (scenario != null) {
            Path file = Path.of(scenario);
            Lesson shown = scenario(file, l, facts);
            l = Optional.of(shown);
            scenarioPath = Optional.of(file.toAbsolutePath());
        }
        int stepIndex = 0;
        if (step == null && lesson == null && scenarioPath.isPresent()) {
            // a scenario that says where it was saved opens there
            stepIndex = savedStep(scenarioPath.get(), l.get());
        }
        if (step != null) {
            if (l.isEmpty()) {
                throw new Wrong("--step needs --lesson (or --scenario) to say which lesson's step");
            }
            stepIndex = step(step, l.get()) - 1;
        }
        Optional<String> dir = dataset == null ? Optional.empty() : Optional.of(dataset(dataset, facts));
        return new Options(l.map(Lesson::id), stepIndex, scenarioPath, presenter, locale, th, dir);
    }

    /** A lone argument naming a scenario file: not an option, ending in .genlab (any case). */
    static boolean isBareScenario(String arg) {
        return !arg.startsWith("-") && arg.toLowerCase(Locale.ROOT).endsWith(".genlab");
    }

    private static final List<String> KNOWN = List.of("--lesson", "--step", "--scenario", "--presenter", "--lang",
            "--theme", "--dataset", "--help");

    private static String accepted(String option) {
        return switch (option) {
            case "--lesson" -> "a lesson's folder name, number or name (see --help)";
            case "--step" -> "a step number, 1 for the first";
            case "--scenario" -> "a .genlab scenario file";
            case "--lang" -> languages();
            case "--theme" -> themes();
            case "--dataset" -> DIGITS + ", " + FASHION + " or a folder of IDX files";
            default -> "";
        };
    }

    private static String languages() {
        return I18n.SUPPORTED.stream().map(Locale::getLanguage).collect(Collectors.joining(" or "));
    }

    private static String themes() {
        return java.util.Arrays.stream(AppPrefs.Theme.values()).map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" or "));
    }

    private static Locale language(String v) throws Wrong {
        for (Locale l : I18n.SUPPORTED) {
            if (l.getLanguage().equalsIgnoreCase(v)) {
                return l;
            }
        }
        throw new Wrong("--lang " + v + ": the languages are " + languages());
    }

    private static AppPrefs.Theme theme(String v) throws Wrong {
        for (AppPrefs.Theme t : AppPrefs.Theme.values()) {
            if (t.name().equalsIgnoreCase(v)) {
                return t;
            }
        }
        throw new Wrong("--theme " + v + ": the themes are " + themes());
    }

    /** The lesson by folder name, number ("5", "05") or name without the number ("neural-autoregressive"). */
    private static Lesson lesson(String v, Facts facts) throws Wrong {
        List<Lesson> all = facts.lessons();
        Optional<Lesson> found = all.stream().filter(l -> l.id().equals(v)).findFirst();
        if (found.isEmpty() && v.matches("\\d{1,3}")) {
            int n = Integer.parseInt(v);
            found = all.stream().filter(l -> l.id().matches("\\d+-.*")
                    && Integer.parseInt(l.id().substring(0, l.id().indexOf('-'))) == n).findFirst();
        }
        if (found.isEmpty()) {
            found = all.stream().filter(l -> l.id().replaceFirst("^\\d+-", "").equals(v)).findFirst();
        }
        if (found.isEmpty()) {
            throw new Wrong("--lesson " + v + ": no such lesson; the lessons are "
                    + all.stream().map(Lesson::id).collect(Collectors.joining(", "))
                    + " (a number such as 5, or the name without its number, works too)");
        }
        Lesson l = found.get();
        if (!l.isUsable()) {
            throw new Wrong("--lesson " + v + ": lesson " + l.id() + " cannot be opened: " + l.problems().stream()
                    .filter(LessonProblem::fatal).map(Object::toString).findFirst().orElse("it has no English text"));
        }
        return l;
    }

    private static int step(String v, Lesson l) throws Wrong {
        int n;
        try {
            n = Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || n > l.stepCount()) {
            throw new Wrong("--step " + v + ": lesson " + l.id() + " has steps 1 to " + l.stepCount());
        }
        return n;
    }

    /**
     * Reads the scenario and checks it as File → Open scenario would: its scene, every knob and value, and its
     * weights file when it names one. Returns the lesson to open it in.
     */
    /** The step a scenario file was saved at, 0-based, when it names this lesson; else 0. */
    private static int savedStep(Path file, Lesson l) {
        try {
            ScenarioFile.Contents c = ScenarioFile.read(file);
            return l.id().equals(c.lessonId()) && c.step() != null ? Math.min(c.step(), l.stepCount()) - 1 : 0;
        } catch (IOException | IllegalArgumentException e) {
            return 0; // read once already by scenario(); cannot fail here
        }
    }

    private static Lesson scenario(Path file, Optional<Lesson> lesson, Facts facts) throws Wrong {
        String what = "--scenario " + file + ": ";
        if (!Files.isRegularFile(file)) {
            throw new Wrong(what + (Files.exists(file) ? "not a file" : "no such file") + "; give a .genlab scenario file");
        }
        ScenarioFile.Contents c;
        try {
            c = ScenarioFile.read(file);
        } catch (IOException | IllegalArgumentException e) {
            throw new Wrong(what + "cannot be read: " + e.getMessage());
        }
        Optional<SceneDescriptor> scene = facts.scenes().find(c.sceneId());
        if (scene.isEmpty()) {
            throw new Wrong(what + "it is for scene '" + c.sceneId() + "', which GenLab does not have; the scenes are "
                    + String.join(", ", facts.scenes().ids()));
        }
        try {
            c.checkKnobs(scene.get().spec());
        } catch (IOException | IllegalArgumentException e) {
            throw new Wrong(what + e.getMessage());
        }
        if (c.weightsName() != null) {
            try {
                c.readWeights(file);
            } catch (IOException | IllegalArgumentException e) {
                throw new Wrong(what + e.getMessage());
            }
        }
        List<Lesson> showing = new ArrayList<>();
        for (Lesson l : facts.lessons()) {
            if (l.isUsable() && c.sceneId().equals(l.sceneId())) {
                showing.add(l);
            }
        }
        if (lesson.isEmpty() && c.lessonId() != null) {
            Optional<Lesson> saved = showing.stream().filter(l -> l.id().equals(c.lessonId())).findFirst();
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        if (lesson.isPresent()) {
            if (!c.sceneId().equals(lesson.get().sceneId())) {
                throw new Wrong(what + "it is for scene '" + c.sceneId() + "', and lesson " + lesson.get().id()
                        + " shows '" + lesson.get().sceneId() + "'; " + (showing.isEmpty() ? "no lesson shows it"
                        : "lessons showing it: " + showing.stream().map(Lesson::id).collect(Collectors.joining(", "))));
            }
            return lesson.get();
        }
        if (showing.isEmpty()) {
            throw new Wrong(what + "no lesson shows its scene '" + c.sceneId() + "'");
        }
        return showing.get(0);
    }

    /** The dataset's folder (read whole here, so that a broken file is refused now), or the built-in digits. */
    private static String dataset(String v, Facts facts) throws Wrong {
        if (v.equals(DIGITS)) {
            return DatasetController.BUILT_IN_CHOICE;
        }
        if (v.equals(FASHION)) {
            return facts.fashionMnist().map(p -> p.toAbsolutePath().toString()).orElseThrow(() -> new Wrong(
                    "--dataset fashion: Fashion-MNIST is not on this machine (looked in "
                            + DatasetDiscovery.DEBIAN_FASHION_MNIST + ", where the Debian package dataset-fashion-mnist"
                            + " puts it); the datasets are " + accepted("--dataset")));
        }
        Path folder = Path.of(v);
        String what = "--dataset " + v + ": ";
        if (!Files.isDirectory(folder)) {
            throw new Wrong(what + (Files.exists(folder) ? "not a folder" : "no such folder") + "; give " + DIGITS
                    + ", " + FASHION + " or a folder holding an IDX pair (NAME-images-idx3-ubyte and"
                    + " NAME-labels-idx1-ubyte, gzipped or not)");
        }
        try {
            DatasetDiscovery.IdxPair pair = DatasetDiscovery.findPair(folder).orElseThrow(() -> new Wrong(what
                    + "no IDX pair in this folder (NAME-images-idx3-ubyte with NAME-labels-idx1-ubyte, gzipped or not)"));
            if (facts.readDatasets()) {
                IdxReader.readPair(pair.images(), pair.labels(), pair.images().getFileName().toString(),
                        pair.transposed(), f -> { }, () -> false);
            }
        } catch (DatasetException e) {
            throw new Wrong(what + e.getMessage());
        }
        return folder.toAbsolutePath().normalize().toString();
    }
}
