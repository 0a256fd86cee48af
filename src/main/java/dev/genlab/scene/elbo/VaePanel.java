package dev.genlab.scene.elbo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import dev.genlab.scene.Grids;
import dev.genlab.i18n.I18n;
import dev.genlab.plot.ColorMap;
import dev.genlab.plot.Extent;
import dev.genlab.plot.FigureColour;
import dev.genlab.plot.HistogramPlot;
import dev.genlab.plot.ImageGridPlot;
import dev.genlab.plot.LineChartPlot;
import dev.genlab.plot.Marker;
import dev.genlab.plot.Plot2D;
import dev.genlab.plot.PlotLayer;
import dev.genlab.plot.PlotTheme;
import dev.genlab.plot.PlotTransform;
import dev.genlab.plot.ScatterLayer;
import dev.genlab.scene.ParamSet;
import dev.genlab.scene.ScenePanel;

/**
 * Panel 3 of lesson 7: a VAE trained live beside an autoencoder of the same architecture. The view knob
 * chooses the main figure: the latent map (held-out codes coloured by label or by a generating factor of
 * the built-in digits, the decoder's images tiled over the plane, the image decoded where the pointer is);
 * the VAE's and the AE's maps and prior samples side by side; the KL of each latent dimension (posterior
 * collapse); or the reparameterisation trick for one image. Always shown: reconstructions of a fixed held-out
 * batch by both, samples from the prior, and the curves of the ELBO, its two terms, the held-out ELBO and an
 * importance-sampled log p(x), with other models' held-out log-likelihoods as reference lines.
 */
final class VaePanel extends BorderPane implements ScenePanel<ElboSnapshot> {

    static final FigureColour DECODED = FigureColour.CYAN;
    static final FigureColour IW = FigureColour.VERMILION;
    static final double MAP_EXTENT = 4;

    final Plot2D map = new Plot2D();
    private final TilesLayer tiles = new TilesLayer();
    private final ScatterLayer codes = new ScatterLayer();
    private final ScatterLayer pointer = new ScatterLayer();
    final Plot2D aeMap = new Plot2D();
    /** The VAE's codes again, beside the AE's (a node has one parent: the latent map stays in its view). */
    final Plot2D aeMapVae = new Plot2D();
    private final ScatterLayer aeVaeCodes = new ScatterLayer();
    private final ScatterLayer aeCodes = new ScatterLayer();
    final ImageGridPlot decoded = new ImageGridPlot();
    final ImageGridPlot aeSamples = new ImageGridPlot();
    final ImageGridPlot vaeSamples = new ImageGridPlot();
    final HistogramPlot klBars = new HistogramPlot();
    final ReparamFigure reparam = new ReparamFigure();
    final ImageGridPlot recon = new ImageGridPlot();
    final ImageGridPlot samples = new ImageGridPlot();
    final LineChartPlot curves = new LineChartPlot();
    final Label readout = new Label();
    final Label message = new Label();
    private final ParamSet params;
    private final StackPane main = new StackPane();
    private final BorderPane mapView = new BorderPane();
    private final StackPane aeView = new StackPane();
    private final BorderPane collapseView = new BorderPane();
    private final Label collapseText = new Label();
    private ElboSnapshot.VaePart last;
    /**
     * With more than two latent dimensions, one slider per dimension sets the point that is decoded: the
     * map's pointer moves the two dimensions on its axes, the sliders the others (and follow the pointer).
     */
    private final VBox dimSliders = new VBox(1);
    private final List<javafx.scene.control.Slider> sliders = new ArrayList<>();
    private java.util.function.Consumer<float[]> onLatentPoint = z -> { };
    private boolean settingSliders;
    private String lastMessage = "";
    private final javafx.beans.value.ChangeListener<Locale> languageListener = (o, a, b) -> redrawAll();
    private final javafx.beans.InvalidationListener themeListener = o -> redrawAll();

