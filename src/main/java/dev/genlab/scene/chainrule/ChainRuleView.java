package dev.genlab.scene.chainrule;

import java.util.Locale;

import javafx.beans.value.ChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import dev.genlab.i18n.I18n;

/**
 * The chain-rule scene's nodes: the weights and their normalised table, the probability tree,
 * Bayes' rule for the chosen pair and the conditional-independence test with its badge.
 */
final class ChainRuleView extends VBox {

    final Label legend = new Label();
    final JointTablePlot table = new JointTablePlot();
    final Label message = new Label();
    final ChainTreePlot tree = new ChainTreePlot();
    final Label bayesTitle = new Label();
    final Label bayesFormula = new Label();
    final Label bayes1 = new Label();
    final Label bayes0 = new Label();
    final Label bayesCheck = new Label();
    final Label ciTitle = new Label();
    final Label ciGap = new Label();
    final Label ciCmi = new Label();
    final Label badge = new Label();
    final Button makeHold = new Button();
    final Label count = new Label();
    private ChainRuleScene.Shown last;
    @SuppressWarnings("unused") // held so that the language listener lives as long as the view
    private final ChangeListener<Locale> languageListener = I18n.listen((obs, o, n) -> {
        if (last != null) {
            show(last);
        }
    });

    ChainRuleView() {
        setSpacing(6);
        setPadding(new Insets(6));
        legend.setId("chainrule-legend");
        legend.setWrapText(true);
        legend.textProperty().bind(I18n.bind("chainrule.legend"));

        table.setId("chainrule-table");
        message.setId("chainrule-message");
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: -color-danger-fg; -fx-font-weight: bold;");

        tree.setId("chainrule-tree");
        VBox.setVgrow(tree, Priority.ALWAYS);

        bayesTitle.textProperty().bind(I18n.bind("chainrule.bayes.title"));
        ciTitle.setId("chainrule-ci-title");
        for (Label t : new Label[] {bayesTitle, ciTitle}) {
            t.setStyle("-fx-font-weight: bold;");
        }
        bayesFormula.setId("chainrule-bayes-formula");
        bayes1.setId("chainrule-bayes-1");
        bayes0.setId("chainrule-bayes-0");
        bayesCheck.setId("chainrule-bayes-check");
        ciGap.setId("chainrule-ci-gap");
        ciCmi.setId("chainrule-ci-cmi");
        badge.setId("chainrule-ci-badge");
        makeHold.setId("chainrule-make-hold");
        makeHold.textProperty().bind(I18n.bind("chainrule.makeHold"));
        makeHold.setMinWidth(Button.USE_PREF_SIZE);
        count.setId("chainrule-count");
        for (Label l : new Label[] {legend, message, bayesTitle, ciTitle, bayesFormula, bayes1, bayes0, bayesCheck,
                ciGap, ciCmi, count}) {
            l.setWrapText(true);
            // a wrapped label keeps all its lines: the figures give way instead
            l.setMinHeight(Label.USE_PREF_SIZE);
        }
        VBox bayesBox = new VBox(2, bayesTitle, bayesFormula, bayes1, bayes0, bayesCheck);
        HBox badgeRow = new HBox(8, badge, makeHold);
        badgeRow.setAlignment(Pos.CENTER_LEFT);
        VBox ciBox = new VBox(2, ciTitle, ciGap, ciCmi, badgeRow, count);
        for (VBox box : new VBox[] {bayesBox, ciBox}) {
            box.setPrefWidth(0);
            box.setMinWidth(0);
            HBox.setHgrow(box, Priority.ALWAYS);
        }
        HBox bottom = new HBox(16, bayesBox, ciBox);
        getChildren().addAll(legend, table, message, tree, bottom);
    }

    ChainRuleScene.Shown last() {
        return last;
    }

