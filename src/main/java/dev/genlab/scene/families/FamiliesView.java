package dev.genlab.scene.families;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.scene.Grids;
import dev.genlab.scene.families.FamiliesSnapshot.Family;
import dev.genlab.scene.families.FamiliesSnapshot.Kind;
import dev.genlab.scene.families.FamiliesSnapshot.Row;

/**
 * The comparison: a table (one row per family: what its likelihood is, the number, the time of one sample,
 * parameters, latent space) and, under it, one grid of samples per family, all of one size. Draws what the
 * lab measured; computes nothing.
 */
final class FamiliesView extends BorderPane {

    /** The table's columns: bundle keys families.col.&lt;id&gt;. */
    static final List<String> COLUMNS = List.of("family", "kind", "nll", "time", "params", "latent");

    private final Map<Family, Label[]> cells = new EnumMap<>(Family.class);
    private final Map<Family, ImageGridPlot> grids = new EnumMap<>(Family.class);
    private final Map<Family, Label> gridTitles = new EnumMap<>(Family.class);
    private final Label[] headers = new Label[COLUMNS.size()];
    final Label status = new Label();
    final Label notes = new Label();
    final Label footnote = new Label();
    private FamiliesSnapshot last;
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> {
        if (last != null) {
            show(last);
        }
    });

    FamiliesView() {
        setId("families");
        GridPane table = new GridPane();
        table.setId("families-table");
        table.setHgap(10);
        table.setVgap(3);
        double[] widths = {17, 15, 22, 12, 16, 18};
        for (int c = 0; c < COLUMNS.size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(widths[c]);
            cc.setHgrow(Priority.ALWAYS);
            table.getColumnConstraints().add(cc);
            headers[c] = new Label();
            headers[c].setId("families-col-" + COLUMNS.get(c));
            headers[c].setWrapText(true);
            headers[c].setStyle("-fx-font-weight: bold;");
            table.add(headers[c], c, 0);
        }
        List<javafx.scene.Node> columns = new ArrayList<>();
        double[] percents = new double[Family.values().length];
        for (Family f : Family.values()) {
            Label[] row = new Label[COLUMNS.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = new Label();
                row[c].setId("families-" + f.id() + "-" + COLUMNS.get(c));
                row[c].setWrapText(true);
                row[c].setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
                row[c].getStyleClass().add("readout");
                table.add(row[c], c, f.ordinal() + 1);
            }
            cells.put(f, row);
            ImageGridPlot grid = new ImageGridPlot();
            grid.setId("families-grid-" + f.id());
            grid.setMinSize(40, 40);
            grids.put(f, grid);
            Label title = new Label();
            title.setId("families-grid-title-" + f.id());
            title.setWrapText(true);
            title.setAlignment(Pos.CENTER);
            title.setMaxWidth(Double.MAX_VALUE);
            gridTitles.put(f, title);
            VBox box = new VBox(2, title, grid);
            VBox.setVgrow(grid, Priority.ALWAYS);
            box.setMinSize(0, 0);
            columns.add(box);
            percents[f.ordinal()] = 100.0 / Family.values().length;
        }
        Grids.readout(status, notes, footnote);
        notes.setStyle("-fx-opacity: 0.8;");
        footnote.setStyle("-fx-opacity: 0.8;");
        status.setId("families-status");
        notes.setId("families-notes");
        footnote.setId("families-footnote");
        VBox top = new VBox(6, status, table, footnote);
        top.setPadding(new Insets(6, 8, 4, 8));
        setTop(top);
        GridPane row = Grids.row(percents, columns.toArray(javafx.scene.Node[]::new));
        BorderPane.setMargin(row, new Insets(2, 8, 2, 8));
        setCenter(row);
        VBox bottom = new VBox(notes);
        bottom.setPadding(new Insets(2, 8, 4, 8));
        setBottom(bottom);
        status.setText(I18n.get("families.loading"));
        headersText();
    }

    private void headersText() {
        for (int c = 0; c < headers.length; c++) {
            headers[c].setText(I18n.get("families.col." + COLUMNS.get(c)));
        }
    }

    void show(FamiliesSnapshot s) {
        last = s;
        headersText();
        Map<Family, Row> done = new EnumMap<>(Family.class);
        for (Row r : s.rows()) {
            done.put(r.family(), r);
        }
        for (Family f : Family.values()) {
            Label[] row = cells.get(f);
            Row r = done.get(f);
            row[0].setText(I18n.get("families.family." + f.id()) + (r == null ? "" : "\n" + detail(r)));
            gridTitles.get(f).setText(I18n.get("families.family." + f.id()));
            if (r == null) {
                String pending = f == s.next() ? I18n.get("families.next") : "";
                row[1].setText(pending);
                for (int c = 2; c < row.length; c++) {
                    row[c].setText("");
                }
                grids.get(f).setImages(List.of(), 1, 1, 4);
                continue;
            }
            row[1].setText(I18n.get("families.kind." + r.kind().name().toLowerCase(Locale.ROOT)));
            row[2].setText(value(r));
            row[3].setText(r.measured() ? I18n.get("families.time", ms(r.sampleMs())) : "\u2014");
            row[4].setText(!r.measured() ? "\u2014" : r.generatorParams() >= 0
                    ? I18n.get("families.paramsG", count(r.params()), count(r.generatorParams()))
                    : count(r.params()));
            row[5].setText(latent(r));
            grids.get(f).setImages(r.samples(), r.side(), r.side(), 4);
        }
        status.setText(s.next() != null
                ? I18n.get(s.rows().isEmpty() ? "families.status.start" : "families.status.running",
                        s.rows().size(), Family.values().length)
                : s.evalCount() == 0 ? I18n.get("families.loading")
                : I18n.get("families.status.done", Family.values().length));
        footnote.setText(I18n.get("families.footnote", s.evalCount(), s.trainCount(), FamiliesLab.DRAWS));
        StringBuilder b = new StringBuilder();
        for (String key : s.notes().split(" ")) {
            if (!key.isBlank() && I18n.has(key)) {
                b.append(b.length() == 0 ? "" : "\n").append(I18n.get(key));
            }
        }
        notes.setText(b.toString());
    }

    private static String detail(Row r) {
        List<String> d = r.detail();
        return d.isEmpty() ? "" : I18n.get(d.get(0), d.subList(1, d.size()).toArray());
    }

    private static String value(Row r) {
        return switch (r.kind()) {
            case EXACT -> I18n.get("families.value.exact", nats(r.nll()), nats(r.se()), r.images());
            case BOUND -> I18n.get("families.value.bound", nats(r.nll()), nats(r.estimate()), r.images(),
                    r.estimateK(), r.estimateImages());
            case OTHER_DATA -> I18n.get("families.value.otherData", String.format(Locale.ROOT, "%.2f", r.estimate()),
                    nats(r.nll()), r.images());
            case NONE -> I18n.get("families.value.none");
            case NOT_TRAINED -> "\u2014";
        };
    }

    private static String latent(Row r) {
        if (!r.measured()) {
            return "\u2014";
        }
        if (r.latent() == 0) {
            return I18n.get("families.latent.none");
        }
        return I18n.get(switch (r.family()) {
            case FLOW -> "families.latent.flow";
            case VAE -> "families.latent.vae";
            default -> "families.latent.noEncoder";
        }, r.latent());
    }

    static String nats(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.1f", v) : "\u2014";
    }

    /** Milliseconds with three significant digits (0.0123, 1.23, 123). */
    static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "\u2014";
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** The cells of a family's row, in {@link #COLUMNS} order (tests). */
    List<String> rowText(Family f) {
        return java.util.Arrays.stream(cells.get(f)).map(Label::getText).toList();
    }

    ImageGridPlot grid(Family f) {
        return grids.get(f);
    }

    FamiliesSnapshot last() {
        return last;
    }
}
