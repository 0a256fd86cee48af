package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.PixelOrdering;
import dev.genlab.model.io.Checkpoint;

/**
 * NADE through a checkpoint: a round trip gives the same log-probabilities, and a header that is not
 * a NADE's is refused with a clear message. (The file format itself: {@code model.io.CheckpointTest}.)
 */
class NadeCheckpointTest {

    static Nade floatNade(PixelOrdering o, long seed) {
        Nade nade = new Nade(o.rows(), o.cols(), 7, o, DataType.FLOAT, seed);
        double[] p = nade.saveParams();
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < p.length; i++) {
            p[i] += 0.5 * NadeTest.gaussian(r); // b and c away from zero too
        }
        nade.loadParams(p);
        return nade;
    }

    static byte[] bytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return out.toByteArray();
    }

    @Test
    void roundTripGivesIdenticalLogProb(@TempDir Path dir) throws IOException {
        SplittableRandom r = new SplittableRandom(3);
        for (PixelOrdering o : new PixelOrdering[] {PixelOrdering.raster(5, 6), PixelOrdering.random(5, 6, 99)}) {
            Nade nade = floatNade(o, 17);
            Map<String, String> meta = new LinkedHashMap<>();
            meta.put("steps", "1234");
            meta.put("dataset", "ünïcode → test");
            Path file = dir.resolve(o.id() + ".bin.gz");
            nade.toCheckpoint(meta).write(file);
            Checkpoint back = Checkpoint.read(file);
            assertEquals("nade", back.modelId());
            assertEquals("1234", back.value("steps"));
            assertEquals("ünïcode → test", back.value("dataset"));
            assertEquals(o.id(), back.value("ordering"));
            assertEquals(nade.toCheckpoint(meta), back);
            Nade copy = Nade.fromCheckpoint(back, DataType.FLOAT);
            assertEquals(o, copy.ordering());
            assertEquals(7, copy.hidden());
            BinaryImages data = new BinaryImages(30, 5, 6, NadeTest.randomBits(r, 30 * 30));
            assertArrayEquals(nade.logProb(data), copy.logProb(data));
            assertArrayEquals(nade.saveParams(), copy.saveParams());
        }
    }

    @Test
    void foreignOrIncompleteHeadersAreRefused() throws IOException {
        Checkpoint pixelcnn = new Checkpoint("pixelcnn", Map.of("rows", "4"), new float[3]);
        Checkpoint read = Checkpoint.read(new ByteArrayInputStream(bytes(pixelcnn)));
        IllegalArgumentException foreign = assertThrows(IllegalArgumentException.class,
                () -> Nade.fromCheckpoint(read, DataType.FLOAT));
        assertTrue(foreign.getMessage().contains("'pixelcnn' model, not a NADE"), foreign.getMessage());

        Checkpoint noHidden = new Checkpoint("nade", Map.of("rows", "4", "cols", "4", "ordering", "raster"), new float[3]);
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Nade.fromCheckpoint(noHidden, DataType.FLOAT));
        assertTrue(missing.getMessage().contains("no 'hidden'"), missing.getMessage());

        Map<String, String> header = new LinkedHashMap<>(floatNade(PixelOrdering.raster(4, 4), 5)
                .toCheckpoint(Map.of()).header());
        Checkpoint wrongCount = new Checkpoint("nade", header, new float[10]);
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> Nade.fromCheckpoint(wrongCount, DataType.FLOAT));
        assertTrue(count.getMessage().contains("needs"), count.getMessage());
    }

    /** The shipped digits checkpoint (written before the file format's class moved to model.io) still loads. */
    @Test
    void shippedDigitsCheckpointLoads() throws IOException {
        Nade nade = Nade.loadDigits(DataType.FLOAT);
        assertEquals(28, nade.ordering().rows());
        assertEquals(28, nade.ordering().cols());
        assertEquals(Nade.digitsCheckpoint().params().length, nade.saveParams().length);
    }
}
