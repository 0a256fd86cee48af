package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.awaitFx;
import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.i18n.I18n;
import dev.genlab.scene.density.DensityScene;
import dev.genlab.scene.density.DensitySnapshot;

/**
 * The keyboard on the real main window: every control can be reached with Tab, every shortcut's
 * keys do what the help dialog says, and the lecture keys act on the lesson wherever the focus
 * is, except in a text being edited.
 */
@ExtendWith(ApplicationExtension.class)
class KeyboardTest {

    private MainWindow window;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = GenLabApp.open(stage, AppTestSupport.freshPrefs("keyboard"), url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeStrayWindows();
        fxRun(() -> {
            window.close();
            window.setPresenter(false);
            I18n.setLocale(Locale.ENGLISH);
            if (!stage.isShowing()) {
                stage.show(); // after the Quit test: the next test's window opens on this stage
            }
        });
    }

    private DensityScene scene() {
        return (DensityScene) window.currentScene().orElseThrow();
    }

    private int step() {
        return fx(() -> window.stepProperty().get());
    }

    private boolean playing() {
        return fx(() -> scene().playingProperty().get());
    }

    private Node focusOwner() {
        return fx(() -> window.fxScene().getFocusOwner());
    }

    /** Waits until the density view has drawn a snapshot meeting cond. */
    private DensitySnapshot shown(java.util.function.Predicate<DensitySnapshot> cond, String what) {
        return awaitFx(() -> {
            scene().pumpNow();
            return scene().lastShown();
        }, cond, what);
    }

    /** Presses the combination's keys as a person would: modifiers first, released in reverse. */
    static void press(FxRobot robot, KeyCombination k) {
        KeyCodeCombination c = (KeyCodeCombination) k;
        List<KeyCode> keys = new ArrayList<>();
        // GenLab runs its tests on Linux, where the shortcut modifier is Ctrl
        if (c.getShortcut() == KeyCombination.ModifierValue.DOWN || c.getControl() == KeyCombination.ModifierValue.DOWN) {
            keys.add(KeyCode.CONTROL);
        }
        if (c.getShift() == KeyCombination.ModifierValue.DOWN) {
            keys.add(KeyCode.SHIFT);
        }
        if (c.getAlt() == KeyCombination.ModifierValue.DOWN) {
            keys.add(KeyCode.ALT);
        }
        if (c.getMeta() == KeyCombination.ModifierValue.DOWN) {
            keys.add(KeyCode.META);
        }
        keys.add(c.getCode());
        robot.press(keys.toArray(KeyCode[]::new));
        Collections.reverse(keys);
        robot.release(keys.toArray(KeyCode[]::new));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void tabReachesTheToolbarNavigatorStepButtonsAndEveryKnob(FxRobot robot) {
        robot.clickOn("#next-step"); // step 2, so Previous is enabled too
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            robot.type(KeyCode.TAB);
            Node f = fx(() -> window.fxScene().getFocusOwner());
            for (Node n = f; n != null; n = n.getParent()) {
                if (n.getId() != null) {
                    seen.add(n.getId());
                    break;
                }
            }
        }
        Set<String> want = new HashSet<>(Set.of("play", "step", "speed", "reset", "presenter-button", "navigator",
                "previous-step", "next-step"));
        window.currentScene().orElseThrow().params().spec().knobs().forEach(k -> want.add("knob-" + k.id()));
        for (String id : want) {
            assertTrue(seen.contains(id), "Tab reaches #" + id + " (reached: " + seen + ")");
        }
    }

