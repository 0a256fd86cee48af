package dev.genlab.scene;

import javafx.scene.Node;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;

/**
 * Side-by-side and stacked layouts by percentages. Binding a child's preferred width to a share of its
 * parent's width feeds back (the parent's preferred width is the children's sum plus the gap), and inside
 * the scroll pane that hosts a scene it grew without end until the figures' canvases ran the heap out.
 * A grid's percentage columns split what the parent gives and never ask for more.
 */
public final class Grids {

    private Grids() {
    }

    /** Nodes in one row, column k taking percents[k] of the width. */
    public static GridPane row(double[] percents, Node... nodes) {
        GridPane g = new GridPane();
        g.setHgap(6);
        for (int k = 0; k < nodes.length; k++) {
            g.add(nodes[k], k, 0);
            ColumnConstraints c = new ColumnConstraints();
            c.setPercentWidth(percents[k]);
            c.setHgrow(Priority.ALWAYS);
            c.setFillWidth(true);
            g.getColumnConstraints().add(c);
            GridPane.setFillHeight(nodes[k], true);
        }
        RowConstraints r = new RowConstraints();
        r.setVgrow(Priority.ALWAYS);
        r.setFillHeight(true);
        g.getRowConstraints().add(r);
        g.setMinSize(0, 0);
        return g;
    }

    /** Nodes in one column, row k taking percents[k] of the height. */
    public static GridPane column(double[] percents, Node... nodes) {
        GridPane g = new GridPane();
        g.setVgap(4);
        ColumnConstraints c = new ColumnConstraints();
        c.setHgrow(Priority.ALWAYS);
        c.setFillWidth(true);
        g.getColumnConstraints().add(c);
        for (int k = 0; k < nodes.length; k++) {
            g.add(nodes[k], 0, k);
            RowConstraints r = new RowConstraints();
            r.setPercentHeight(percents[k]);
            r.setVgrow(Priority.ALWAYS);
            r.setFillHeight(true);
            g.getRowConstraints().add(r);
        }
        g.setMinSize(0, 0);
        return g;
    }

    /** Four nodes in two rows of equal height, the columns taking these percents of the width. */
    public static GridPane quad(double[] columnPercents, Node topLeft, Node topRight, Node bottomLeft, Node bottomRight) {
        return column(new double[] {50, 50}, row(columnPercents, topLeft, topRight),
                row(columnPercents, bottomLeft, bottomRight));
    }

    /** A read-out label: the readout style, wrapped, never squeezed below its text. */
    public static void readout(javafx.scene.control.Label... labels) {
        for (javafx.scene.control.Label l : labels) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
    }
}
