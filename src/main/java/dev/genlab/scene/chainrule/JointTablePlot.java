package dev.genlab.scene.chainrule;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import dev.genlab.plot.Figure;
import dev.genlab.plot.PlotTheme;

/**
 * The joint table, normalisation made explicit: one column per outcome (r,s,w), a row of slider
 * weights u, a row of probabilities u / Σu, and a last column with the sums Σu and 1. Symbols only,
 * so it reads the same in every language; the font shrinks to fit a narrow column.
 */
final class JointTablePlot extends Figure {

    private static final Text PROBE = new Text();
    private double[] weights;
    private double[] p;

    JointTablePlot() {
    }

    /** Shows weights u and the table p (null when every weight is 0). */
    void set(double[] weights, double[] p) {
        this.weights = weights.clone();
        this.p = p == null ? null : p.clone();
        redraw();
    }

    @Override
    protected double computePrefHeight(double width) {
        return 3 * (PlotTheme.current().fontSize() + 8) + 6;
    }

    @Override
    protected double computeMinHeight(double width) {
        return 3 * (PlotTheme.current().fontSize() + 6) + 4;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 520;
    }

    private static double width(String s, Font f) {
        PROBE.setFont(f);
        PROBE.setText(s);
        return PROBE.getLayoutBounds().getWidth();
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (weights == null) {
            return;
        }
        String[] rowHeads = {"(r,s,w)", "u", "p = u / \u03a3u"};
        double fs = theme.fontSize() + 1;
        Font f;
        Font bold;
        double headW;
        double cellW;
        do {
            f = Font.font(fs);
            bold = Font.font(null, FontWeight.BOLD, fs);
            headW = width(rowHeads[2], bold) + fs;
            cellW = Math.max(width("(0,0,0)", bold), width("0.000", f)) + fs * 0.9;
            if (headW + 9 * cellW <= w || fs <= 7) {
                break;
            }
            fs -= 0.5;
        } while (true);
        double rowH = Math.min((h - 4) / 3, fs + 10);
        g.setTextBaseline(VPos.CENTER);
        // the Σ column, set off by a rule
        double sumX = headW + 8 * cellW;
        g.setStroke(theme.grid());
        g.setLineWidth(1);
        g.strokeLine(sumX + 1, 2, sumX + 1, 2 + 3 * rowH);
        g.strokeLine(0, 2 + rowH, headW + 9 * cellW, 2 + rowH);
        for (int r = 0; r < 3; r++) {
            double y = 2 + (r + 0.5) * rowH;
            g.setFont(bold);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.LEFT);
            g.fillText(rowHeads[r], 2, y);
            for (int i = 0; i < 9; i++) {
                double cx = headW + (i + 0.5) * cellW + (i == 8 ? 2 : 0);
                String s;
                if (i == 8) {
                    s = r == 0 ? "\u03a3" : r == 1 ? fmt(ChainRuleModel.sum(weights), 3) : p == null ? "\u2014" : "1";
                } else if (r == 0) {
                    s = "(" + ChainRuleModel.value(i, ChainRuleModel.R) + "," + ChainRuleModel.value(i, ChainRuleModel.S)
                            + "," + ChainRuleModel.value(i, ChainRuleModel.W) + ")";
                } else if (r == 1) {
                    s = fmt(weights[i], 3);
                } else {
                    s = p == null ? "\u2014" : fmt(p[i], 3);
                }
                g.setFont(r == 0 || i == 8 ? bold : f);
                g.setFill(r == 2 && i < 8 ? theme.seriesColor(0) : theme.text());
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(s, cx, y);
            }
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
