package dev.genlab.plot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import javafx.embed.swing.SwingFXUtils;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.WritableImage;
import javafx.scene.transform.Transform;

/**
 * Images of figures (or any node holding figures) for the clipboard and PNG files. Figures inside
 * the node are repainted at the export scale for the snapshot, so a 2x export has 2x the detail.
 * Call on the FX thread.
 */
public final class FigureExport {

    private FigureExport() {
    }

    /** The node's layout bounds rendered at scale device pixels per logical pixel. */
    public static WritableImage snapshot(Node node, double scale) {
        List<Figure> figures = new ArrayList<>();
        collectFigures(node, figures);
        figures.forEach(f -> f.setExportScale(scale));
        try {
            if (node instanceof Parent p) {
                p.applyCss();
                p.layout();
            }
            Bounds b = node.getLayoutBounds();
            SnapshotParameters params = new SnapshotParameters();
            params.setTransform(Transform.scale(scale, scale));
            params.setFill(PlotTheme.current().background());
            params.setViewport(new Rectangle2D(b.getMinX() * scale, b.getMinY() * scale,
                    Math.ceil(b.getWidth() * scale), Math.ceil(b.getHeight() * scale)));
            return node.snapshot(params, null);
        } finally {
            figures.forEach(f -> f.setExportScale(0));
        }
    }

    /** Write the node as a PNG at the given scale, creating parent folders as needed. */
    public static void savePng(Node node, Path file, double scale) throws IOException {
        WritableImage image = snapshot(node, scale);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private static void collectFigures(Node node, List<Figure> out) {
        if (node instanceof Figure f) {
            out.add(f);
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                collectFigures(child, out);
            }
        }
    }
}
