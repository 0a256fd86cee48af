package dev.genlab.app;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import dev.genlab.scene.LessonScene;

/**
 * A scene's knobs saved as a small text file an instructor can keep, mail or edit:
 * <pre>
 * scene = density
 * components = 4
 * dataset = moons
 * </pre>
 * Loading checks the scene and every knob first; a bad file changes nothing.
 */
final class ScenarioFile {

    static final String SCENE_KEY = "scene";

    private ScenarioFile() {
    }

    static void save(LessonScene scene, Path file) throws IOException {
        StringWriter out = new StringWriter();
        out.write("# GenLab scenario\n" + SCENE_KEY + " = " + scene.id() + "\n");
        scene.params().save(out);
        Files.writeString(file, out.toString(), StandardCharsets.UTF_8);
    }

    /**
     * @throws IllegalArgumentException when the file is for another scene or names a knob or value
     *                                  the scene does not take (the message says which)
     */
    static void load(LessonScene scene, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Properties p = new Properties();
        p.load(new StringReader(text));
        String id = p.getProperty(SCENE_KEY);
        if (id == null) {
            throw new IllegalArgumentException("not a GenLab scenario: no '" + SCENE_KEY + " = ...' line");
        }
        if (!id.trim().equals(scene.id())) {
            throw new IllegalArgumentException("the scenario is for scene '" + id.trim() + "', this step shows '"
                    + scene.id() + "'");
        }
        p.remove(SCENE_KEY);
        StringWriter knobs = new StringWriter();
        p.store(knobs, null);
        scene.params().load(new StringReader(knobs.toString()));
    }
}
