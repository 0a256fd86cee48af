package dev.genlab.scene.elbo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import javafx.beans.value.ChangeListener;
import javafx.beans.value.WeakChangeListener;
import javafx.scene.Node;
import javafx.scene.layout.BorderPane;

import dev.genlab.data.ImageDataset;
import dev.genlab.i18n.I18n;
import dev.genlab.live.Trainer;
import dev.genlab.scene.PanelHost;
import dev.genlab.scene.SceneContext;
import dev.genlab.scene.SceneDescriptor;
import dev.genlab.scene.TrainerScene;
import dev.genlab.scene.elbo.ElboParams.Panel;

/**
 * Lesson 7's scene, latent variables and the ELBO, in four panels: pPCA on the plane solved exactly
 * ({@link PpcaPanel}), pPCA on the images with the naive Monte Carlo estimate against the latent size
 * ({@link ImagesPanel}), the bound for one point ({@link BoundPanel}), and a VAE trained live beside an
 * autoencoder ({@link VaePanel}).
 *
 * <p>This class only wires. The plane and bound panels compute on the JavaFX thread; Play and Step there
 * draw samples of the generative process (pPCA) or climb the ELBO over q (bound). The images and VAE
 * panels are computed by {@link ElboLab} on the trainer thread; Play and Step there train the VAE and the
 * AE. A click or drag on the latent map is a command to the lab (decode there).
 */
public final class ElboScene extends TrainerScene<ElboLab, ElboParams, ElboSnapshot> {

    public static final String ID = "elbo";
    public static final SceneDescriptor DESCRIPTOR = new SceneDescriptor(ID, ElboParams.SPEC,
            Map.ofEntries(Map.entry("line", PpcaPanel.LINE), Map.entry("generated", PpcaPanel.GENERATED),
                    Map.entry("point", PpcaPanel.POINT), Map.entry("exact", PpcaPanel.EXACT),
                    Map.entry("q", BoundPanel.Q), Map.entry("posterior", BoundPanel.POSTERIOR),
                    Map.entry("elbo", BoundFigure.ELBO), Map.entry("gap", BoundFigure.GAP),
                    Map.entry("evidence", BoundFigure.EVIDENCE), Map.entry("prior-kl", BoundFigure.PRIOR_KL),
                    Map.entry("decoded", VaePanel.DECODED), Map.entry("importance", VaePanel.IW),
                    Map.entry("gradient", ReparamFigure.GRADIENT), Map.entry("noise", ReparamFigure.NOISE)),
            ElboScene::new);
    /** VAE + AE steps per second at speed 1 while playing (one step is about 10 ms at the defaults). */
    static final double BASE_RATE = 40;
    /** Generative samples per second at speed 1 on the pPCA panel. */
    static final double SAMPLES_PER_S = 4;

    private final SceneContext context;
    private final BorderPane root = new BorderPane();
    final PpcaPanel ppca;
    final ImagesPanel images = new ImagesPanel();
    final BoundPanel bound;
    final VaePanel vae;
    private final PanelHost<ElboSnapshot> panels;
    private final ChangeListener<ImageDataset> imagesListener = (obs, o, n) -> push();
    private ElboSnapshot last;
    private long lastSampleNs;
    private volatile long lastDrawNs;

    public ElboScene(SceneContext context) {
        super(ID, ElboParams.SPEC, BASE_RATE);
        this.context = context;
        ppca = new PpcaPanel(params());
        bound = new BoundPanel(params(), ppca);
        vae = new VaePanel(params());
        panels = new PanelHost<>(root, List.of(ppca, images, bound, vae));
        root.setId("elbo-view");
        context.images().addListener(new WeakChangeListener<>(imagesListener));
        ppca.plane.setOnDataClicked(ppca::clicked);
        vae.map.setOnDataClicked(this::decodeAt);
        vae.map.setOnDataDragged(this::decodeAt);
        vae.map.setZoomPanEnabled(false);
        vae.setOnLatentPoint(z -> {
            vae.decodeLocally(z);
            send(l -> l.decodeAt(z));
        });
        // the panel is a model knob (the lab trains only while the VAE panel shows), so it is not
        // view-only, but a change of panel is also a change of view
        params().property(ElboParams.PANEL).addListener((obs, o, n) -> viewKnobsChanged());
        viewKnobsChanged();
    }

