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
import dev.genlab.scene.LessonScene;

/**
 * A scene's knobs saved as a small text file an instructor can keep, mail or edit:
 * <pre>
 * scene = density
 * components = 4
 * dataset = moons
 * </pre>
 * Loading checks the scene and every knob first; a bad file changes nothing.
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
        Optional<Checkpoint> state = scene.trainedState();
        StringWriter out = new StringWriter();
        out.write("# GenLab scenario\n" + SCENE_KEY + " = " + scene.id() + "\n");
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
    record Contents(String sceneId, String weightsName, Properties knobs) {

        /**
         * Checks every knob line against a scene's knobs, as {@link #load} would set them, without a scene.
         *
         * @throws IllegalArgumentException naming an unknown knob or a value out of range
         */
        void checkKnobs(dev.genlab.scene.ParamSpec spec) throws IOException {
            new dev.genlab.scene.ParamSet(spec).load(knobsReader());
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
        return new Contents(id.trim(), weightsName, p);
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
        scene.params().load(c.knobsReader());
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
