package dev.genlab.scene.families;

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

    /** Columns of each family's grid of samples. */
    static final int GRID_COLUMNS = 2;
    /** The table's columns: bundle keys families.col.&lt;id&gt;. */
    static final List<String> COLUMNS = List.of("family", "kind", "nll", "time", "quality", "params", "latent");

    private final Map<Family, Label[]> cells = new EnumMap<>(Family.class);
    private final Map<Family, ImageGridPlot> grids = new EnumMap<>(Family.class);
    private final Map<Family, Label> gridTitles = new EnumMap<>(Family.class);
    private final Label[] headers = new Label[COLUMNS.size()];
    final Label status = new Label();
    final Label target = new Label();
    final Label notes = new Label();
    final Label footnote = new Label();
    private FamiliesSnapshot last;
    private final GridPane table = new GridPane();
    /** The titles of the sample grids (row 0) over the grids (row 1). */
    private final GridPane row;
    private final ChangeListener<Locale> languageListener = I18n.listen((o, a, b) -> {
        if (last != null) {
            show(last);
        }
    });

    FamiliesView() {
        setId("families");
        table.setId("families-table");
        table.setHgap(6);
        table.setVgap(3);
        // headers on one line at 1280 × 800 ("Likelihood", "Parameters" are single words); the cells wrap where
        // they must, so that on a projector's width most rows are one line and the grids stay in view
        double[] widths = {15, 13, 16, 9, 16, 14, 17};
        for (int c = 0; c < COLUMNS.size(); c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(widths[c]);
            cc.setHgrow(Priority.ALWAYS);
            table.getColumnConstraints().add(cc);
            headers[c] = new Label();
            headers[c].setId("families-col-" + COLUMNS.get(c));
            headers[c].setWrapText(true);
            headers[c].setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            headers[c].setStyle("-fx-font-weight: bold;");
            table.add(headers[c], c, 0);
        }
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
            title.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            title.setAlignment(Pos.CENTER);
            title.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
            title.setMaxWidth(Double.MAX_VALUE);
            gridTitles.put(f, title);
            percents[f.ordinal()] = 100.0 / Family.values().length;
        }
        Grids.readout(status, target, notes, footnote);
        target.setId("families-target");
        notes.setStyle("-fx-opacity: 0.8;");
        status.setId("families-status");
        notes.setId("families-notes");
        footnote.setId("families-footnote");
        VBox top = new VBox(4, status, target, table);
        top.setPadding(new Insets(6, 8, 4, 8));
        setTop(top);
        // the grids under their titles, the titles in a row of their own: a title on two lines (the flow's, in
        // Korean) takes no height from its grid, so that every family's samples are drawn at one size
        row = Grids.row(percents, gridTitles.values().toArray(javafx.scene.Node[]::new));
        row.setVgap(2);
        for (Family f : Family.values()) {
            GridPane.setValignment(gridTitles.get(f), javafx.geometry.VPos.BOTTOM);
            row.add(grids.get(f), f.ordinal(), 1);
        }
        javafx.scene.layout.RowConstraints titles = row.getRowConstraints().get(0);
        titles.setVgrow(Priority.NEVER);
        javafx.scene.layout.RowConstraints samples = new javafx.scene.layout.RowConstraints();
        samples.setVgrow(Priority.ALWAYS);
        samples.setFillHeight(true);
        row.getRowConstraints().add(samples);
        BorderPane.setMargin(row, new Insets(2, 8, 2, 8));
        // the grids keep room for their titles and a few samples: a window too low for all of it scrolls
        row.setMinHeight(120);
        setCenter(row);
        footnote.setStyle("-fx-opacity: 0.8; -fx-font-size: 0.9em;");
        VBox bottom = new VBox(2, footnote, notes);
        bottom.setPadding(new Insets(2, 8, 4, 8));
        setBottom(bottom);
        status.setText(I18n.get("families.loading"));
        headersText();
    }

    /**
     * Gives every grid title the height of the tallest at the columns' width: GridPane sizes a row of wrapping labels
     * as if each were one line, and a title on three lines (the flow's, in Korean) ran up into the table.
     */
    @Override
    protected void layoutChildren() {
        int n = Family.values().length;
        // the row's width to come: this view's, less the row's margins (8 each side)
        double rowWidth = getWidth() - snappedLeftInset() - snappedRightInset() - 16;
        double width = (rowWidth - row.getHgap() * (n - 1)) / n;
        if (width > 0) {
            double h = 0;
            for (Label t : gridTitles.values()) {
                h = Math.max(h, t.prefHeight(width));
            }
            for (Label t : gridTitles.values()) {
                if (Math.abs(t.getMinHeight() - h) > 0.5) {
                    t.setMinHeight(h);
                }
            }
        }
        super.layoutChildren();
    }

    /**
     * Shows or hides the table with the lines that explain its numbers (the target above it, the footnote and notes
     * under the grids); hidden, the grids take their height.
     */
    void showTable(boolean on) {
        for (javafx.scene.Node n : List.of(table, target, footnote, notes)) {
            n.setVisible(on);
            n.setManaged(on);
        }
    }

    boolean tableShown() {
        return table.isVisible();
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
            // on one line where the column is wide enough (a projector), "k = 7" never split by a wrap
            String detail = r == null ? "" : detail(r).replace(" = ", "\u00a0=\u00a0");
            row[0].setText(I18n.get("families.family." + f.id()) + (detail.isBlank() ? "" : ", " + detail));
            // the flow's samples are of its own data, which the table's row says and a grid alone would not
            gridTitles.get(f).setText(f == Family.FLOW ? I18n.get("families.grid.flow")
                    : I18n.get("families.family." + f.id()));
            if (r == null) {
                FamiliesSnapshot.Progress pr = s.current() != null && s.current().family() == f ? s.current() : null;
                String pending = pr != null ? I18n.get("families.phase." + pr.phase())
                        : f == s.next() ? I18n.get("families.next") : "";
                row[1].setText(pending);
                for (int c = 2; c < row.length; c++) {
                    row[c].setText("");
                }
                if (pr != null) {
                    row[2].setText(Double.isFinite(pr.latest()) ? I18n.get("families.latest", value(f, pr.latest())) : "");
                    row[4].setText(progress(pr));
                }
                grids.get(f).setImages(List.of(), 1, 1, GRID_COLUMNS);
                continue;
            }
            row[1].setText(I18n.get("families.kind." + r.kind().name().toLowerCase(Locale.ROOT)));
            row[2].setText(value(r));
            row[3].setText(r.measured() ? ms(r.sampleMs()) : "\u2014");
            row[4].setText(quality(r, s));
            row[5].setText(!r.measured() ? "\u2014" : r.generatorParams() >= 0
                    ? I18n.get("families.paramsG", count(r.params()), count(r.generatorParams()))
                    : count(r.params()));
            row[6].setText(latent(r));
            grids.get(f).setImages(r.samples(), r.side(), r.side(), GRID_COLUMNS);
        }
        target.setText(Double.isFinite(s.target()) ? I18n.get("families.target", nats(s.target()),
                String.format(Locale.ROOT, "%.0f", FamiliesLab.FLOW_TARGET_BITS),
                s.classes() > 0 ? I18n.get("families.target.classes", s.classes()) : I18n.get("families.target.noLabels"))
                : "");
        status.setText(s.next() != null
                ? I18n.get(s.rows().isEmpty() && s.current() == null ? "families.status.start" : "families.status.running",
                        s.rows().size(), Family.values().length, s.budgetSeconds())
                : s.evalCount() == 0 ? I18n.get("families.loading")
                : I18n.get("families.status.done", Family.values().length));
        footnote.setText(I18n.get("families.footnote", s.evalCount(), s.trainCount(), FamiliesLab.DRAWS,
                FamiliesLab.EVAL_EVERY_MS / 1000, s.budgetSeconds()));
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
            case EXACT -> I18n.get("families.value.exact", nats(r.nll()), nats(r.se()));
            case BOUND -> I18n.get("families.value.bound", nats(r.nll()), nats(r.estimate()), r.images(),
                    r.estimateK(), r.estimateImages());
            case OTHER_DATA -> I18n.get("families.value.otherData", String.format(Locale.ROOT, "%.2f", r.estimate()));
            case NONE -> I18n.get("families.value.none");
            case NOT_TRAINED -> "\u2014";
        };
    }

    /** A value of the stated quality in its unit: nats, bits/dim (the flow), classes covered (the GAN). */
    private static String value(Family f, double v) {
        return switch (f) {
            case FLOW -> I18n.get("families.bits", String.format(Locale.ROOT, "%.2f", v));
            case GAN -> I18n.get("families.classes", String.format(Locale.ROOT, "%.0f", v));
            default -> I18n.get("families.nats", nats(v));
        };
    }

    private static String progress(FamiliesSnapshot.Progress p) {
        String t = seconds(p.trainedSeconds());
        String of = Double.isFinite(p.budgetSeconds())
                ? I18n.get("families.progress", t, seconds(p.budgetSeconds()), p.trainSteps())
                : I18n.get("families.progress.steps", t, p.trainSteps());
        return Double.isFinite(p.reachedSeconds()) ? of + "; " + I18n.get("families.progress.reached",
                seconds(p.reachedSeconds())) : of;
    }

    /** The time-to-quality cell of a finished row. */
    static String quality(Row r, FamiliesSnapshot s) {
        FamiliesSnapshot.Quality q = r.quality();
        return switch (q.kind()) {
            case SETS_TARGET -> I18n.get("families.quality.setsTarget", ms(q.seconds() * 1000));
            case FIT -> I18n.get("families.quality.fit", ms(q.seconds() * 1000));
            case NEVER -> I18n.get("families.quality.never", ms(q.seconds() * 1000));
            case REACHED -> I18n.get(r.family() == Family.FLOW ? "families.quality.reachedOther"
                    : "families.quality.reached", seconds(q.seconds()), count(q.reachedStep()));
            case NOT_REACHED -> I18n.get(r.family() == Family.FLOW ? "families.quality.notReachedOther"
                    : "families.quality.notReached", seconds(q.seconds()), value(r.family(), q.best()), count(q.trainSteps()));
            case NO_CRITERION -> I18n.get("families.quality.noCriterion");
            case NONE -> "\u2014";
        };
    }

    /** Seconds to one decimal. */
    static String seconds(double v) {
        return Double.isFinite(v) ? I18n.get("families.seconds", String.format(Locale.ROOT, "%.1f", v)) : "\u2014";
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

    /** A time given in milliseconds, to three significant digits at most; below 1 ms in microseconds (99.3 µs). */
    static String ms(double v) {
        if (!Double.isFinite(v)) {
            return "\u2014";
        }
        boolean micro = v < 1;
        String n = new java.math.BigDecimal(micro ? v * 1000 : v).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString();
        return I18n.get(micro ? "families.timeMicro" : "families.time", n);
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