    /** A point of the latent map: the VAE and the AE decode it on the trainer thread. */
    public void decodeAt(double x, double y) {
        ElboSnapshot.VaePart p = vae.last();
        int m = p == null ? 2 : p.latent();
        int i = p == null ? 0 : p.sliceI();
        int j = p == null ? 1 : p.sliceJ();
        // the dimensions off the map's axes keep the sliders' values
        float[] z = vae.sliderPoint(m);
        z[i] = (float) x;
        z[j] = (float) y;
        vae.decodeLocally(z);
        send(l -> l.decodeAt(z));
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public Optional<Node> exportableFigure() {
        return Optional.of(root);
    }

    @Override
    protected ElboLab newModel() {
        return new ElboLab();
    }

    @Override
    protected ElboParams currentParams() {
        return ElboParams.from(params().values(), context.images().getValue());
    }

    @Override
    protected void draw(ElboSnapshot s) {
        lastDrawNs = System.nanoTime();
        last = s;
        panels.draw(s);
    }

    @Override
    protected void viewKnobsChanged() {
        Panel panel = params().get(ElboParams.PANEL);
        boolean changed = panels.show(panel);
        if (!changed) {
            switch (panel) {
                case PPCA -> ppca.recompute();
                case BOUND -> bound.recompute();
                case VAE -> vae.showView();
                default -> { }
            }
        }
        if (panel == Panel.VAE) {
            int i = params().get(ElboParams.SLICE_I) - 1;
            int j = params().get(ElboParams.SLICE_J) - 1;
            send(l -> l.slice(i, j));
        }
    }

    @Override
    public void step() {
        switch (params().get(ElboParams.PANEL)) {
            case PPCA -> ppca.generateOne();
            case BOUND -> bound.fitStep();
            default -> super.step();
        }
    }

    @Override
    protected void everyFrame() {
        panels.frame();
        if (!playingProperty().get()) {
            return;
        }
        Panel panel = params().get(ElboParams.PANEL);
        if (panel == Panel.PPCA) {
            long now = System.nanoTime();
            if (now - lastSampleNs > 1e9 / (SAMPLES_PER_S * speedProperty().get())) {
                lastSampleNs = now;
                ppca.generateOne();
            }
        } else if (panel == Panel.BOUND && !bound.fitting()) {
            bound.fitStep();
        }
    }

    @Override
    protected void beforeReset() {
        ppca.clearDrawn();
    }

    @Override
    public void reset() {
        super.reset();
        viewKnobsChanged();
    }

    @Override
    protected void diverged(Trainer.Event e) {
        String msg = I18n.get("elbo.status.diverged", e.step(), e.message());
        reportDivergence(msg);
        vae.message.setText(msg);
    }

    // ---------------------------------------------------------------- for tests and benches

    public ElboSnapshot lastShown() {
        return last;
    }

    /** Leaving the scene also stops the pPCA panel's Monte Carlo job. */
    @Override
    public void deactivate() {
        ppca.leave();
        super.deactivate();
    }

    /** Monte Carlo curves the pPCA panels of this JVM computed to their end (tests). */
    public static long monteCarloCurvesComputed() {
        return PpcaPanel.curvesComputed();
    }

    /** True while the pPCA panel's Monte Carlo estimate is still being computed off the JavaFX thread. */
    public boolean monteCarloPending() {
        return ppca.monteCarloPending();
    }

    /** The pPCA panel's Monte Carlo read-out as shown. */
    public String monteCarloReadout() {
        return ppca.mcReadout.getText();
    }

    /** The bound panel's current terms (null before it was shown). */
    public dev.genlab.model.latent.BoundParts boundParts() {
        return bound.parts();
    }

    /** The mean of the bound panel's true posterior p(z|x). */
    public double posteriorMean() {
        return bound.posteriorMean();
    }

    /** True while "Fit q" is climbing. */
    public boolean fitting() {
        return bound.fitting();
    }

    /** Samples of the generative process drawn on the pPCA panel. */
    public int generatedCount() {
        return ppca.generatedCount();
    }

    /** System.nanoTime() when the latent map last showed an image decoded on the JavaFX thread (bench). */
    public long localDecodeNs() {
        return vae.localDecodeNs();
    }

    public long lastDrawNs() {
        return lastDrawNs;
    }

    /** Breaks the VAE on the trainer thread so the divergence guard must act (tests). */
    public void forceDivergence() {
        if (trainer() != null) {
            send(ElboLab::poison);
            trainer().stepOnce();
        }
    }
}
