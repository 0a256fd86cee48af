package dev.genlab.app;

import static dev.genlab.app.AppTestSupport.fx;
import static dev.genlab.app.AppTestSupport.fxRun;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import javafx.event.Event;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import dev.genlab.bench.BenchReport;
import dev.genlab.plot.AxesFigure;
import dev.genlab.plot.PlotTransform;
import dev.genlab.scene.elbo.ElboScene;

/**
 * {@code vae_latent_drag_redraw_ms}: lesson 7's latent map in the real window (the shipped VAE, paused, as
 * the lesson's step opens it). A mouse drag event is fired at a point of the map on the JavaFX thread; the
 * time is taken from just before it to the first pulse after the panel set the image decoded there by its
 * plain-Java copy of the decoder (the pulse that renders it). {@code vae_latent_drag_trainer_ms}: to the
 * first frame that drew the trainer's own decode of that point (the command's trip, the snapshot, the next
 * pulse). Medians (and the 95th percentile) of 40 drags.
 */
@Tag("bench")
@ExtendWith(ApplicationExtension.class)
class ElboDragBenchTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = AppTestSupport.openWindow(stage, "elbo-drag-bench");
    }

    @AfterEach
    void tearDown() {
        AppTestSupport.closeWindow(window);
    }

    @Test
    void dragOnTheLatentMapToDecodedImage(FxRobot robot) {
        fxRun(() -> window.open(ElboSceneAppTest.LESSON, ElboSceneAppTest.STEP_VAE));
        ElboScene scene = (ElboScene) fx(() -> window.currentScene().orElseThrow());
        AppTestSupport.awaitFx(scene::lastShown, s -> s.vae() != null, "the VAE");
        AxesFigure map = robot.lookup("#elbo-latent-map").queryAs(AxesFigure.class);
        int n = 40;
        double[] ms = new double[n];
        double[] trip = new double[n];
        // the frame interval while dragging: a redraw waits for the next pulse, and a pulse of the software
        // renderer that repaints a changed figure takes longer than a 60 Hz frame
        java.util.List<Long> pulses = new java.util.concurrent.CopyOnWriteArrayList<>();
        javafx.animation.AnimationTimer timer = new javafx.animation.AnimationTimer() {
            @Override
            public void handle(long now) {
                pulses.add(System.nanoTime());
            }
        };
        fxRun(timer::start);
        for (int i = 0; i < n + 5; i++) {
            double zx = -2 + 4.0 * ((i * 7) % 20) / 19.0;
            double zy = 2 - 4.0 * ((i * 3) % 20) / 19.0;
            long t0 = System.nanoTime();
            fxRun(() -> {
                PlotTransform t = map.getTransform();
                // a fired event's x and y are scene coordinates: the dispatch makes them local to each node
                javafx.geometry.Point2D p = map.localToScene(t.px(zx), t.py(zy));
                javafx.geometry.Point2D q = map.localToScreen(t.px(zx), t.py(zy));
                Event.fireEvent(map, new MouseEvent(MouseEvent.MOUSE_DRAGGED, p.getX(), p.getY(), q.getX(), q.getY(),
                        MouseButton.PRIMARY, 1,
                        false, false, false, false, true, false, false, false, false, false, null));
            });
            AppTestSupport.awaitFx(() -> scene.lastShown().vae(),
                    v -> v.decodedZ() != null && Math.abs(v.decodedZ()[0] - zx) < 0.05
                            && Math.abs(v.decodedZ()[1] - zy) < 0.05 && scene.lastDrawNs() > t0, "decoded at the drag " + i + " (" + zx + ", " + zy + ")");
            long t1 = fx(scene::lastDrawNs);
            long local = fx(scene::localDecodeNs);
            // on screen: the first pulse after the image decoded on the JavaFX thread was set
            long shown = pulses.stream().filter(t -> t > local).findFirst().orElse(Long.MAX_VALUE);
            if (i >= 5) {
                ms[i - 5] = (shown - t0) / 1e6;
                trip[i - 5] = (t1 - t0) / 1e6;
            }
            WaitForAsyncUtils.sleep(20, TimeUnit.MILLISECONDS);
        }
        fxRun(timer::stop);
        double[] gaps = new double[Math.max(1, pulses.size() - 1)];
        for (int i = 1; i < pulses.size(); i++) {
            gaps[i - 1] = (pulses.get(i) - pulses.get(i - 1)) / 1e6;
        }
        BenchReport.row("vae_drag_frame_interval_ms", BenchReport.median(gaps), "ms");
        double median = BenchReport.median(ms);
        BenchReport.row("vae_latent_drag_redraw_ms", median, "ms");
        BenchReport.row("vae_latent_drag_redraw_ms_p95", BenchReport.percentile(ms, 0.95), "ms");
        BenchReport.row("vae_latent_drag_trainer_ms", BenchReport.median(trip), "ms");
        assertTrue(median > 0, "measured");
    }
}
