package dev.genlab.scene.elbo;

import java.util.Locale;

import javafx.scene.layout.BorderPane;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.PlotTheme;
import dev.genlab.scene.ScenePanel;

/**
 * A panel of lesson 7 computed on the JavaFX thread from the knobs (pPCA in the plane, the bound): nothing
 * comes from the trainer, and it recomputes when it is shown and when the language or the plot theme
 * changes (listened to weakly, the listeners held here, as ARCHITECTURE's threads section asks).
 */
abstract class LocalPanel extends BorderPane implements ScenePanel<ElboSnapshot> {

    // only while shown (in the window): shown() computes it all again, and a hidden panel, or one of a scene that was
    // left and waits for the collector, spent 0.1-0.2 s of the JavaFX thread on every change of language (JFR)
    private final javafx.beans.value.ChangeListener<Locale> languageListener = (o, a, b) -> recomputeIfShown();
    private final javafx.beans.InvalidationListener themeListener = o -> recomputeIfShown();

    LocalPanel() {
        I18n.localeProperty().addListener(new javafx.beans.value.WeakChangeListener<>(languageListener));
        PlotTheme.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(themeListener));
    }

    private void recomputeIfShown() {
        if (getScene() != null) {
            recompute();
        }
    }

    /** Computes and draws everything from the knobs. */
    abstract void recompute();

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    @Override
    public void draw(ElboSnapshot snapshot) {
        // computed here, on the JavaFX thread: the trainer's snapshot has nothing for this panel
    }

    @Override
    public void shown() {
        recompute();
    }
}
