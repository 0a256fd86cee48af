package dev.genlab.scene.autoregressive;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.autoregressive.AutoregressiveModel;
import dev.genlab.model.autoregressive.Fvsbn;
import dev.genlab.model.autoregressive.Made;
import dev.genlab.model.autoregressive.Nade;
import dev.genlab.model.autoregressive.PixelCnn;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.io.Checkpoint;

/**
 * The networks GenLab ships: NADE, MADE (one hidden layer, raster order), FVSBN (raster order) and PixelCNN for 28 × 28 images, and the checkpoints of NADE and PixelCNN trained
 * on the built-in digits by {@code ./mvnw -Pcheckpoints verify} (see the README).
 */
final class StandardModels implements ModelFactory {

    static final StandardModels INSTANCE = new StandardModels();
    static final String PIXELCNN_CHECKPOINT = "/genlab/checkpoints/pixelcnn-digits.bin.gz";
    static final int SIDE = AutoregressiveParams.SIDE;

    /** Checkpoints read once per process (a few hundred kB each); null where none could be read. */
    private final Map<String, Object> checkpoints = new ConcurrentHashMap<>();

    private StandardModels() {
    }

    @Override
    public AutoregressiveModel create(Arch arch, long seed, DataType type) {
        if (arch.model().equals("nade")) {
            PixelOrdering o = PixelOrdering.byId(arch.ordering(), SIDE, SIDE, arch.orderingSeed());
            return new Nade(SIDE, SIDE, arch.hidden(), o, type, seed);
        }
        if (arch.model().equals(Fvsbn.ID)) {
            return new Fvsbn(SIDE, SIDE, type, seed);
        }
        if (arch.model().equals(Made.ID)) {
            return new Made(SIDE, SIDE, new int[] {arch.hidden()}, PixelOrdering.raster(SIDE, SIDE), type, seed);
        }
        return new PixelCnn(SIDE, SIDE, arch.hidden(), arch.layers(), PixelCnn.DEFAULT_FIRST_KERNEL,
                PixelCnn.DEFAULT_KERNEL, type, seed);
    }

    @Override
    public Loaded checkpoint(String model, DataType type) {
        if (!model.equals("nade") && !model.equals("pixelcnn")) {
            return null; // GenLab ships no MADE or FVSBN checkpoint
        }
        Object c = checkpoints.computeIfAbsent(model, m -> {
            try {
                return Checkpoint.readResource(m.equals("nade") ? Nade.DIGITS_CHECKPOINT : PIXELCNN_CHECKPOINT);
            } catch (Exception e) {
                return e.getMessage() == null ? e.toString() : e.getMessage();
            }
        });
        if (!(c instanceof Checkpoint cp)) {
            return null;
        }
        return load(cp, type);
    }

    /** How the shipped checkpoints name the images they were trained on (their "dataset" header). */
    static final String BUILT_IN_DIGITS = String.format(Locale.ROOT, "built-in digits (ProceduralDigits %d, seed %d)",
            dev.genlab.data.ProceduralDigits.BUILT_IN_COUNT, dev.genlab.data.ProceduralDigits.BUILT_IN_SEED);
    private static volatile long builtInFingerprint;

    /**
     * The fingerprint of the images a checkpoint was trained on: its "dataset.fingerprint" header, or,
     * for the shipped checkpoints, which name the built-in digits, the fingerprint of those digits
     * (generated once, a fraction of a second); 0 when the header says neither.
     */
    static long dataFingerprint(Map<String, String> header) {
        String f = header.get("dataset.fingerprint");
        if (f != null) {
            return Long.parseUnsignedLong(f, 16);
        }
        if (header.getOrDefault("dataset", "").startsWith(BUILT_IN_DIGITS)) {
            long b = builtInFingerprint;
            if (b == 0) {
                b = dev.genlab.data.ProceduralDigits.generate(dev.genlab.data.ProceduralDigits.BUILT_IN_COUNT,
                        dev.genlab.data.ProceduralDigits.BUILT_IN_SEED).fingerprint();
                builtInFingerprint = b;
            }
            return b;
        }
        return 0;
    }

    /** A network and its description from a checkpoint of either model. */
    static Loaded load(Checkpoint cp, DataType type) {
        Map<String, String> h = cp.header();
        AutoregressiveModel net;
        Arch arch;
        if (cp.modelId().equals("nade")) {
            Nade nade = Nade.fromCheckpoint(cp, type);
            net = nade;
            arch = new Arch("nade", nade.hidden(), 1, nade.ordering().id(),
                    Long.parseLong(h.getOrDefault("ordering.seed", "0")));
        } else if (cp.modelId().equals("pixelcnn")) {
            PixelCnn cnn = PixelCnn.fromHyperparameters(h, cp.params());
            net = cnn;
            arch = new Arch("pixelcnn", cnn.channels(), cnn.layers(), "raster", 0);
        } else {
            throw new IllegalArgumentException("the checkpoint holds a '" + cp.modelId() + "' model");
        }
        long steps = Long.parseLong(h.getOrDefault("steps", "0"));
        long examples = Long.parseLong(h.getOrDefault("examples.seen", "0"));
        return new Loaded(net, arch, steps, examples, Integer.parseInt(h.getOrDefault("train.count", "0")),
                dataFingerprint(h));
    }
}