    VaePanel(ParamSet params) {
        this.params = params;
        setId("elbo-vae");
        map.setId("elbo-latent-map");
        aeMap.setId("elbo-ae-map");
        decoded.setId("elbo-decoded");
        klBars.setId("elbo-kl-bars");
        recon.setId("elbo-recon");
        samples.setId("elbo-samples");
        curves.setId("elbo-curves");
        readout.setId("elbo-vae-readout");
        collapseText.setId("elbo-collapse-text");
        message.setId("elbo-vae-message");
        map.layers().addAll(tiles, codes, pointer);
        map.setEqualAspect(true);
        map.setDataExtent(Extent.square(MAP_EXTENT));
        aeMap.layers().add(aeCodes);
        aeMapVae.layers().add(aeVaeCodes);
        aeMapVae.setEqualAspect(true);
        aeMapVae.setDataExtent(Extent.square(MAP_EXTENT));
        aeMapVae.setId("elbo-ae-vae-map");
        aeMap.setEqualAspect(true);
        aeMap.setDataExtent(Extent.square(MAP_EXTENT));
        curves.xLabelProperty().bind(I18n.bind("elbo.curves.steps"));
        curves.yLabelProperty().bind(I18n.bind("elbo.curves.nats"));
        klBars.xLabelProperty().bind(I18n.bind("elbo.collapse.dimension"));
        klBars.yLabelProperty().bind(I18n.bind("elbo.collapse.kl"));
        for (var f : List.of(map, aeMap, aeMapVae, decoded, klBars, reparam, recon, samples, curves, aeSamples, vaeSamples)) {
            f.setMinSize(100, 80);
        }
        for (Label l : List.of(readout, message, collapseText)) {
            l.getStyleClass().add("readout");
            l.setWrapText(true);
            l.setMinHeight(USE_PREF_SIZE);
        }
        message.setStyle("-fx-text-fill: #c0392b;");
        dimSliders.setId("elbo-z-sliders");
        VBox side = new VBox(4, decoded, dimSliders);
        VBox.setVgrow(decoded, Priority.ALWAYS);
        mapView.setCenter(Grids.row(new double[] {72, 28}, map, side));
        aeView.getChildren().add(Grids.row(new double[] {50, 50},
                Grids.column(new double[] {70, 30}, aeMapVae, vaeSamples),
                Grids.column(new double[] {70, 30}, aeMap, aeSamples)));
        collapseView.setCenter(klBars);
        collapseView.setBottom(collapseText);
        main.getChildren().addAll(mapView, aeView, collapseView, reparam);
        javafx.scene.Node top = Grids.row(new double[] {60, 40}, main, Grids.column(new double[] {60, 40}, recon, samples));
        // the curves strip keeps a third of the panel's height (its legend takes two rows in Korean on a 720-line projector); the read-outs sit beside it, so the
        // map and the images keep the rest (under it they took a third of a 1280 × 800 window)
        VBox texts = new VBox(2, readout, message);
        javafx.scene.Node bottom = Grids.row(new double[] {68, 32}, curves, texts);
        BorderPane.setMargin(bottom, new Insets(4, 4, 2, 4));
        curves.setPrefHeight(120);
        curves.keepHeightShare(this, 0.36);
        setCenter(top);
        setBottom(bottom);
        I18n.localeProperty().addListener(new javafx.beans.value.WeakChangeListener<>(languageListener));
        PlotTheme.currentProperty().addListener(new javafx.beans.WeakInvalidationListener(themeListener));
        showView();
    }

    @Override
    public Enum<?> id() {
        return ElboParams.Panel.VAE;
    }

    @Override
    public javafx.scene.Node node() {
        return this;
    }

    /** The view knob: which figure fills the main area. */
    void showView() {
        String v = params.get(ElboParams.VAE_VIEW);
        mapView.setVisible("map".equals(v));
        aeView.setVisible("ae".equals(v));
        collapseView.setVisible("collapse".equals(v));
        reparam.setVisible("reparam".equals(v));
        message.setText(messages(lastMessage) + factorsNote(last));
        redrawAll();
    }

