package dev.genlab.app;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

import dev.genlab.model.io.Checkpoint;
import dev.genlab.scene.Classroom;
import dev.genlab.scene.LessonScene;

/**
 * A scene's knobs saved as a small text file an instructor can keep, mail or edit (version 2):
 * <pre>
 * version = 2
 * scene = density
 * lesson = 01-generative-models
 * step = 4
 * images = digits
 * classroom.hidden = seed
 * classroom.locked = components
 * components = 4
 * dataset = moons
 * </pre>
 * {@code lesson} and {@code step} (counted from 1) say where it was saved, {@code images} the image data set
 * ("digits", "fashion" or a folder), and the classroom lines which knobs students may not see or change
 * ({@link Classroom}). Version 1 files (knobs and {@code scene} only) open as before; a file of a later version is
 * refused with a message. Loading checks the scene, every knob and the classroom first; a bad file changes nothing.
 *
 * <p>A scene with a trained state ({@link LessonScene#trainedState}, e.g. lesson 8's 2-D GAN) also gets its
 * weights written beside the scenario as a {@link Checkpoint} (versioned, checksummed gzip), {@code name.genlab}
 * and {@code name.weights.gz}, and one more line in the scenario names that file:
 * <pre>
 * weights = name.weights.gz
 * </pre>
 * Opening sets the knobs first, then hands the weights to the scene. A weights file that is missing, truncated,
 * corrupt or of another model is reported ({@link Loaded#weightsProblem}); the knobs load all the same and the
 * model is left as it was. Both files are written to a temporary file first and then moved in place, so a
 * failed save never leaves half a file under the name.
 */
final class ScenarioFile {

    static final String SCENE_KEY = "scene";
    /** The line naming the weights file, a file name in the scenario's own folder. */
    static final String WEIGHTS_KEY = "weights";
    static final String WEIGHTS_SUFFIX = ".weights.gz";
    static final String VERSION_KEY = "version";
    /** The format written; files up to it are read. */
    static final int VERSION = 2;
    static final String LESSON_KEY = "lesson";
    static final String STEP_KEY = "step";
    static final String IMAGES_KEY = "images";
    static final String HIDDEN_KEY = "classroom.hidden";
    static final String LOCKED_KEY = "classroom.locked";

    /**
     * Where a scenario was saved: the lesson, its step counted from 1 and the image data set (each null when not
     * known).
     */
    record Where(String lessonId, Integer step, String images) {
        static final Where NOWHERE = new Where(null, null, null);
    }

    /**
     * What opening a scenario did beyond its knobs.
     *
     * @param weights        whether it named a weights file
     * @param weightsProblem why those weights were not used, or null when they were (or none were named)
     */
    record Loaded(boolean weights, String weightsProblem) {
    }

    private ScenarioFile() {
    }

    /** Writes the knobs, and the scene's trained state beside them when it has one; true if weights were written. */
    static boolean save(LessonScene scene, Path file) throws IOException {
        return save(scene, file, Where.NOWHERE);
    }

    /** The same with where it was saved and the scene's classroom. */
    static boolean save(LessonScene scene, Path file, Where where) throws IOException {
        Optional<Checkpoint> state = scene.trainedState();
        StringWriter out = new StringWriter();
        out.write("# GenLab scenario\n" + VERSION_KEY + " = " + VERSION + "\n" + SCENE_KEY + " = " + scene.id() + "\n");
        if (where.lessonId() != null) {
            out.write(LESSON_KEY + " = " + where.lessonId() + "\n");
        }
        if (where.step() != null) {
            out.write(STEP_KEY + " = " + where.step() + "\n");
        }
        if (where.images() != null) {
            out.write(IMAGES_KEY + " = " + escape(where.images()) + "\n");
        }
        Classroom room = scene.params().classroom();
        if (!room.hidden().isEmpty()) {
            out.write(HIDDEN_KEY + " = " + Classroom.format(room.hidden()) + "\n");
        }
        if (!room.locked().isEmpty()) {
            out.write(LOCKED_KEY + " = " + Classroom.format(room.locked()) + "\n");
        }
        if (state.isPresent()) {
            Path weights = weightsFile(file);
            Checkpoint c = state.get();
            writeAtomically(weights, c::write);
            out.write(WEIGHTS_KEY + " = " + weights.getFileName() + "\n");
        }
        scene.params().save(out);
        byte[] text = out.toString().getBytes(StandardCharsets.UTF_8);
        writeAtomically(file, o -> o.write(text));
        return state.isPresent();
    }

    /** A value as a properties file reads it back (a Windows folder's backslashes, a leading space). */
    private static String escape(String v) {
        Properties p = new Properties();
        p.setProperty("k", v);
        StringWriter w = new StringWriter();
        try {
            p.store(w, null);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return w.toString().lines().filter(l -> l.startsWith("k=")).findFirst().orElseThrow().substring(2);
    }

    /** {@code dir/name.genlab} → {@code dir/name.weights.gz}. */
    static Path weightsFile(Path scenario) {
        String name = scenario.getFileName().toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".genlab")
                ? name.substring(0, name.length() - ".genlab".length()) : name;
        return scenario.resolveSibling(base + WEIGHTS_SUFFIX);
    }