    /** The guard: a shortcut listed (in menus and the help dialog) but with nothing behind its keys fails here. */
    @Test
    void everyShortcutIsListedAndHasAnAction() throws IllegalAccessException {
        for (Field f : Shortcut.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == Shortcut.class) {
                assertTrue(Shortcut.ALL.contains((Shortcut) f.get(null)), "Shortcut." + f.getName() + " is in Shortcut.ALL");
            }
        }
        for (Shortcut s : Shortcut.ALL) {
            assertTrue(window.handles(s), "shortcut '" + s.id() + "' (" + s.keysText() + ") has an action");
        }
    }

    /**
     * Presses every key of every shortcut with the robot and checks what it did. A shortcut added
     * without a check here fails the test, so its keys get tried too.
     */
    @Test
    void everyKeyOfEveryShortcutDoesWhatItSays(FxRobot robot, @TempDir Path tmp) throws Exception {
        List<String> asked = Collections.synchronizedList(new ArrayList<>());
        Path scenario = tmp.resolve("keys.genlab");
        Path figure = tmp.resolve("keys.png");
        fxRun(() -> window.setFileDialogs(new MainWindow.FileDialogs() {
            @Override
            public File folder(DirectoryChooser c, Stage owner) {
                asked.add("folder");
                return null; // the student cancels: nothing changes
            }

            @Override
            public File save(FileChooser c, Stage owner) {
                boolean png = c.getExtensionFilters().get(0).getExtensions().contains("*.png");
                asked.add(png ? "save png" : "save scenario");
                return (png ? figure : scenario).toFile();
            }

            @Override
            public File open(FileChooser c, Stage owner) {
                asked.add("open");
                return null;
            }
        }));
        shown(s -> s.iteration() == 0, "the initial model");

        Map<Shortcut, Consumer<KeyCombination>> checks = new LinkedHashMap<>();
        checks.put(Shortcut.NEXT, k -> {
            int before = step();
            press(robot, k);
            assertEquals(before + 1, step(), k.getDisplayText() + " moves to the next step");
        });
        checks.put(Shortcut.PREVIOUS, k -> {
            int before = step();
            press(robot, k);
            assertEquals(before - 1, step(), k.getDisplayText() + " moves to the previous step");
        });
        checks.put(Shortcut.PLAY, k -> {
            assertFalse(playing());
            press(robot, k);
            assertTrue(playing(), k.getDisplayText() + " plays");
            press(robot, k);
            assertFalse(playing(), k.getDisplayText() + " pauses");
        });
        checks.put(Shortcut.STEP, k -> {
            fxRun(() -> scene().reset());
            shown(s -> s.iteration() == 0, "the reset model");
            press(robot, k);
            shown(s -> s.iteration() == 1, "one EM iteration");
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
            assertEquals(1, shown(s -> true, "the latest").iteration(), k.getDisplayText() + " steps exactly once");
            assertFalse(playing());
        });
        checks.put(Shortcut.RESET, k -> {
            fxRun(() -> window.open("01-generative-models", 0));
            Map<String, Object> stepKnobs = fx(() -> scene().params().snapshot());
            fxRun(() -> {
                scene().params().set("components", 5);
                scene().params().set("seed", 7);
                scene().step();
            });
            shown(s -> s.iteration() >= 1 && s.components() == 5, "a stepped model of five components");
            press(robot, k);
            shown(s -> s.iteration() == 0 && s.components() == 3, "the model reset");
            assertEquals(stepKnobs, fx(() -> scene().params().snapshot()), "the knobs are back to the step's");
            assertEquals(1, (int) fx(() -> scene().params().getInt("seed")), "a knob the step leaves alone is at its default");
            assertEquals(I18n.get("status.reset"), fx(() -> window.statusText()));
        });
        checks.put(Shortcut.PRESENTER, k -> {
            press(robot, k);
            assertTrue(fx(() -> window.presenterProperty().get()), k.getDisplayText() + " enters presenter mode");
        });
        checks.put(Shortcut.LEAVE_PRESENTER, k -> {
            fxRun(() -> window.setPresenter(true));
            press(robot, k);
            assertFalse(fx(() -> window.presenterProperty().get()), k.getDisplayText() + " leaves presenter mode");
        });
        checks.put(Shortcut.ZOOM_IN, k -> {
            double before = fx(() -> window.zoomProperty().get());
            press(robot, k);
            assertEquals(before * 1.1, fx(() -> window.zoomProperty().get()), 1e-9, k.getDisplayText() + " zooms in once");
        });
        checks.put(Shortcut.ZOOM_OUT, k -> {
            double before = fx(() -> window.zoomProperty().get());
            press(robot, k);
            assertEquals(before / 1.1, fx(() -> window.zoomProperty().get()), 1e-9, k.getDisplayText() + " zooms out once");
        });
        checks.put(Shortcut.ZOOM_RESET, k -> {
            fxRun(() -> window.zoomProperty().set(1.4));
            press(robot, k);
            assertEquals(1.0, fx(() -> window.zoomProperty().get()), 1e-9, k.getDisplayText() + " resets the zoom");
        });
        checks.put(Shortcut.LANGUAGE, k -> {
            press(robot, k);
            assertEquals(Locale.KOREAN, fx(I18n::getLocale), k.getDisplayText() + " switches to the next language");
            press(robot, k);
            assertEquals(Locale.ENGLISH, fx(I18n::getLocale));
        });
        checks.put(Shortcut.THEME, k -> {
            AppPrefs.Theme before = fx(() -> window.themeProperty().get());
            press(robot, k);
            assertFalse(before == fx(() -> window.themeProperty().get()), k.getDisplayText() + " switches the theme");
            press(robot, k);
            assertEquals(before, fx(() -> window.themeProperty().get()));
        });
        checks.put(Shortcut.OPEN_DATASET, k -> {
            asked.clear();
            press(robot, k);
            assertEquals(List.of("folder"), asked, k.getDisplayText() + " asks for a dataset folder");
        });
        checks.put(Shortcut.SAVE_SCENARIO, k -> {
            asked.clear();
            press(robot, k);
            assertEquals(List.of("save scenario"), asked);
            assertTrue(read(scenario).contains("scene = density"), k.getDisplayText() + " saves the scenario");
        });
        checks.put(Shortcut.EXPORT, k -> {
            asked.clear();
            press(robot, k);
            assertEquals(List.of("save png"), asked);
            assertTrue(Files.isRegularFile(figure), k.getDisplayText() + " exports the figure");
        });
        checks.put(Shortcut.HELP, k -> {
            press(robot, k);
            assertTrue(robot.lookup("#shortcuts-dialog").tryQuery().map(n -> n.getScene().getWindow().isShowing())
                    .orElse(false), k.getDisplayText() + " opens the shortcuts dialog");
            AppTestSupport.closeStrayWindows();
            fxRun(() -> stage.requestFocus());
            WaitForAsyncUtils.waitForFxEvents();
        });
        checks.put(Shortcut.QUIT, k -> {
            press(robot, k);
            assertFalse(fx(() -> stage.isShowing()), k.getDisplayText() + " closes the window");
        });

        for (Shortcut s : Shortcut.ALL) {
            assertNotNull(checks.get(s), "KeyboardTest tries the keys of shortcut '" + s.id() + "'");
        }
        // in the help dialog's order, Quit last (it closes the window)
        List<Shortcut> order = new ArrayList<>(Shortcut.ALL);
        order.remove(Shortcut.QUIT);
        order.add(Shortcut.QUIT);
        for (Shortcut s : order) {
            for (KeyCombination k : s.combinations()) {
                checks.get(s).accept(k);
            }
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new AssertionError("not written: " + p, e);
        }
    }

    // ---- the lecture keys wherever the focus is ----

    @Test
    void afterAClickOnNextSpacePlaysInsteadOfPressingNextAgain(FxRobot robot) {
        robot.clickOn("#next-step");
        assertEquals(1, step());
        assertTrue(focusOwner() instanceof Button, "the clicked button has the focus: " + focusOwner());
        robot.type(KeyCode.SPACE);
        assertTrue(playing(), "Space plays");
        assertEquals(1, step(), "and does not press Next");
        robot.type(KeyCode.SPACE);
        assertFalse(playing(), "Space pauses");
        assertEquals(1, step());
        robot.type(KeyCode.PERIOD);
        assertEquals(1, step(), ". steps the scene, not the lesson");
    }

    @Test
    void afterAClickInTheLessonListTheArrowKeysChangeTheStep(FxRobot robot) {
        String first = fx(() -> window.lessonProperty().get().text("en").orElseThrow().steps().get(0).heading());
        robot.clickOn("1  " + first.replace("$", ""));
        assertTrue(focusOwner() instanceof TreeView, "the lesson list has the focus: " + focusOwner());
        assertEquals(0, step());
        robot.type(KeyCode.RIGHT);
        assertEquals(1, step(), "→ moves to the next step");
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(2, step(), "Page Down too");
        robot.type(KeyCode.LEFT);
        assertEquals(1, step(), "← moves back");
        robot.type(KeyCode.SPACE);
        assertTrue(playing(), "Space plays");
        robot.type(KeyCode.SPACE);
        assertFalse(playing());
    }

    @Test
    void aFocusedSliderKeepsItsArrowsAndLetsTheOtherLectureKeysThrough(FxRobot robot) {
        Slider k = robot.lookup("#knob-components").queryAs(Slider.class);
        robot.clickOn("#knob-components");
        assertEquals(k, focusOwner());
        int components = fx(() -> scene().params().getInt("components"));
        robot.type(KeyCode.LEFT);
        assertEquals(components - 1, (int) fx(() -> scene().params().getInt("components")), "← moves the slider");
        assertEquals(0, step(), "and not the lesson");
        robot.type(KeyCode.SPACE);
        assertTrue(playing(), "Space plays");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(1, step(), "Page Down (the clicker) moves on");
    }

    @Test
    void aCheckBoxTakesSpaceWhenReachedWithTabButNotAfterAClick(FxRobot robot) {
        robot.clickOn("#next-step").clickOn("#next-step").clickOn("#next-step"); // step 4 shows responsibilities
        CheckBox box = robot.lookup("#knob-show_responsibilities").queryAs(CheckBox.class);
        boolean before = fx(box::isSelected);
        // focused after the clicks (as a click on it would; the knob panel may be scrolled past it)
        fxRun(box::requestFocus);
        assertEquals(box, focusOwner());
        robot.type(KeyCode.SPACE);
        assertTrue(playing(), "after a click, Space plays");
        assertEquals(before, fx(box::isSelected), "and leaves the check box alone");
        robot.type(KeyCode.SPACE);
        assertFalse(playing());
        // reached with the keyboard, Space is how a check box is pressed
        fxRun(() -> robot.lookup("#play").query().requestFocus());
        for (int i = 0; i < 80 && focusOwner() != box; i++) {
            robot.type(KeyCode.TAB);
        }
        assertEquals(box, focusOwner(), "Tab reaches the check box");
        robot.type(KeyCode.SPACE);
        assertEquals(!before, fx(box::isSelected), "Space toggles the check box reached with Tab (playing: " + playing() + ")");
        assertFalse(playing());
    }

    @Test
    void aTextBeingEditedKeepsTheKeysItTypesAndMovesWith(FxRobot robot) {
        // the window has no text field of its own yet; one in the toolbar stands for any (a typed value, a search)
        TextField field = new TextField();
        field.setId("test-field");
        fxRun(() -> robot.lookup("#toolbar").queryAs(ToolBar.class).getItems().add(field));
        robot.clickOn("#test-field");
        robot.type(KeyCode.A, KeyCode.SPACE, KeyCode.B, KeyCode.PERIOD, KeyCode.C);
        assertEquals("a b.c", fx(field::getText), "Space and . are typed");
        assertFalse(playing(), "Space did not play");
        robot.type(KeyCode.LEFT, KeyCode.LEFT);
        assertEquals(3, (int) fx(field::getCaretPosition), "← moves the caret");
        robot.type(KeyCode.RIGHT);
        robot.type(KeyCode.PAGE_DOWN);
        assertEquals(0, step(), "and not the lesson");
        // the keys that type nothing still act
        press(robot, Shortcut.PRESENTER.primary());
        assertTrue(fx(() -> window.presenterProperty().get()), "F5 enters presenter mode while a text is edited");
        press(robot, Shortcut.LEAVE_PRESENTER.primary());
        assertFalse(fx(() -> window.presenterProperty().get()));
    }

    @Test
    void whichFocusedControlsKeepWhichKeys() {
        Boolean[] r = fx(() -> {
            ComboBox<String> editable = new ComboBox<>();
            editable.setEditable(true);
            TextArea readOnly = new TextArea();
            readOnly.setEditable(false);
            Spinner<Integer> spinner = new Spinner<>(0, 9, 1);
            spinner.setEditable(true);
            return new Boolean[] {
                MainWindow.focusKeeps(new TextField(), false, KeyCode.SPACE),
                MainWindow.focusKeeps(new TextArea(), false, KeyCode.PAGE_DOWN),
                MainWindow.focusKeeps(editable, false, KeyCode.RIGHT),
                MainWindow.focusKeeps(spinner, false, KeyCode.PERIOD),
                MainWindow.focusKeeps(new Slider(), false, KeyCode.LEFT),
                MainWindow.focusKeeps(new CheckBox(), true, KeyCode.SPACE), // reached with Tab
                // not kept:
                MainWindow.focusKeeps(new TextField(), false, KeyCode.F5),
                MainWindow.focusKeeps(readOnly, false, KeyCode.SPACE),
                MainWindow.focusKeeps(new Slider(), false, KeyCode.PAGE_DOWN),
                MainWindow.focusKeeps(new Slider(), false, KeyCode.SPACE),
                MainWindow.focusKeeps(new ComboBox<String>(), false, KeyCode.RIGHT),
                MainWindow.focusKeeps(new Button(), false, KeyCode.SPACE), // clicked
                MainWindow.focusKeeps(new Button(), true, KeyCode.ENTER),
                MainWindow.focusKeeps(new TreeView<String>(), false, KeyCode.RIGHT),
                MainWindow.focusKeeps(null, false, KeyCode.SPACE),
            };
        });
        for (int i = 0; i < 6; i++) {
            assertTrue(r[i], "case " + i + " keeps the key");
        }
        for (int i = 6; i < r.length; i++) {
            assertFalse(r[i], "case " + i + " leaves the key to the window");
        }
    }
}