    @Override
    public void draw(ElboSnapshot s) {
        lastMessage = s.message();
        message.setText(messages(s.message()) + factorsNote(s.vae()));
        if (s.vae() != null) {
            ElboSnapshot.VaePart before = last;
            last = s.vae();
            if (before != null && before.mapVae() == last.mapVae()) {
                // the same map and images (the lab renews them at most once a second while training, and not
                // for a drag): redraw what changed, so a drag on the map is answered within a frame
                redrawLight(before);
            } else {
                redrawAll();
            }
        }
    }

    /** Colouring by a generating factor needs the built-in digits; elsewhere the map is coloured by label. */
    private String factorsNote(ElboSnapshot.VaePart p) {
        boolean wantsFactor = !"label".equals(params.get(ElboParams.COLOUR_BY));
        return p != null && p.factors() == null && wantsFactor ? " " + I18n.get("elbo.note.noFactors") : "";
    }

    static String messages(String keys) {
        if (keys == null || keys.isBlank()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (String k : keys.trim().split("\\s+")) {
            b.append(b.length() == 0 ? "" : " ").append(I18n.get(k));
        }
        return b.toString();
    }

    ElboSnapshot.VaePart last() {
        return last;
    }

    void redrawAll() {
        ElboSnapshot.VaePart p = last;
        if (p == null) {
            return;
        }
        PlotTheme theme = PlotTheme.current();
        String view = params.get(ElboParams.VAE_VIEW);
        String zi = "z" + sub(p.sliceI() + 1);
        String zj = "z" + sub(p.sliceJ() + 1);
        map.setXLabel(zi);
        map.setYLabel(zj);
        aeMap.setXLabel(zi + " (AE)");
        aeMap.setYLabel(zj + " (AE)");
        aeMapVae.setXLabel(zi + " (VAE)");
        aeMapVae.setYLabel(zj + " (VAE)");
        if ("map".equals(view) || "ae".equals(view)) {
            colourCodes(codes, p.mapVae(), p, theme);
            tiles.set(params.get(ElboParams.TILES) ? p : null);
            drawPointer(p);
            map.redraw();
        }
        redrawRest(p, theme, view);
    }

    /** Only the pointer, the decoded images, the curves and the read-outs, when the rest is unchanged. */
    private void redrawLight(ElboSnapshot.VaePart before) {
        ElboSnapshot.VaePart p = last;
        PlotTheme theme = PlotTheme.current();
        String view = params.get(ElboParams.VAE_VIEW);
        if (("map".equals(view) || "ae".equals(view)) && !java.util.Arrays.equals(before.decodedZ(), p.decodedZ())) {
            drawPointer(p);
            map.redraw();
        }
        if (before.steps() != p.steps() || before.trainX().length != p.trainX().length
                || before.iwX().length != p.iwX().length || before.testX().length != p.testX().length) {
            drawCurves(p, theme);
        }
        if ("collapse".equals(view)) {
            drawCollapse(p, theme);
        }
        drawReadout(p);
    }

    private volatile long localDecodeNs;

    /**
     * Shows the decoded images at z at once, from the snapshot's plain-Java copies of the decoders (the MLP
     * decoder; false for the autoregressive one, which the trainer decodes). The trainer's own decode of
     * the same point follows in the next snapshot.
     */
    boolean decodeLocally(float[] z) {
        ElboSnapshot.VaePart p = last;
        if (p == null || p.decoderVae() == null || p.decoderAe() == null || z.length != p.latent()) {
            return false;
        }
        pointer.put(new ScatterLayer.Series("z", new float[] {z[p.sliceI()]}, new float[] {z[p.sliceJ()]},
                DECODED.color(), Marker.SQUARE));
        decoded.setImages(List.of(p.decoderVae().decode(z), p.decoderAe().decode(z)), 28, 28, 1);
        decoded.setCaptions(List.of("VAE", "AE"));
        map.redraw();
        localDecodeNs = System.nanoTime();
        return true;
    }

    /** System.nanoTime() when an image was last decoded on the JavaFX thread (bench). */
    long localDecodeNs() {
        return localDecodeNs;
    }

    /** Where a slider's point goes (the scene sends it to the lab to decode). */
    void setOnLatentPoint(java.util.function.Consumer<float[]> action) {
        onLatentPoint = action;
    }

    /** The sliders' values, one per latent dimension (zeros for a 2-D latent: it has no sliders). */
    float[] sliderPoint(int latent) {
        float[] z = new float[latent];
        for (int d = 0; d < Math.min(latent, sliders.size()); d++) {
            z[d] = (float) sliders.get(d).getValue();
        }
        return z;
    }

    /** One slider per latent dimension when there are more than two; rebuilt when the latent size changes. */
    private void buildSliders(int latent) {
        int want = latent > 2 ? latent : 0;
        if (sliders.size() == want) {
            return;
        }
        sliders.clear();
        dimSliders.getChildren().clear();
        for (int d = 0; d < want; d++) {
            javafx.scene.control.Slider s = new javafx.scene.control.Slider(-3, 3, 0);
            s.setId("elbo-z-slider-" + (d + 1));
            s.valueProperty().addListener((obs, o, n) -> {
                if (!settingSliders) {
                    onLatentPoint.accept(sliderPoint(sliders.size()));
                }
            });
            Label name = new Label("z" + sub(d + 1));
            name.setMinWidth(USE_PREF_SIZE);
            HBox row = new HBox(4, name, s);
            HBox.setHgrow(s, Priority.ALWAYS);
            dimSliders.getChildren().add(row);
            sliders.add(s);
        }
    }

    private void drawPointer(ElboSnapshot.VaePart p) {
        buildSliders(p.latent());
        if (p.decodedZ() != null && p.decodedZ().length == sliders.size()) {
            settingSliders = true;
            for (int d = 0; d < sliders.size(); d++) {
                sliders.get(d).setValue(p.decodedZ()[d]);
            }
            settingSliders = false;
        }
        {
            if (p.decodedZ() != null) {
                pointer.put(new ScatterLayer.Series("z", new float[] {p.decodedZ()[p.sliceI()]},
                        new float[] {p.decodedZ()[p.sliceJ()]}, DECODED.color(), Marker.SQUARE));
                List<float[]> imgs = new ArrayList<>(List.of(p.decoded()));
                List<String> caps = new ArrayList<>(List.of("VAE"));
                if (p.decodedAe() != null) {
                    imgs.add(p.decodedAe());
                    caps.add("AE");
                }
                decoded.setImages(imgs, 28, 28, 1);
                decoded.setCaptions(caps);
            } else {
                pointer.clear();
                decoded.setImages(List.of(), 28, 28, 1);
                decoded.setCaptions(List.of());
            }
        }
    }

    private void redrawRest(ElboSnapshot.VaePart p, PlotTheme theme, String view) {
        if ("ae".equals(view)) {
            colourCodes(aeCodes, p.mapAe(), p, theme);
            // the AE's codes are not held near the prior: its frame follows them
            double far = MAP_EXTENT;
            for (float v : p.mapAe()) {
                if (Float.isFinite(v)) {
                    far = Math.max(far, 1.1 * Math.abs(v));
                }
            }
            aeMap.setDataExtent(Extent.square(far));
            colourCodes(aeVaeCodes, p.mapVae(), p, theme);
            aeMap.redraw();
            aeMapVae.redraw();
            vaeSamples.setImages(split(p.samplesVae(), p.sampleCount()), 28, 28, 6);
            vaeSamples.setCaptions(List.of());
            aeSamples.setImages(split(p.samplesAe(), p.sampleCount()), 28, 28, 6);
            aeSamples.setCaptions(List.of());
        }
        if ("collapse".equals(view)) {
            drawCollapse(p, theme);
        }
        if ("reparam".equals(view)) {
            reparam.setReparam(p.reparam());
        }
        drawImages(p);
        drawCurves(p, theme);
        drawReadout(p);
    }

    private void drawCollapse(ElboSnapshot.VaePart p, PlotTheme theme) {
        {
            double[] kl = p.klPerDim();
            double[] edges = new double[kl.length + 1];
            for (int i = 0; i <= kl.length; i++) {
                edges[i] = i + 0.5;
            }
            klBars.setBins(edges, kl.clone(), theme.seriesColor(0));
            long active = Arrays.stream(kl).filter(v -> v > ElboLab.ACTIVE_KL).count();
            collapseText.setText(I18n.get("elbo.collapse.readout", active, kl.length, fmt(Arrays.stream(kl).sum()),
                    fmt(p.beta())));
        }
    }

    private void drawImages(ElboSnapshot.VaePart p) {
        List<float[]> rows = new ArrayList<>();
        List<String> caps = new ArrayList<>();
        List<float[]> o = split(p.originals(), p.reconCount());
        List<float[]> rv = split(p.reconVae(), p.reconCount());
        List<float[]> ra = split(p.reconAe(), p.reconCount());
        for (int i = 0; i < p.reconCount(); i++) {
            rows.add(o.get(i));
            caps.add(i == 0 ? "x" : "");
        }
        for (int i = 0; i < p.reconCount(); i++) {
            rows.add(rv.get(i));
            caps.add(i == 0 ? "VAE" : "");
        }
        for (int i = 0; i < p.reconCount(); i++) {
            rows.add(ra.get(i));
            caps.add(i == 0 ? "AE" : "");
        }
        recon.setImages(rows, 28, 28, p.reconCount());
        recon.setCaptions(caps);
        samples.setImages(split(p.samplesVae(), p.sampleCount()), 28, 28, 6);
        samples.setCaptions(List.of());
    }

    private void drawReadout(ElboSnapshot.VaePart p) {
        double lastElbo = p.testElbo().length == 0 ? Double.NaN : p.testElbo()[p.testElbo().length - 1];
        int iw = p.iwLogPx().length - 1;
        double lastIw = iw < 0 ? Double.NaN : p.iwLogPx()[iw];
        double iwElbo = iw < 0 ? Double.NaN : p.iwElbo()[iw];
        readout.setText(I18n.get("elbo.vae.readout", p.architecture(), p.numParams(), p.steps(), fmt(p.beta()),
                fmt(lastElbo), fmt(lastIw), fmt(lastIw - iwElbo), p.evalCount(), ElboLab.IW_IMAGES, fmt(iwElbo),
                p.iwX().length == 0 ? 0 : (long) p.iwX()[iw],
                Double.isNaN(p.batchMs()) ? "\u2013" : String.format(Locale.ROOT, "%.1f", p.batchMs())));
    }

    private void drawCurves(ElboSnapshot.VaePart p, PlotTheme theme) {
        curves.clearSeries();
        curves.clearReferenceLines();
        curves.addSeries(I18n.get("elbo.curves.trainElbo"), theme.seriesColor(0)).appendAll(p.trainX(), p.trainElbo());
        curves.addSeries(I18n.get("elbo.curves.recon"), theme.seriesColor(2)).appendAll(p.trainX(), p.trainRecon());
        curves.addSeries(I18n.get("elbo.curves.kl"), FigureColour.LIGHT_GREY.color()).appendAll(p.trainX(), p.trainKl());
        curves.addSeries(I18n.get("elbo.curves.testElbo"), theme.seriesColor(3)).appendAll(p.testX(), p.testElbo());
        curves.addSeries(I18n.get("elbo.curves.iw"), IW.color()).appendAll(p.iwX(), p.iwLogPx());
        for (int i = 0; i < p.references().length; i++) {
            String name = p.referenceNames()[i];
            Color c = switch (name) {
                case "nade" -> theme.seriesColor(4);
                case "pixelcnn" -> theme.seriesColor(5);
                default -> FigureColour.GREY.color();
            };
            curves.addReferenceLine(p.references()[i], I18n.get("elbo.ref." + name), c);
        }
        curves.setClipOutliers(true);
    }

    /** The codes as points, coloured by label (one series per digit) or by a factor (eight quantile bins). */
    private void colourCodes(ScatterLayer layer, float[] z, ElboSnapshot.VaePart p, PlotTheme theme) {
        layer.clear();
        int m = p.latent();
        int n = p.mapCount();
        String by = params.get(ElboParams.COLOUR_BY);
        double[] value = null;
        if (!"label".equals(by) && p.factors() != null) {
            value = p.factors()[ElboParams.COLOURINGS.indexOf(by) - 1];
        }
        int groups;
        int[] group = new int[n];
        String[] names;
        Color[] colors;
        if (value != null) {
            double[] sorted = value.clone();
            Arrays.sort(sorted);
            groups = 8;
            names = new String[groups];
            colors = new Color[groups];
            for (int g = 0; g < groups; g++) {
                double lo = sorted[Math.min(n - 1, g * n / groups)];
                names[g] = I18n.get("elbo.colour." + by) + " \u2265 " + String.format(Locale.ROOT, "%.2f", lo);
                colors[g] = ColorMap.VIRIDIS.color((g + 0.5) / groups);
            }
            for (int i = 0; i < n; i++) {
                int r = Arrays.binarySearch(sorted, value[i]);
                r = r < 0 ? -r - 1 : r;
                group[i] = Math.min(groups - 1, r * groups / n);
            }
        } else {
            int maxLabel = Arrays.stream(p.labels()).max().orElse(-1);
            groups = maxLabel < 0 ? 1 : maxLabel + 1;
            names = new String[groups];
            colors = new Color[groups];
            for (int g = 0; g < groups; g++) {
                names[g] = maxLabel < 0 ? I18n.get("elbo.legend.heldOut") : String.valueOf(g);
                colors[g] = groups <= 10 ? theme.seriesColor(g) : ColorMap.VIRIDIS.color((g + 0.5) / groups);
            }
            for (int i = 0; i < n; i++) {
                group[i] = Math.max(0, p.labels()[i]);
            }
        }
        for (int g = 0; g < groups; g++) {
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (group[i] == g) {
                    count++;
                }
            }
            float[] xs = new float[count];
            float[] ys = new float[count];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (group[i] == g) {
                    xs[k] = z[i * m + p.sliceI()];
                    ys[k] = z[i * m + p.sliceJ()];
                    k++;
                }
            }
            if (count > 0) {
                layer.put(new ScatterLayer.Series(names[g], xs, ys, colors[g], Marker.CIRCLE));
            }
        }
    }

    static List<float[]> split(float[] all, int count) {
        List<float[]> out = new ArrayList<>();
        if (all == null || count == 0) {
            return out;
        }
        int d = all.length / count;
        for (int i = 0; i < count; i++) {
            out.add(Arrays.copyOfRange(all, i * d, (i + 1) * d));
        }
        return out;
    }

    private static String sub(int i) {
        StringBuilder b = new StringBuilder();
        for (char c : String.valueOf(i).toCharArray()) {
            b.append((char) ('\u2080' + (c - '0')));
        }
        return b.toString();
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** The decoder's images tiled over the latent plane, under the codes. */
    private static final class TilesLayer extends PlotLayer {
        private WritableImage image;
        private double extent;

        void set(ElboSnapshot.VaePart p) {
            if (p == null) {
                image = null;
                changed();
                return;
            }
            int t = p.tileSide();
            int side = 28;
            int w = t * side;
            int[] argb = new int[w * w];
            for (int r = 0; r < t; r++) {
                for (int c = 0; c < t; c++) {
                    int o = (r * t + c) * side * side;
                    for (int y = 0; y < side; y++) {
                        for (int x = 0; x < side; x++) {
                            int v = (int) (Math.max(0, Math.min(1, p.tiles()[o + y * side + x])) * 255);
                            argb[(r * side + y) * w + c * side + x] = 0xff000000 | v << 16 | v << 8 | v;
                        }
                    }
                }
            }
            image = new WritableImage(w, w);
            image.getPixelWriter().setPixels(0, 0, w, w, PixelFormat.getIntArgbInstance(), argb, 0, w);
            extent = p.tileExtent();
            changed();
        }

        @Override
        public void draw(GraphicsContext g, PlotTransform t, PlotTheme theme) {
            if (image == null) {
                return;
            }
            double x0 = t.px(-extent);
            double y0 = t.py(extent);
            g.setGlobalAlpha(0.85);
            g.setImageSmoothing(false);
            g.drawImage(image, x0, y0, t.px(extent) - x0, t.py(-extent) - y0);
            g.setGlobalAlpha(1);
        }
    }
}
