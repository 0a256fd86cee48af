package dev.genlab.plot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.genlab.i18n.I18n;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.scene.image.WritablePixelFormat;

/**
 * Records a node (a figure) as it changes: every 1 / fps seconds, on an {@link AnimationTimer} on the JavaFX
 * thread, a {@link FigureExport#snapshot} at the chosen scale is kept as an int[] of ARGB pixels; whatever drives
 * the figure (a playing lesson) goes on as it is. When the frames are taken, or on {@link #stop()}, or when the
 * node leaves its scene, the frames are encoded on a background thread ({@code animation-encoder}) by
 * {@link AnimationEncoder} and the {@link Listener} hears the result on the JavaFX thread. A snapshot slower than
 * the period delays the next frame instead of taking two at once, so on a slow machine the recording covers more
 * time than frames / fps; the file still plays at fps.
 */
public final class AnimationRecorder {

    /** What to record: format, number of frames, frames a second, pixels per logical pixel, file or folder. */
    public record Settings(AnimationEncoder.Format format, int frames, int fps, double scale, Path output) {
        public Settings {
            Objects.requireNonNull(format);
            Objects.requireNonNull(output);
        }
    }

    /**
     * How a recording ended: written (error null) or not (error says why, in the current language); seconds is the
     * time from the first frame to the last, which is more than (frames - 1) / fps when snapshots were slow.
     */
    public record Result(Path output, int frames, long bytes, double seconds, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    /** Hears a recording's progress, on the JavaFX thread. */
    public interface Listener {
        void captured(int frames, int total);

        void encoding(int frames);

        void done(Result result);
    }

    private final Node node;
    private final Settings settings;
    private final Listener listener;
    private final List<int[]> frames = new ArrayList<>();
    private final long periodNanos;
    private int width;
    private int height;
    private int background;
    private long nextDue;
    private long firstNanos;
    private long lastNanos;
    private boolean stopped;
    private final AnimationTimer timer = new AnimationTimer() {
        @Override
        public void handle(long now) {
            tick(now);
        }
    };

    public AnimationRecorder(Node node, Settings settings, Listener listener) {
        this.node = node;
        this.settings = settings;
        this.listener = listener;
        this.periodNanos = Math.round(1e9 / settings.fps());
    }

    /**
     * Why these settings cannot be recorded from node, in the current language, or null if they can: more than
     * {@link AnimationEncoder#MAX_FRAMES} frames, frames that would not fit in half of the free heap, a PNG folder
     * that already holds frames. Call on the JavaFX thread.
     */
    public static String refusal(Node node, Settings s) {
        if (s.frames() < 1 || s.frames() > AnimationEncoder.MAX_FRAMES) {
            return I18n.get("plot.record.tooManyFrames", s.frames(), AnimationEncoder.MAX_FRAMES);
        }
        long w = (long) Math.ceil(node.getLayoutBounds().getWidth() * s.scale());
        long h = (long) Math.ceil(node.getLayoutBounds().getHeight() * s.scale());
        long frameBytes = Math.max(1, w * h * 4);
        long free = freeHeap() / 2;
        if (frameBytes * s.frames() > free) {
            return I18n.get("plot.record.tooMuchMemory", s.frames(), w, h, (frameBytes * s.frames()) >> 20,
                    Math.max(0, free / frameBytes));
        }
        if (s.format() == AnimationEncoder.Format.PNG_SEQUENCE && Files.isDirectory(s.output())) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(s.output(), "frame-*.png")) {
                if (old.iterator().hasNext()) {
                    return I18n.get("plot.record.folderHasFrames", s.output());
                }
            } catch (IOException e) {
                return I18n.get("plot.record.failed", s.output(), describe(e));
            }
        }
        return null;
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }

    /** Starts taking frames, the first at once. Call on the JavaFX thread. */
    public void start() {
        nextDue = Long.MIN_VALUE;
        timer.start();
    }

    /** Takes no more frames and writes those taken (an error if none). Call on the JavaFX thread. */
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.stop();
        encode();
    }

    /** Frames taken so far. */
    public int framesTaken() {
        return frames.size();
    }

    private void tick(long now) {
        if (stopped) {
            return;
        }
        if (node.getScene() == null) { // the figure was closed or its lesson left: keep what was recorded
            stop();
            return;
        }
        if (nextDue != Long.MIN_VALUE && now < nextDue) {
            return;
        }
        nextDue = (nextDue == Long.MIN_VALUE || now - nextDue > periodNanos) ? now + periodNanos : nextDue + periodNanos;
        if (frames.isEmpty()) {
            firstNanos = now;
        }
        lastNanos = now;
        frames.add(capture());
        listener.captured(frames.size(), settings.frames());
        if (frames.size() >= settings.frames()) {
            stop();
        }
    }

    /** The node now, at the settings' scale, as width x height ARGB (the first frame's size; padded or cropped). */
    private int[] capture() {
        WritableImage img = FigureExport.snapshot(node, settings.scale());
        int iw = (int) img.getWidth();
        int ih = (int) img.getHeight();
        if (frames.isEmpty()) {
            width = iw;
            height = ih;
            background = toArgb(PlotTheme.current().background());
        }
        int[] out = new int[width * height];
        PixelReader reader = img.getPixelReader();
        int w = Math.min(width, iw);
        int h = Math.min(height, ih);
        if (w < width || h < height) {
            java.util.Arrays.fill(out, background);
        }
        if (w > 0 && h > 0) {
            reader.getPixels(0, 0, w, h, WritablePixelFormat.getIntArgbInstance(), out, 0, width);
        }
        return out;
    }

    private static int toArgb(javafx.scene.paint.Color c) {
        return 0xFF000000 | ((int) Math.round(c.getRed() * 255) << 16) | ((int) Math.round(c.getGreen() * 255) << 8)
                | (int) Math.round(c.getBlue() * 255);
    }

    private void encode() {
        List<int[]> taken = new ArrayList<>(frames);
        frames.clear();
        Path out = settings.output().toAbsolutePath();
        double seconds = (lastNanos - firstNanos) / 1e9;
        if (taken.isEmpty()) {
            listener.done(new Result(out, 0, 0, 0, I18n.get("plot.record.nothing")));
            return;
        }
        listener.encoding(taken.size());
        int w = width;
        int h = height;
        String failedKey = "plot.record.failed";
        Thread t = new Thread(() -> {
            Result result;
            try {
                long bytes;
                if (settings.format() == AnimationEncoder.Format.GIF) {
                    AnimationEncoder.writeGif(out, w, h, taken, settings.fps());
                    bytes = Files.size(out);
                } else {
                    AnimationEncoder.writePngSequence(out, w, h, taken);
                    bytes = 0;
                    for (int i = 1; i <= taken.size(); i++) {
                        bytes += Files.size(out.resolve(AnimationEncoder.frameName(i)));
                    }
                }
                result = new Result(out, taken.size(), bytes, seconds, null);
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                result = new Result(out, taken.size(), 0, seconds, I18n.get(failedKey, out, describe(e)));
            }
            Result r = result;
            Platform.runLater(() -> listener.done(r));
        }, "animation-encoder");
        t.setDaemon(true);
        t.start();
    }

    /** An exception as a reader can act on it: NIO's often carry only a path as their message. */
    static String describe(Throwable e) {
        String m = e.getMessage();
        if (e instanceof FileSystemException fse) {
            String kind = switch (e.getClass().getSimpleName()) {
                case "NoSuchFileException" -> "no such file or folder";
                case "FileAlreadyExistsException" -> "a file is in the way";
                case "AccessDeniedException" -> "access denied";
                case "NotDirectoryException" -> "not a folder";
                default -> fse.getReason();
            };
            return fse.getFile() + (kind == null ? "" : ": " + kind)
                    + (fse.getOtherFile() != null ? " (" + fse.getOtherFile() + ")" : "");
        }
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A size in bytes as "812 KB" or "3.4 MB". */
    public static String humanBytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return Math.max(1, Math.round(bytes / 1024.0)) + " KB";
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
