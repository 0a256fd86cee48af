package dev.genlab.model.autoregressive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

import dev.genlab.model.discrete.BinaryImages;
import dev.genlab.model.discrete.PixelOrdering;

/** The checkpoint file: exact round trips, and a clear message for every kind of bad file. */
class CheckpointTest {

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

    static Checkpoint.CheckpointException readFails(byte[] file) {
        return assertThrows(Checkpoint.CheckpointException.class,
                () -> Checkpoint.read(new ByteArrayInputStream(file)));
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
    void truncatedFilesSayTheyAreTruncated() throws IOException {
        byte[] file = bytes(floatNade(PixelOrdering.raster(4, 4), 5).toCheckpoint(Map.of()));
        for (int len : new int[] {1, 5, 12, 20, file.length / 3, file.length / 2, file.length - 9, file.length - 1}) {
            Checkpoint.CheckpointException e = readFails(Arrays.copyOf(file, len));
            assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not gzip")
                    || e.getMessage().contains("damaged"), len + " bytes: " + e.getMessage());
        }
        Checkpoint.CheckpointException e = readFails(Arrays.copyOf(file, file.length / 2));
        assertTrue(e.getMessage().startsWith("checkpoint is truncated"), e.getMessage());
        assertTrue(readFails(new byte[0]).getMessage().contains("empty"));
    }

    @Test
    void garbageAndForeignFilesAreRecognised() throws IOException {
        byte[] noise = new byte[5000];
        new SplittableRandom(1).nextBytes(noise);
        assertTrue(readFails(noise).getMessage().contains("not gzip-compressed"), readFails(noise).getMessage());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write("just some text, not a checkpoint at all".getBytes(StandardCharsets.UTF_8));
        }
        String msg = readFails(gz.toByteArray()).getMessage();
        assertTrue(msg.contains("wrong signature"), msg);

        // a flipped byte inside the compressed data: caught by gzip's or the file's own checksum
        byte[] good = bytes(floatNade(PixelOrdering.raster(4, 4), 5).toCheckpoint(Map.of()));
        int corrupt = 0;
        for (int at = 20; at < good.length - 20; at += 37) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Checkpoint.CheckpointException e = readFails(bad);
            assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated"), e.getMessage());
            corrupt++;
        }
        assertTrue(corrupt > 10);

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

    @Test
    void missingFileAndResourceSaySo(@TempDir Path dir) {
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class,
                () -> Checkpoint.read(dir.resolve("nothing.bin.gz")));
        assertTrue(e.getMessage().contains("nothing.bin.gz"), e.getMessage());
        e = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.readResource("/genlab/none.bin.gz"));
        assertTrue(e.getMessage().contains("not on the classpath"), e.getMessage());
    }
}
