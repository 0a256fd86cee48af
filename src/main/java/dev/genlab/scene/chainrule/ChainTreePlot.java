package dev.genlab.scene.chainrule;

import java.util.Locale;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

import dev.genlab.plot.Figure;
import dev.genlab.plot.PlotTheme;

/**
 * The chain rule in one order as a probability tree, drawn left to right: the root, the first
 * variable's 2 branches, the second's 4, the third's 8 leaves. Each edge carries its conditional
 * probability, each edge is as thick as the probability of reaching its end, and each leaf shows
 * the product along its path next to the table's entry, which it equals. Only symbols and numbers
 * are drawn, so the figure reads the same in every language.
 */
final class ChainTreePlot extends Figure {

    private static final Text PROBE = new Text();
    private ChainRuleModel.Tree tree;

    ChainTreePlot() {
        setMinHeight(150);
    }

    void set(ChainRuleModel.Tree tree) {
        this.tree = tree;
        setAccessibleText(tree == null ? "" : describe(tree));
        redraw();
    }

    /** The leaves as words, for screen readers: each path, its product and the table's entry. */
    private static String describe(ChainRuleModel.Tree t) {
        StringBuilder b = new StringBuilder();
        for (int leaf = 0; leaf < 8; leaf++) {
            if (leaf > 0) {
                b.append("; ");
            }
            for (int level = 0; level < 3; level++) {
                b.append(ChainRuleModel.LETTERS.charAt(t.order()[level])).append('=').append((leaf >> (2 - level)) & 1)
                        .append(level < 2 ? "," : "");
            }
            b.append(": ").append(num(t.product()[leaf], 4)).append(" = ").append(num(t.joint()[leaf], 4));
        }
        return b.toString();
    }

