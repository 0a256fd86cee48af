package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A lessons folder with one good and two broken lessons: the errors show, the good one works. */
@ExtendWith(ApplicationExtension.class)
class BrokenLessonTest {

    private static Path dir;
    private MainWindow window;

    @BeforeAll
    static void lessons() throws IOException {
        dir = Files.createTempDirectory("genlab-lessons");
        String good = Files.readString(Path.of("lessons/01-generative-models/lesson.en.md"));
        write("01-good", "en", good);
        write("01-good", "ko", Files.readString(Path.of("lessons/01-generative-models/lesson.ko.md")));
        write("02-bad-scene", "en", "---\ntitle: Bad scene\nscene: warp-drive\n---\n## Step\ntext\n");
        write("02-bad-scene", "ko", "---\ntitle: 나쁜 장면\nscene: warp-drive\n---\n## 단계\n본문\n");
        write("03-bad-knob", "en", "---\ntitle: Bad knob\nscene: density\n---\n## Step\ntext\n```preset\nwarp = 9\ncomponents = 4\n```\n");
        System.setProperty("genlab.lessons.dir", dir.toString());
    }

    static void write(String lesson, String lang, String text) throws IOException {
        Files.createDirectories(dir.resolve(lesson));
        Files.writeString(dir.resolve(lesson).resolve("lesson." + lang + ".md"), text, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("genlab.lessons.dir");
    }

    @Start
    void start(Stage stage) {
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("broken"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.fxRun(() -> window.close());
    }

    @Test
    void brokenLessonsShowTheirErrorsAndTheOthersLoad(FxRobot robot) {
        assertEquals(3, window.catalogue().lessons().size());
        assertEquals("01-good", window.lessonProperty().get().id());
        // the count stays in the status bar even after the start-up data set's message replaces the
        // problems message (which one is newest depends on timing). Four: the unknown scene in both
        // languages, the unknown knob, and the bad-knob lesson's missing Korean file
        assertEquals("\u26a0 4 problems in the lesson files", window.problemsCountText());

        // the lesson naming an unknown scene is listed, marked, and shows file and line
        robot.clickOn("2. 02-bad-scene \u26a0");
        VBox problems = robot.lookup("#lesson-problems").queryAs(VBox.class);
        assertTrue(problems.getChildren().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.startsWith("02-bad-scene/lesson.en.md:3: unknown scene 'warp-drive'")), problems.getChildren().toString());
        assertTrue(window.currentScene().isEmpty());
        assertTrue(!DensitySceneAppTest.threadAlive("trainer-density"), "switching lessons stopped the trainer thread");

        // the lesson with an unknown knob opens; the bad line is reported and the good one applied
        robot.clickOn("3. Bad knob \u26a0");
        assertTrue(problems.getChildren().stream().map(n -> ((Label) n).getText())
                .anyMatch(t -> t.startsWith("03-bad-knob/lesson.en.md:8: unknown knob 'warp'")));
        assertEquals(4, window.currentScene().orElseThrow().params().getInt("components"));

        // and the good lesson still works
        robot.clickOn("1. What is a generative model?");
        robot.clickOn("#next-step");
        assertEquals(1, (int) AppTestSupport.fx(() -> window.stepProperty().get()));
    }
}
