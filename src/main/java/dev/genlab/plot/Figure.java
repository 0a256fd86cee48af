package dev.genlab.plot;

import java.io.File;
import java.io.IOException;

import dev.genlab.i18n.I18n;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.WeakInvalidationListener;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.transform.Scale;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Base of every figure: a Region holding one resizable Canvas that is repainted on the next
 * layout pass after {@link #redraw()}, so several data pushes in one frame cost one paint.
 * Follows {@link PlotTheme#currentProperty()} and offers "Copy image" / "Save as PNG..." /
 * "Record animation..." ({@link RecordAnimationDialog}) on right-click.
 */
public abstract class Figure extends Region {

    private final Canvas canvas = new Canvas();
    // a theme also changes font size, hence preferred sizes: lay out again, not just repaint
    private final InvalidationListener themeListener = o -> {
        redraw();
        requestLayout();
    };
    private ContextMenu menu;
    private boolean dirty = true;
    private double pixelScale = 1;
    private double exportScale;

    protected Figure() {
        getChildren().add(canvas);
        canvas.getTransforms().add(new Scale(1, 1));
        PlotTheme.currentProperty().addListener(new WeakInvalidationListener(themeListener));
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            if (e.getButton() == MouseButton.SECONDARY && e.isStillSincePress()) {
                showMenu(e.getScreenX(), e.getScreenY());
            }
        });
        addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, e -> {
            if (e.isKeyboardTrigger()) {
                showMenu(e.getScreenX(), e.getScreenY());
            }
        });
    }

    /** Paint again on the next pulse (or the next snapshot); cheap to call many times a frame. */
    public final void redraw() {
        dirty = true;
        setNeedsLayout(true);
    }

    /** Paint the whole figure into a canvas of w x h logical pixels, using the current theme. */
    protected abstract void paint(GraphicsContext g, double w, double h, PlotTheme theme);

    @Override
    protected void layoutChildren() {
        double scale = exportScale > 0 ? exportScale : screenScale();
        if (scale != pixelScale) {
            pixelScale = scale;
            Scale s = (Scale) canvas.getTransforms().get(0);
            s.setX(1 / scale);
            s.setY(1 / scale);
            dirty = true;
        }
        double w = getWidth();
        double h = getHeight();
        double cw = Math.ceil(w * pixelScale);
        double ch = Math.ceil(h * pixelScale);
        if (canvas.getWidth() != cw || canvas.getHeight() != ch) {
            canvas.setWidth(cw);
            canvas.setHeight(ch);
            dirty = true;
        }
        if (dirty && w > 0 && h > 0) {
            dirty = false;
            GraphicsContext g = canvas.getGraphicsContext2D();
            g.setTransform(pixelScale, 0, 0, pixelScale, 0, 0);
            PlotTheme theme = PlotTheme.current();
            g.setFill(theme.background());
            g.fillRect(0, 0, w, h);
            g.setFont(theme.font());
            paint(g, w, h, theme);
        }
    }

    /** The window's output scale (e.g. 2 on a Retina display) so figures are sharp on HiDPI screens. */
    private double screenScale() {
        Window window = getScene() == null ? null : getScene().getWindow();
        return window == null ? 1 : Math.max(1, window.getRenderScaleX());
    }

    /**
     * Render at scale canvas pixels per logical pixel until called again with 0;
     * {@link FigureExport} uses it so that exported figures are painted sharp, not upscaled.
     */
    void setExportScale(double scale) {
        exportScale = scale;
        redraw();
    }

    /** Canvas pixels per logical pixel of the paint in progress: the screen's output scale, or the export scale. */
    protected final double pixelScale() {
        return pixelScale;
    }

    /**
     * Keeps this figure at least {@code share} of {@code container}'s height (and never under the
     * minimum height it had): a chart strip under a large figure was squeezed to a few pixels of plot
     * on a projector, where the larger type takes more of a fixed height. Bind it to the scene's
     * root, not to a parent whose own height follows its children.
     */
    public void keepHeightShare(Region container, double share) {
        double floor = getMinHeight() > 0 ? getMinHeight() : computeMinHeight(-1);
        minHeightProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(floor, Math.floor(share * container.getHeight())), container.heightProperty()));
    }

    @Override
    protected double computePrefWidth(double height) {
        return 400;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    @Override
    protected double computeMinWidth(double height) {
        return 60;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 40;
    }

    private void showMenu(double screenX, double screenY) {
        if (menu == null) {
            MenuItem copy = new MenuItem();
            copy.textProperty().bind(I18n.bind("plot.copy"));
            copy.setOnAction(e -> copyImage());
            MenuItem save = new MenuItem();
            save.textProperty().bind(I18n.bind("plot.savePng"));
            save.setOnAction(e -> savePngInteractively());
            MenuItem record = new MenuItem();
            record.textProperty().bind(I18n.bind("plot.record"));
            record.setOnAction(e -> RecordAnimationDialog.open(this));
            menu = new ContextMenu(copy, save, record);
        }
        menu.show(this, screenX, screenY);
    }

    private void copyImage() {
        ClipboardContent content = new ClipboardContent();
        content.putImage(FigureExport.snapshot(this, 2));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void savePngInteractively() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(I18n.get("plot.savePng"));
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(I18n.get("plot.pngFiles"), "*.png"));
        chooser.setInitialFileName("figure.png");
        File file = chooser.showSaveDialog(getScene() == null ? null : getScene().getWindow());
        if (file == null) {
            return;
        }
        try {
            FigureExport.savePng(this, file.toPath(), 2);
        } catch (IOException ex) {
            new Alert(Alert.AlertType.ERROR, I18n.get("plot.saveFailed", file, ex.getMessage())).show();
        }
    }
}
