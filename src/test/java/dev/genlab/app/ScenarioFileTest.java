package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Node;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.model.io.Checkpoint;
import dev.genlab.scene.LessonScene;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.gan.GanParams;

/** Scenario files with and without a trained state, without a window: the weights line, its file, bad ones. */
class ScenarioFileTest {

    /** A scene with lesson 8's knobs whose trained state is whatever the test sets. */
    static final class Stub implements LessonScene {
        final ParamSet params = new ParamSet(GanParams.SPEC);
        Checkpoint state;
        IOException saveFails;
        Checkpoint restored;

        @Override
        public String id() {
            return "gan";
        }

        @Override
        public ParamSet params() {
            return params;
        }

        @Override
        public Node view() {
            return null;
        }

        @Override
        public void activate() {
        }

        @Override
        public void deactivate() {
        }

        @Override
        public BooleanProperty playingProperty() {
            return new SimpleBooleanProperty();
        }

        @Override
        public DoubleProperty speedProperty() {
            return new SimpleDoubleProperty(1);
        }

        @Override
        public void step() {
        }

        @Override
        public void reset() {
        }

        @Override
        public ReadOnlyStringProperty statusProperty() {
            return new SimpleStringProperty("");
        }

        @Override
        public Optional<Checkpoint> trainedState() throws IOException {
            if (saveFails != null) {
                throw saveFails;
            }
            return Optional.ofNullable(state);
        }

        @Override
        public void restoreTrainedState(Checkpoint c) {
            if (!"gan2d".equals(c.modelId())) {
                throw new IllegalArgumentException("not mine: " + c.modelId());
            }
            restored = c;
        }
    }

    static Checkpoint weights() {
        return new Checkpoint("gan2d", Map.of("rounds", "3"), new float[] {1, 2, 3});
    }

    @Test
    void knobsAloneWriteNoWeightsLine(@TempDir Path tmp) throws IOException {
        Stub s = new Stub();
        s.params.set(GanParams.BATCH, 64);
        Path f = tmp.resolve("a.genlab");
        assertFalse(ScenarioFile.save(s, f));
        String text = Files.readString(f);
        assertFalse(text.contains("weights"), text);
        assertFalse(Files.exists(tmp.resolve("a.weights.gz")));
        Stub t = new Stub();
        ScenarioFile.Loaded l = ScenarioFile.load(t, f);
        assertFalse(l.weights());
        assertNull(l.weightsProblem());
        assertEquals(64, t.params.values().get(GanParams.BATCH));
    }

    @Test
    void weightsGoBesideAndComeBack(@TempDir Path tmp) throws IOException {
        Stub s = new Stub();
        s.state = weights();
        Path f = tmp.resolve("b.GenLab");
        assertTrue(ScenarioFile.save(s, f));
        assertTrue(Files.readString(f).contains("weights = b.weights.gz"));
        assertEquals(s.state, Checkpoint.read(tmp.resolve("b.weights.gz")));
        try (var files = Files.list(tmp)) {
            assertEquals(2, files.count(), "no temporary file left behind");
        }
        Stub t = new Stub();
        ScenarioFile.Loaded l = ScenarioFile.load(t, f);
        assertTrue(l.weights());
        assertNull(l.weightsProblem());
        assertEquals(s.state, t.restored);
    }

    @Test
    void aFailedSaveLeavesTheOldFile(@TempDir Path tmp) throws IOException {
        Stub s = new Stub();
        Path f = tmp.resolve("c.genlab");
        ScenarioFile.save(s, f);
        String before = Files.readString(f);
        s.params.set(GanParams.BATCH, 32);
        s.saveFails = new IOException("no answer");
        assertThrows(IOException.class, () -> ScenarioFile.save(s, f));
        assertEquals(before, Files.readString(f), "the old scenario is whole");
    }