    /**
     * A scenario file as read, before it touches any scene: the scene it is for, the weights file it names (or
     * null) and its knob lines.
     */
    record Contents(String sceneId, String weightsName, Properties knobs, int version, String lessonId, Integer step,
                    String images, Classroom classroom) {

        Contents(String sceneId, String weightsName, Properties knobs) {
            this(sceneId, weightsName, knobs, 1, null, null, null, Classroom.NONE);
        }

        /**
         * Checks every knob line against a scene's knobs, as {@link #load} would set them, without a scene.
         *
         * @throws IllegalArgumentException naming an unknown knob or a value out of range
         */
        void checkKnobs(dev.genlab.scene.ParamSpec spec) throws IOException {
            dev.genlab.scene.ParamSet p = new dev.genlab.scene.ParamSet(spec);
            p.load(knobsReader());
            p.setClassroom(classroom);
        }

        /** The weights the file names, read and checked as a checkpoint (the caller knows that there are some). */
        Checkpoint readWeights(Path scenario) throws IOException {
            return Checkpoint.read(weightsPath(scenario, weightsName.trim()));
        }

        private StringReader knobsReader() throws IOException {
            StringWriter out = new StringWriter();
            knobs.store(out, null);
            return new StringReader(out.toString());
        }
    }

    /**
     * Reads a scenario file without applying it.
     *
     * @throws IllegalArgumentException when it has no {@code scene = ...} line
     */
    static Contents read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new StringReader(text));
        String id = p.getProperty(SCENE_KEY);
        if (id == null) {
            throw new IllegalArgumentException("not a GenLab scenario: no '" + SCENE_KEY + " = ...' line");
        }
        p.remove(SCENE_KEY);
        String weightsName = (String) p.remove(WEIGHTS_KEY);
        String v = (String) p.remove(VERSION_KEY);
        int version;
        try {
            version = v == null ? 1 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the '" + VERSION_KEY + "' line must be a whole number, not '" + v + "'");
        }
        if (version < 1 || version > VERSION) {
            throw new IllegalArgumentException("written by a newer GenLab (scenario version " + version
                    + "); this one reads versions 1 to " + VERSION);
        }
        String lesson = trimmed((String) p.remove(LESSON_KEY));
        String stepText = trimmed((String) p.remove(STEP_KEY));
        Integer step = null;
        if (stepText != null) {
            try {
                step = Integer.parseInt(stepText);
            } catch (NumberFormatException e) {
                step = -1;
            }
            if (step < 1) {
                throw new IllegalArgumentException("the '" + STEP_KEY + "' line must be a step number from 1, not '"
                        + stepText + "'");
            }
        }
        String images = trimmed((String) p.remove(IMAGES_KEY));
        Classroom classroom = new Classroom(Classroom.parse((String) p.remove(HIDDEN_KEY)),
                Classroom.parse((String) p.remove(LOCKED_KEY)));
        return new Contents(id.trim(), weightsName, p, version, lesson, step, images, classroom);
    }

    private static String trimmed(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /**
     * Sets the scene's knobs from the file, then its trained state if the file names one.
     *
     * @throws IllegalArgumentException when the file is for another scene or names a knob or value
     *                                  the scene does not take (the message says which); nothing changed
     */
    static Loaded load(LessonScene scene, Path file) throws IOException {
        Contents c = read(file);
        if (!c.sceneId().equals(scene.id())) {
            throw new IllegalArgumentException("the scenario is for scene '" + c.sceneId() + "', this step shows '"
                    + scene.id() + "'");
        }
        // read the weights before any knob moves, so a bad file is known; the knobs load all the same
        Checkpoint state = null;
        String problem = null;
        if (c.weightsName() != null) {
            try {
                state = c.readWeights(file);
            } catch (IOException | IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        // the classroom is checked before any knob moves too; the old one lets go of its knobs so the file can set them
        c.checkKnobs(scene.params().spec());
        scene.params().setClassroom(Classroom.NONE);
        scene.params().load(c.knobsReader());
        scene.params().setClassroom(c.classroom());
        if (state != null) {
            try {
                scene.restoreTrainedState(state);
            } catch (IllegalArgumentException e) {
                problem = e.getMessage();
            }
        }
        return new Loaded(c.weightsName() != null, problem);
    }

    /** The weights file a scenario names: a plain file name beside it (a mailed scenario reaches nowhere else). */
    private static Path weightsPath(Path scenario, String name) throws IOException {
        Path named = Path.of(name);
        if (name.isEmpty() || named.isAbsolute() || named.getNameCount() != 1 || name.equals("..")) {
            throw new IOException("the '" + WEIGHTS_KEY + "' line must name a file beside the scenario, not '" + name + "'");
        }
        Path f = scenario.resolveSibling(name);
        if (!Files.isRegularFile(f)) {
            throw new IOException("the weights file " + f.getFileName() + " is missing");
        }
        return f;
    }

    private static void writeAtomically(Path file, dev.genlab.model.io.AtomicWrite.Writer w) throws IOException {
        dev.genlab.model.io.AtomicWrite.write(file, w);
    }
}