    @Override
    protected double computePrefHeight(double width) {
        double fs = PlotTheme.current().fontSize();
        return 8 * (fs + 9) + 2 * fs + 12;
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

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "\u2014" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    @Override
    protected void paint(GraphicsContext g, double w, double h, PlotTheme theme) {
        if (tree == null) {
            return;
        }
        int[] o = tree.order();
        char a = ChainRuleModel.LETTERS.charAt(o[0]);
        char b = ChainRuleModel.LETTERS.charAt(o[1]);
        char c = ChainRuleModel.LETTERS.charAt(o[2]);
        String[] heads = {"p(" + a + ")", "p(" + b + "|" + a + ")", "p(" + c + "|" + a + "," + b + ")"};
        String productHead = heads[0] + "\u00b7" + heads[1] + "\u00b7" + heads[2];
        String jointHead = "p(r,s,w)";

        // the largest font (up to the theme's) at which everything fits the width
        double fs = theme.fontSize();
        Font f;
        double numW;
        double nodeW;
        double productW;
        double jointW;
        double eqW;
        double needed;
        do {
            f = Font.font(fs);
            numW = width("0.000", f);
            nodeW = width("W=1", f);
            productW = Math.max(width("0.0000", f), width(productHead, f));
            jointW = Math.max(width("0.0000", f), width(jointHead, f));
            eqW = width(" = ", f);
            needed = 10 + 3 * (6 + numW + 8 + 10 + 4 + nodeW) + 16 + productW + eqW + jointW + 8;
            if (needed <= w || fs <= 8) {
                break;
            }
            fs -= 0.5;
        } while (true);
        g.setFont(f);
        g.setTextBaseline(VPos.CENTER);
        // width to spare lengthens the edges, up to a limit
        double extra = Math.min(Math.max(0, w - needed) / 4, 3 * fs);

        double headY = 4 + fs * 0.7;
        double top = 4 + fs * 1.6;
        double rowH = (h - top - 4) / 8;
        double[] yLeaf = new double[8];
        for (int i = 0; i < 8; i++) {
            yLeaf[i] = top + (i + 0.5) * rowH;
        }
        double[] y2 = new double[4];
        for (int j = 0; j < 4; j++) {
            y2[j] = (yLeaf[2 * j] + yLeaf[2 * j + 1]) / 2;
        }
        double[] y1 = {(y2[0] + y2[1]) / 2, (y2[2] + y2[3]) / 2};
        double y0 = (y1[0] + y1[1]) / 2;
        double[][] ys = {{y0}, y1, y2, yLeaf};
        double[][] edges = {null, tree.first(), tree.second(), tree.third()};
        double[][] reach = new double[4][];
        reach[0] = new double[] {1};
        reach[1] = tree.first().clone();
        reach[2] = new double[4];
        for (int j = 0; j < 4; j++) {
            reach[2][j] = reach[1][j / 2] == 0 ? 0 : reach[1][j / 2] * tree.second()[j];
        }
        reach[3] = tree.product();

        double rootX = 8;
        g.setFill(theme.axis());
        g.fillOval(rootX - 3, y0 - 3, 6, 6);
        double prevRight = rootX + 4;
        double edgeW = numW + 8;
        for (int level = 1; level <= 3; level++) {
            double xv = prevRight + 6;
            double xNode = xv + edgeW + 10 + extra;
            char letter = ChainRuleModel.LETTERS.charAt(o[level - 1]);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(theme.text());
            g.fillText(heads[level - 1], (xv + xNode + 4 + nodeW) / 2, headY);
            int nodes = 1 << level;
            for (int n = 0; n < nodes; n++) {
                double yp = ys[level - 1][n / 2];
                double yc = ys[level][n];
                double cond = edges[level][n];
                double lw = theme.lineWidth() * (0.6 + 2.4 * reach[level][n]);
                boolean undefined = Double.isNaN(cond);
                g.setStroke(undefined ? theme.grid() : theme.seriesColor(0));
                g.setLineWidth(lw);
                g.strokeLine(prevRight + 2, yp, xv, yp);
                g.strokeLine(xv, yp, xv, yc);
                g.strokeLine(xv, yc, xNode - 3, yc);
                // the conditional, on a label box over its edge
                String label = num(cond, 3);
                double lx = xv + 4 + (edgeW + extra) / 2;
                double tw = width(label, f);
                g.setFill(theme.background());
                g.fillRect(lx - tw / 2 - 2, yc - fs * 0.65, tw + 4, fs * 1.3);
                g.setFill(undefined ? theme.axis() : theme.text());
                g.setTextAlign(TextAlignment.CENTER);
                g.fillText(label, lx, yc);
                // the node: a dot and the value taken
                g.setFill(theme.axis());
                g.fillOval(xNode - 3, yc - 3, 6, 6);
                g.setTextAlign(TextAlignment.LEFT);
                g.setFill(theme.text());
                g.fillText(letter + "=" + (n & 1), xNode + 5, yc);
            }
            prevRight = xNode + 5 + nodeW;
        }

        // the leaves: product along the path, then the table's entry
        double px = prevRight + 16 + extra;
        double jx = px + productW + eqW;
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(theme.text());
        g.fillText(productHead, px, headY);
        g.fillText(jointHead, jx, headY);
        for (int leaf = 0; leaf < 8; leaf++) {
            double prod = tree.product()[leaf];
            double joint = tree.joint()[leaf];
            boolean same = Math.abs(prod - joint) <= 1e-12 * Math.max(1, Math.abs(joint));
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(num(prod, 4), px + productW, yLeaf[leaf]);
            g.setTextAlign(TextAlignment.CENTER);
            g.setFill(same ? theme.seriesColor(2) : Color.web("#D55E00"));
            g.fillText(same ? "=" : "\u2260", px + productW + eqW / 2, yLeaf[leaf]);
            g.setFill(theme.text());
            g.setTextAlign(TextAlignment.RIGHT);
            g.fillText(num(joint, 4), jx + jointW, yLeaf[leaf]);
        }
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
    }
}