    @Test
    void aWeightsLineOutsideTheFolderOrOfAnotherModelIsReportedAndTheKnobsLoad(@TempDir Path tmp) throws IOException {
        Path f = tmp.resolve("d.genlab");
        Files.writeString(f, "scene = gan\nweights = ../elsewhere.weights.gz\nbatch = 32\n");
        Stub t = new Stub();
        ScenarioFile.Loaded l = ScenarioFile.load(t, f);
        assertTrue(l.weightsProblem().contains("beside the scenario"), l.weightsProblem());
        assertEquals(32, t.params.values().get(GanParams.BATCH), "the knobs loaded");
        assertNull(t.restored);
        new Checkpoint("nade", Map.of(), new float[] {1}).write(tmp.resolve("d.weights.gz"));
        Files.writeString(f, "scene = gan\nweights = d.weights.gz\nbatch = 128\n");
        l = ScenarioFile.load(t, f);
        assertEquals("not mine: nade", l.weightsProblem());
        assertEquals(128, t.params.values().get(GanParams.BATCH));
        Files.writeString(f, "scene = gan\nweights = d.weights.gz\nbatch = 7\n");
        assertThrows(IllegalArgumentException.class, () -> ScenarioFile.load(t, f), "a bad knob refuses the file");
        assertEquals(128, t.params.values().get(GanParams.BATCH), "and changes nothing");
        assertNull(t.restored, "not even the weights");
    }

    @Test
    void versionTwoCarriesWhereItWasSavedTheImagesAndTheClassroom(@TempDir Path tmp) throws IOException {
        Stub s = new Stub();
        s.params.set(GanParams.BATCH, 64);
        s.params.setClassroom(new dev.genlab.scene.Classroom(java.util.Set.of("seed"), java.util.Set.of("batch")));
        Path f = tmp.resolve("e.genlab");
        ScenarioFile.save(s, f, new ScenarioFile.Where("08-gan-minimax", 5, "C:\\data\\fashion"));
        String text = Files.readString(f);
        assertTrue(text.contains("version = 2\n") && text.contains("lesson = 08-gan-minimax\n") && text.contains("step = 5\n")
                && text.contains("classroom.hidden = seed\n") && text.contains("classroom.locked = batch\n"), text);
        ScenarioFile.Contents c = ScenarioFile.read(f);
        assertEquals(2, c.version());
        assertEquals("08-gan-minimax", c.lessonId());
        assertEquals(5, c.step());
        assertEquals("C:\\data\\fashion", c.images(), "a folder's backslashes come back");
        assertFalse(c.knobs().containsKey("lesson") || c.knobs().containsKey("classroom.locked"), "not knobs");
        // another scene (a student's) opens it: the knobs, then the classroom pinning them
        Stub t = new Stub();
        ScenarioFile.load(t, f);
        assertEquals(64, t.params.values().get(GanParams.BATCH));
        assertEquals(java.util.Set.of("batch"), t.params.classroom().locked());
        assertEquals(java.util.Set.of("seed"), t.params.classroom().hidden());
        t.params.reset();
        assertEquals(64, t.params.values().get(GanParams.BATCH), "Reset keeps a locked knob");
        t.params.applyOverDefaults(Map.of("batch", "128"));
        assertEquals(64, t.params.values().get(GanParams.BATCH), "a step's preset too");
    }

    @Test
    void versionOneFilesOpenAndLaterVersionsAndBadLinesAreRefused(@TempDir Path tmp) throws IOException {
        Path old = tmp.resolve("old.genlab");
        Files.writeString(old, "# GenLab scenario\nscene = gan\nbatch = 32\n");
        Stub t = new Stub();
        ScenarioFile.load(t, old);
        assertEquals(32, t.params.values().get(GanParams.BATCH));
        assertEquals(1, ScenarioFile.read(old).version());
        assertTrue(t.params.classroom().isEmpty());
        for (String bad : new String[] {"version = 3\n", "version = two\n", "step = 0\n", "classroom.locked = warp\n",
                "classroom.locked = batch\nclassroom.hidden = batch\n"}) {
            Path f = tmp.resolve("bad.genlab");
            Files.writeString(f, "scene = gan\n" + bad + "batch = 128\n");
            Stub u = new Stub();
            assertThrows(IllegalArgumentException.class, () -> ScenarioFile.load(u, f), bad);
            assertEquals(GanParams.BATCH.spec().defaultValue(), u.params.get("batch"), "nothing changed: " + bad);
        }
    }
}
