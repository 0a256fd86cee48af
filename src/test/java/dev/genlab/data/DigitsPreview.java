package dev.genlab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Writes a grid of dataset images to a PNG, white ink on black, for looking at by eye. */
final class DigitsPreview {

    private DigitsPreview() {
    }

    /** Images are laid out {@code perRow} to a row, each pixel drawn {@code zoom} × {@code zoom}. */
    static void write(ImageDataset ds, int perRow, int zoom, Path png) throws IOException {
        int rowsOfImages = (ds.size() + perRow - 1) / perRow;
        int cell = ds.cols() + 2;
        BufferedImage img = new BufferedImage(perRow * cell * zoom, rowsOfImages * (ds.rows() + 2) * zoom,
                BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < ds.size(); i++) {
            int ox = (i % perRow) * cell * zoom + zoom;
            int oy = (i / perRow) * (ds.rows() + 2) * zoom + zoom;
            for (int r = 0; r < ds.rows(); r++) {
                for (int c = 0; c < ds.cols(); c++) {
                    int g = Math.round(ds.pixel(i, r, c) * 255);
                    int rgb = (g << 16) | (g << 8) | g;
                    for (int dy = 0; dy < zoom; dy++) {
                        for (int dx = 0; dx < zoom; dx++) {
                            img.setRGB(ox + c * zoom + dx, oy + r * zoom + dy, rgb);
                        }
                    }
                }
            }
        }
        Files.createDirectories(png.toAbsolutePath().getParent());
        ImageIO.write(img, "png", png.toFile());
    }
}
