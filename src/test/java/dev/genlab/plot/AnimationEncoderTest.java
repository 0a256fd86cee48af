package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimationEncoderTest {

    private static final int W = 64;
    private static final int H = 48;

    /** A red 10 x 10 square moving right by 7 pixels a frame over white, under a fixed blue line. */
    static List<int[]> movingSquare(int n) {
        List<int[]> frames = new ArrayList<>();
        for (int f = 0; f < n; f++) {
            int[] px = new int[W * H];
            java.util.Arrays.fill(px, 0xFFFFFFFF);
            for (int x = 0; x < W; x++) {
                px[40 * W + x] = 0xFF1F77B4;
            }
            for (int y = 10; y < 20; y++) {
                for (int x = 3 + 7 * f; x < 13 + 7 * f; x++) {
                    px[y * W + x] = 0xFFD62728;
                }
            }
            frames.add(px);
        }
        return frames;
    }

    /** The frames of a GIF, each as read (all frames here cover the whole image), and each frame's metadata root. */
    record Gif(List<BufferedImage> images, List<IIOMetadataNode> meta) {
    }

    static Gif readGif(Path file) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            int n = reader.getNumImages(true);
            List<BufferedImage> images = new ArrayList<>();
            List<IIOMetadataNode> meta = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                images.add(reader.read(i));
                meta.add((IIOMetadataNode) reader.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0"));
            }
            return new Gif(images, meta);
        } finally {
            reader.dispose();
        }
    }

    static IIOMetadataNode find(IIOMetadataNode root, String name) {
        var list = root.getElementsByTagName(name);
        return list.getLength() == 0 ? null : (IIOMetadataNode) list.item(0);
    }

    @Test
    void gifHoldsEveryFrameWithItsDelayALoopAndTheExactColours(@TempDir Path dir) throws Exception {
        List<int[]> frames = movingSquare(6);
        Path file = dir.resolve("a/square.gif");
        AnimationEncoder.writeGif(file, W, H, frames, 20);

        Gif gif = readGif(file);
        assertEquals(6, gif.images().size());
        for (int f = 0; f < 6; f++) {
            BufferedImage img = gif.images().get(f);
            assertEquals(W, img.getWidth());
            assertEquals(H, img.getHeight());
            IIOMetadataNode gce = find(gif.meta().get(f), "GraphicControlExtension");
            assertNotNull(gce, "frame " + f + " has no graphic control extension");
            assertEquals("5", gce.getAttribute("delayTime"), "100 / 20 fps centiseconds");
            // three colours only: the palette is exact
            int[] back = img.getRGB(0, 0, W, H, null, 0, W);
            assertArrayEquals(frames.get(f), back, "frame " + f);
        }
        IIOMetadataNode app = find(gif.meta().get(0), "ApplicationExtension");
        assertNotNull(app, "no NETSCAPE2.0 loop extension");
        assertEquals("NETSCAPE", app.getAttribute("applicationID"));
        assertEquals("2.0", app.getAttribute("authenticationCode"));
        byte[] loop = (byte[]) app.getUserObject();
        assertEquals(1, loop[0]);
        assertEquals(0, loop[1] | loop[2], "loop count 0: forever");
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void delaysAddUpToTheRecordedTimeAtFpsThatDoNotDivideAHundred() {
        assertArrayEquals(new int[] {10, 10, 10}, AnimationEncoder.delays(3, 10));
        int[] d = AnimationEncoder.delays(30, 30);
        assertEquals(100, java.util.Arrays.stream(d).sum());
        assertTrue(java.util.Arrays.stream(d).allMatch(x -> x == 3 || x == 4), java.util.Arrays.toString(d));
    }

    @Test
    void moreThan256ColoursAreQuantisedWithABoundedError(@TempDir Path dir) throws Exception {
        // a smooth two-way gradient (3,072 colours) and a frame with the square: median cut, not exact
        int[] gradient = new int[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                gradient[y * W + x] = 0xFF000000 | (x * 4 << 16) | (y * 5 << 8) | 0x80;
            }
        }
        List<int[]> frames = List.of(gradient, movingSquare(1).get(0));
        Path file = dir.resolve("gradient.gif");
        AnimationEncoder.writeGif(file, W, H, frames, 10);
        Gif gif = readGif(file);
        assertEquals(2, gif.images().size());
        int worst = 0;
        for (int f = 0; f < 2; f++) {
            int[] back = gif.images().get(f).getRGB(0, 0, W, H, null, 0, W);
            for (int k = 0; k < back.length; k++) {
                worst = Math.max(worst, Fx.distance(back[k], frames.get(f)[k]));
            }
        }
        // 3,072 colours in 256 entries: about 12 gradient cells an entry, a few steps of 4 and 5 each way
        // (a fixed 6 x 7 x 6 cube would be off by up to 25)
        assertTrue(worst <= 16, "largest channel error " + worst);
        // the square's flat colours, which few pixels use, keep entries of their own
        int[] square = gif.images().get(1).getRGB(0, 0, W, H, null, 0, W);
        assertTrue(Fx.distance(square[15 * W + 5], 0xFFD62728) <= 3, Fx.hex(square[15 * W + 5]));
        assertTrue(Fx.distance(square[40 * W + 5], 0xFF1F77B4) <= 3, Fx.hex(square[40 * W + 5]));
        assertTrue(Fx.distance(square[0], 0xFFFFFFFF) <= 3, Fx.hex(square[0]));
    }

    @Test
    void pngSequenceIsNumberedInOrderAndDecodesToTheFrames(@TempDir Path dir) throws Exception {
        List<int[]> frames = movingSquare(4);
        Path folder = dir.resolve("frames");
        AnimationEncoder.writePngSequence(folder, W, H, frames);
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("frame-0001.png", "frame-0002.png", "frame-0003.png", "frame-0004.png"),
                    files.map(p -> p.getFileName().toString()).sorted().toList(), "no temporary folder left");
        }
        for (int f = 0; f < 4; f++) {
            BufferedImage img = ImageIO.read(folder.resolve(AnimationEncoder.frameName(f + 1)).toFile());
            assertArrayEquals(frames.get(f), img.getRGB(0, 0, W, H, null, 0, W), "frame " + (f + 1));
        }
    }

    @Test
    void aFolderWithFramesIsRefusedAndKeptAsItWas(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("frames");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("frame-0001.png"), "earlier");
        IOException e = assertThrows(IOException.class,
                () -> AnimationEncoder.writePngSequence(folder, W, H, movingSquare(2)));
        assertTrue(AnimationRecorder.describe(e).contains("already holds frame-0001.png"), AnimationRecorder.describe(e));
        assertEquals("earlier", Files.readString(folder.resolve("frame-0001.png")));
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void anUnwritablePathFailsAndLeavesNothing(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");
        assertThrows(IOException.class,
                () -> AnimationEncoder.writeGif(blocker.resolve("x.gif"), W, H, movingSquare(2), 10));
        assertThrows(IOException.class,
                () -> AnimationEncoder.writePngSequence(blocker.resolve("frames"), W, H, movingSquare(2)));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList());
        }
        assertFalse(Files.isDirectory(blocker));
    }
}
