package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;


/**
 * In Korean, the app speaks Korean: every step of every lesson is opened in the real window and
 * every label, button, check box and text node outside the lesson's own text (which may give an
 * English term in parentheses, as the glossary asks) is read. A run of two lower-case English words
 * is an English string from the app. Symbols, units, acronyms and model names (NLL, nat, NADE,
 * PixelCNN, RealNVP, k-means++, log p(x)) do not make such a run. Figures drawn on canvases are not
 * nodes and are not read here.
 */
@ExtendWith(ApplicationExtension.class)
class KoreanEverywhereTest {

    private static final Pattern ENGLISH = Pattern.compile("\\b[a-z]{3,}[ -]+[a-z]{3,}\\b");

    private MainWindow window;

    @Start
    void start(Stage stage) {
        stage.setWidth(1280);
        stage.setHeight(800);
        AppPrefs prefs = AppTestSupport.freshPrefs("korean-everywhere");
        prefs.setLocale(Locale.KOREAN);
        window = GenLabApp.open(stage, prefs, url -> { });
        window.show();
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window);
    }

    @Test
    void noEnglishStringFromTheAppInAnyStep() throws Exception {
        Set<String> found = new LinkedHashSet<>();
        AppTestSupport.everyStep(window, List.of(Locale.KOREAN), 250, (l, step, lang) -> {
            for (String t : fx(() -> texts(window.fxScene().getRoot()))) {
                if (ENGLISH.matcher(t).find()) {
                    found.add(l.id() + " step " + (step + 1) + ": \"" + t + "\"");
                }
            }
        });
        assertEquals(List.of(), new ArrayList<>(found), "English strings in the Korean app");
    }

    private static List<String> texts(Node root) {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<String> out) {
        if (!n.isVisible() || "lesson-scroll".equals(n.getId())) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null) {
            out.add(l.getText());
        }
        if (n instanceof Text t && t.getText() != null) {
            out.add(t.getText());
        }
        if (n instanceof ComboBox<?> c && c.getValue() != null && c.getButtonCell() != null
                && c.getButtonCell().getText() != null) {
            out.add(c.getButtonCell().getText());
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, out);
            }
        }
    }
}