    void show(ChainRuleScene.Shown s) {
        last = s;
        boolean ok = s.p() != null;
        table.set(s.weights(), s.p());
        StringBuilder read = new StringBuilder("\u03a3u = " + fmt(s.sum(), 3));
        for (int i = 0; i < 8; i++) {
            String bits = ChainRuleModel.knobId(i).substring(1);
            read.append("; p(").append(bits.charAt(0)).append(',').append(bits.charAt(1)).append(',')
                    .append(bits.charAt(2)).append(") = ").append(ok ? fmt(s.p()[i], 3) : "\u2014");
        }
        table.setAccessibleText(read.toString());
        message.setText(ok ? "" : I18n.get("chainrule.allZero"));
        message.setVisible(!ok);
        message.setManaged(!ok);
        tree.set(ok ? s.tree() : null);
        tree.setVisible(ok);
        makeHold.setDisable(!ok || s.holds());

        String x = String.valueOf(s.bayesX());
        String y = String.valueOf(s.bayesY());
        if (s.bayesX() == s.bayesY()) {
            bayesFormula.setText(I18n.get("chainrule.bayes.same"));
            bayes1.setText("");
            bayes0.setText("");
            bayesCheck.setText("");
        } else {
            bayesFormula.setText("p(" + x + "=1|" + y + "=y) = p(" + y + "=y|" + x + "=1) p(" + x + "=1) / p(" + y
                    + "=y)");
            bayes1.setText(ok ? bayesLine(1, s.bayes1()) : "");
            bayes0.setText(ok ? bayesLine(0, s.bayes0()) : "");
            bayesCheck.setText(ok ? I18n.get("chainrule.bayes.check", "p(" + x + "=1," + y + "=1)/p(" + y + "=1)",
                    fmt(s.bayes1().joint(), 3), fmt(s.bayes1().evidence(), 3), fmt(s.bayes1().joint()
                            / s.bayes1().evidence(), 3)) : "");
        }

        String cx = String.valueOf(s.ci().charAt(0));
        String cy = String.valueOf(s.ci().charAt(1));
        String cz = String.valueOf(s.ci().charAt(3));
        String lx = cx.toLowerCase(Locale.ROOT);
        String ly = cy.toLowerCase(Locale.ROOT);
        String lz = cz.toLowerCase(Locale.ROOT);
        ciTitle.setText(I18n.get("chainrule.ci.title", cx + " \u22a5 " + cy + " | " + cz));
        ciGap.setText("max |p(" + lx + "," + ly + "|" + lz + ") \u2212 p(" + lx + "|" + lz + ") p(" + ly + "|" + lz
                + ")| = " + (ok ? sci(s.gap()) : "\u2014"));
        ciCmi.setText(I18n.get("chainrule.ci.cmi", "I(" + cx + ";" + cy + "|" + cz + ")", ok ? sci(s.cmi()) : "\u2014"));
        badge.setText(I18n.get(s.holds() ? "chainrule.ci.holds" : "chainrule.ci.fails"));
        badge.getStyleClass().removeAll("holds");
        if (s.holds()) {
            badge.getStyleClass().add("holds");
            badge.setStyle("-fx-background-color: #009E73; -fx-text-fill: white; -fx-padding: 2 10 2 10;"
                    + " -fx-background-radius: 10; -fx-font-weight: bold;");
        } else {
            badge.setStyle("-fx-background-color: -color-bg-subtle; -fx-text-fill: -color-fg-muted;"
                    + " -fx-padding: 2 10 2 10; -fx-background-radius: 10; -fx-border-color: -color-border-default;"
                    + " -fx-border-radius: 10;");
        }
        count.setText(s.holds()
                ? I18n.get("chainrule.count.ci", ChainRuleModel.CI_PARAMETERS, "p(" + cz + ")",
                        "p(" + cx + "|" + cz + ")", "p(" + cy + "|" + cz + ")")
                : I18n.get("chainrule.count.full", ChainRuleModel.FULL_PARAMETERS));
    }

    private String bayesLine(int yv, ChainRuleModel.Bayes b) {
        return "y=" + yv + ":  " + fmt(b.likelihood(), 3) + " \u00d7 " + fmt(b.prior(), 3) + " / "
                + fmt(b.evidence(), 3) + " = " + fmt(b.posterior(), 3);
    }

    static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** Small numbers stay readable: fixed down to 1e-4, then powers of ten; 0 as 0. */
    static String sci(double v) {
        if (v == 0) {
            return "0";
        }
        return Math.abs(v) >= 1e-4 ? String.format(Locale.ROOT, "%.4f", v) : String.format(Locale.ROOT, "%.1e", v);
    }
}
