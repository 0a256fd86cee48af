package dev.genlab.scene.counting;

import java.math.BigInteger;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;

import dev.genlab.i18n.I18n;
import dev.genlab.model.autoregressive.ChannelMasks;
import dev.genlab.model.discrete.ColourCounts;
import dev.genlab.plot.Figure;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.PlotTheme;

/**
 * Colour pixels (the "Colour pixels" knob): the exact parameter counts of 8-bit RGB tables for one pixel and for an
 * image of the current side, the chain rule's three tables within a pixel, and a figure of the channel masks a
 * PixelCNN uses to keep the order R → G → B inside a pixel. Every figure comes from {@link ColourCounts} and
 * {@link ChannelMasks}; nothing is trained.
 */
final class ColourView extends VBox {

    /** Levels of an 8-bit channel. */
    static final int LEVELS = 256;

    final Label heading = new Label();
    final GridPane table = new GridPane();
    final MaskFigure masks = new MaskFigure();
    final Label maskNote = new Label();
    private int side = -1;

    ColourView() {
        setSpacing(6);
        setId("counting-colour");
        heading.setStyle("-fx-font-weight: bold;");
        heading.setWrapText(true);
        table.setId("counting-colour-table");
        table.setHgap(14);
        table.setVgap(3);
        masks.setId("counting-channel-masks");
        masks.setPrefHeight(150);
        masks.setMinHeight(120);
        maskNote.setWrapText(true);
        maskNote.setMinHeight(Label.USE_PREF_SIZE);
        maskNote.getStyleClass().add("readout");
        masks.setPrefWidth(240);
        masks.setMinWidth(150);
        javafx.scene.layout.HBox row = new javafx.scene.layout.HBox(16, table, masks);
        javafx.scene.layout.HBox.setHgrow(masks, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(heading, row, maskNote);
    }

    /** Counts for images of side × side colour pixels (and the language of the moment). */
    void show(int side) {
        this.side = side;
        int n = side * side;
        heading.setText(I18n.get("counting.colour.heading", side, n));
        table.getChildren().clear();
        BigInteger[] chain = ColourCounts.pixelChain(LEVELS);
        int r = 0;
        r = row(r, "counting.colour.pixel", ColourCounts.pixel(LEVELS), "colour-pixel");
        r = row(r, "counting.colour.chainR", chain[0], "colour-chain-r");
        r = row(r, "counting.colour.chainG", chain[1], "colour-chain-g");
        r = row(r, "counting.colour.chainB", chain[2], "colour-chain-b");
        r = row(r, "counting.colour.chainSum", chain[0].add(chain[1]).add(chain[2]), "colour-chain-sum");
        r = row(r, "counting.colour.imageJoint", ColourCounts.imageJoint(n, LEVELS), "colour-image-joint");
        r = row(r, "counting.colour.independentPixels", ColourCounts.independentPixels(n, LEVELS),
                "colour-independent-pixels");
        row(r, "counting.colour.independentChannels", ColourCounts.independentChannels(n, LEVELS),
                "colour-independent-channels");
        maskNote.setText(I18n.get("counting.colour.maskNote"));
        masks.redraw();
    }

    /** Again in the language now in force. */
    void relabel() {
        if (side > 0) {
            show(side);
        }
    }

    private int row(int r, String key, BigInteger value, String id) {
        Label name = new Label(I18n.get(key));
        Label count = new Label(CountingView.exact(value));
        name.setMinWidth(Label.USE_PREF_SIZE);
        count.setMinWidth(Label.USE_PREF_SIZE);
        count.setId(id);
        // the count first, right-aligned: it stays in view when the panel is narrow
        GridPane.setHalignment(count, javafx.geometry.HPos.RIGHT);
        table.add(count, 0, r);
        table.add(name, 1, r);
        return r + 1;
    }

    /**
     * Mask A and mask B side by side: rows the output group (R, G, B), columns the input channel of the same pixel;
     * a filled cell where {@link ChannelMasks#mask} lets the output read the input.
     */
    static final class MaskFigure extends Figure {

        private static final String[] RGB = {"R", "G", "B"};

        @Override
        protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
            double font = theme.font().getSize();
            double title = font * 1.6;
            double label = font * 1.4;
            double cell = Math.max(6, Math.min((h - title - label) / 3, (w / 2 - 2 * label) / 3));
            double block = label + 3 * cell;
            double gap = Math.max(label, (w - 2 * block) / 3);
            g.setTextBaseline(VPos.CENTER);
            for (int k = 0; k < 2; k++) {
                char type = k == 0 ? 'A' : 'B';
                boolean[][] m = ChannelMasks.mask(type, ColourCounts.CHANNELS);
                double x0 = gap + k * (block + gap) + label;
                double y0 = title + label;
                g.setFill(theme.text());
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(I18n.get(type == 'A' ? "counting.colour.maskA" : "counting.colour.maskB"),
                        x0 + 1.5 * cell - label / 2, title / 2);
                for (int c = 0; c < 3; c++) {
                    g.setTextAlign(TextAlignment.CENTER);
                    g.fillText(RGB[c], x0 + (c + 0.5) * cell, title + label / 2);
                    g.setTextAlign(TextAlignment.RIGHT);
                    g.fillText(RGB[c], x0 - 4, y0 + (c + 0.5) * cell);
                }
                for (int out = 0; out < 3; out++) {
                    for (int in = 0; in < 3; in++) {
                        double x = x0 + in * cell;
                        double y = y0 + out * cell;
                        if (m[out][in]) {
                            g.setFill(FigureColour.BLUE.color());
                            g.fillRect(x + 1, y + 1, cell - 2, cell - 2);
                        }
                        g.setStroke(theme.axis());
                        g.setLineWidth(1);
                        g.strokeRect(x + 1, y + 1, cell - 2, cell - 2);
                    }
                }
            }
        }
    }
}
