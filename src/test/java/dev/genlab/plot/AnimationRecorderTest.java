package dev.genlab.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import javafx.animation.AnimationTimer;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class AnimationRecorderTest {

    private Plot2D plot;
    private HeatmapLayer heat;
    private int step;
    // moves the hot cell of a 6 x 6 heat map one cell every pulse, as a playing lesson changes its figure
    private final AnimationTimer driver = new AnimationTimer() {
        @Override
        public void handle(long now) {
            float[] v = new float[36];
            v[step++ % 36] = 1;
            heat.setData(v, 6, 6, Extent.square(1));
        }
    };

    @Start
    void start(Stage stage) {
        PlotTheme.setCurrent(PlotTheme.LIGHT);
        plot = new Plot2D();
        heat = new HeatmapLayer();
        heat.setData(new float[36], 6, 6, Extent.square(1));
        plot.layers().add(heat);
        stage.setScene(new Scene(new StackPane(plot), 240, 180));
        stage.show();
    }

    @AfterEach
    void stopDriver() {
        Fx.run(driver::stop);
    }

    /** Records with settings and waits for the result, collecting the progress calls. */
    private AnimationRecorder.Result record(AnimationRecorder.Settings s, List<String> events) throws Exception {
        CompletableFuture<AnimationRecorder.Result> done = new CompletableFuture<>();
        Fx.run(() -> new AnimationRecorder(plot, s, new AnimationRecorder.Listener() {
            @Override
            public void captured(int n, int total) {
                events.add("captured " + n + "/" + total);
            }

            @Override
            public void encoding(int n) {
                events.add("encoding " + n);
            }

            @Override
            public void done(AnimationRecorder.Result r) {
                done.complete(r);
            }
        }).start());
        return done.get(20, TimeUnit.SECONDS);
    }

    @Test
    void recordsTheChangingFigureAtItsScaleIntoAGif(@TempDir Path dir) throws Exception {
        Fx.run(driver::start);
        Path file = dir.resolve("plot.gif");
        List<String> events = new ArrayList<>();
        long t0 = System.nanoTime();
        AnimationRecorder.Result r = record(new AnimationRecorder.Settings(AnimationEncoder.Format.GIF, 5, 20, 2, file), events);
        double seconds = (System.nanoTime() - t0) / 1e9;

        assertNull(r.error(), r.error());
        assertEquals(5, r.frames());
        assertEquals(Files.size(file), r.bytes());
        // first to fifth frame: four periods of 50 ms at least, and no more than the whole recording
        assertTrue(r.seconds() >= 0.19 && r.seconds() <= seconds, r.seconds() + " s of " + seconds);
        assertEquals(List.of("captured 1/5", "captured 2/5", "captured 3/5", "captured 4/5", "captured 5/5", "encoding 5"),
                events);
        // five frames 50 ms apart take at least 200 ms: the timer waits for each period
        assertTrue(seconds >= 0.2, "recorded in " + seconds + " s");
        AnimationEncoderTest.Gif gif = AnimationEncoderTest.readGif(file);
        assertEquals(5, gif.images().size());
        int w = (int) Math.ceil(2 * Fx.call(plot::getWidth));
        int h = (int) Math.ceil(2 * Fx.call(plot::getHeight));
        List<int[]> pixels = new ArrayList<>();
        for (BufferedImage img : gif.images()) {
            assertEquals(w, img.getWidth());
            assertEquals(h, img.getHeight());
            pixels.add(img.getRGB(0, 0, w, h, null, 0, w));
        }
        for (int f = 1; f < 5; f++) {
            assertFalse(Arrays.equals(pixels.get(f - 1), pixels.get(f)), "frames " + f + " and " + (f + 1) + " are the same");
        }
        assertEquals("5", AnimationEncoderTest.find(gif.meta().get(0), "GraphicControlExtension").getAttribute("delayTime"), "100 / 20 fps");
    }

    @Test
    void aStillFigureGivesEqualFramesInAPngSequence(@TempDir Path dir) throws Exception {
        // the driver is off: nothing changes, so the frames must be equal (the test above can fail)
        Path folder = dir.resolve("frames");
        AnimationRecorder.Result r = record(
                new AnimationRecorder.Settings(AnimationEncoder.Format.PNG_SEQUENCE, 3, 30, 1, folder), new ArrayList<>());
        assertNull(r.error(), r.error());
        BufferedImage first = ImageIO.read(folder.resolve("frame-0001.png").toFile());
        BufferedImage third = ImageIO.read(folder.resolve("frame-0003.png").toFile());
        int w = first.getWidth();
        int h = first.getHeight();
        assertEquals((int) Math.ceil(Fx.call(plot::getWidth)), w);
        assertTrue(Arrays.equals(first.getRGB(0, 0, w, h, null, 0, w), third.getRGB(0, 0, w, h, null, 0, w)));
        long bytes = 0;
        for (int i = 1; i <= 3; i++) {
            bytes += Files.size(folder.resolve(AnimationEncoder.frameName(i)));
        }
        assertEquals(bytes, r.bytes());
    }

    @Test
    void aFailingOutputGivesAMessageAndLeavesNoFile(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "a file where a folder should be");
        Path file = blocker.resolve("plot.gif");
        AnimationRecorder.Result r = record(new AnimationRecorder.Settings(AnimationEncoder.Format.GIF, 2, 30, 1, file),
                new ArrayList<>());
        assertNotNull(r.error());
        assertTrue(r.error().startsWith("Could not save " + file), r.error());
        assertTrue(r.error().contains("blocker"), r.error());
        AnimationRecorder.Result png = record(
                new AnimationRecorder.Settings(AnimationEncoder.Format.PNG_SEQUENCE, 2, 30, 1, blocker.resolve("frames")),
                new ArrayList<>());
        assertNotNull(png.error());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(blocker), files.toList(), "nothing but the blocking file");
        }
    }

    @Test
    void tooManyFramesOrTooMuchMemoryIsRefusedBeforeRecording(@TempDir Path dir) {
        Path file = dir.resolve("x.gif");
        String many = Fx.call(() -> AnimationRecorder.refusal(plot,
                new AnimationRecorder.Settings(AnimationEncoder.Format.GIF, 601, 10, 1, file)));
        assertEquals("601 frames asked for; a recording holds 1 to 600 frames.", many);
        // 600 frames of a small figure are fine (its size is set here: the shared test stage may be any size)
        assertNull(Fx.call(() -> {
            plot.resize(200, 150);
            try {
                return AnimationRecorder.refusal(plot, new AnimationRecorder.Settings(AnimationEncoder.Format.GIF, 600,
                        10, 1, file));
            } finally {
                plot.requestLayout();
            }
        }));
        // a figure as large as a wall: 600 frames of it cannot fit in any test heap
        String memory = Fx.call(() -> {
            plot.resize(20000, 20000);
            try {
                return AnimationRecorder.refusal(plot, new AnimationRecorder.Settings(AnimationEncoder.Format.GIF, 600, 10, 2, file));
            } finally {
                plot.requestLayout();
            }
        });
        assertNotNull(memory);
        assertTrue(memory.startsWith("600 frames of 40000 \u00d7 40000 pixels need"), memory);
    }
}
