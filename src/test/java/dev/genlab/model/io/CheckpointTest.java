package dev.genlab.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkpoint file, whatever model it holds: exact round trips, the byte layout written out by
 * hand, the shipped files, and a clear message for every kind of bad file. (What NADE makes of a
 * checkpoint is tested in {@code model.autoregressive.NadeCheckpointTest}.)
 */
class CheckpointTest {

    /** A checkpoint of {@code n} random floats, with some values a float stores exactly or not at all. */
    static Checkpoint random(String id, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[n];
        for (int i = 0; i < n; i++) {
            p[i] = (float) ((r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-8, 8)));
        }
        if (n > 4) {
            p[0] = -0.0f;
            p[1] = Float.MIN_VALUE;
            p[2] = Float.MAX_VALUE;
            p[3] = Float.NaN;
        }
        Map<String, String> header = new LinkedHashMap<>();
        header.put("rows", "5");
        header.put("steps", "1234");
        header.put("dataset", "ünïcode → test");
        return new Checkpoint(id, header, p);
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
    void roundTripIsExact(@TempDir Path dir) throws IOException {
        for (String id : List.of("nade", "vae", "gan-generator")) {
            Checkpoint c = random(id, 1000, id.hashCode());
            Path file = dir.resolve(id + ".bin.gz");
            c.write(file);
            Checkpoint back = Checkpoint.read(file);
            assertEquals(id, back.modelId());
            assertEquals(List.copyOf(c.header().keySet()), List.copyOf(back.header().keySet()), "header order");
            assertEquals("ünïcode → test", back.value("dataset"));
            assertEquals(1234, back.intValue("steps"));
            float[] a = c.params();
            float[] b = back.params();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "param " + i);
            }
            assertEquals(c, back);
        }
    }

    /** The layout of the class Javadoc, written byte by byte here: the format has not changed. */
    @Test
    void bytesFollowTheDocumentedLayout() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(body);
        d.writeInt(1);
        d.writeInt(3);
        d.write("vae".getBytes(StandardCharsets.UTF_8));
        d.writeInt(1);
        d.writeInt(1);
        d.write('k');
        d.writeInt(2);
        d.write("v2".getBytes(StandardCharsets.UTF_8));
        d.writeInt(2);
        d.writeFloat(1.5f);
        d.writeFloat(-2f);
        CRC32 crc = new CRC32();
        crc.update(body.toByteArray());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write("GENLABCK".getBytes(StandardCharsets.US_ASCII));
        body.writeTo(expected);
        new DataOutputStream(expected).writeLong(crc.getValue());
        expected.write("END.".getBytes(StandardCharsets.US_ASCII));

        Checkpoint c = new Checkpoint("vae", Map.of("k", "v2"), new float[] {1.5f, -2f});
        byte[] unzipped = new GZIPInputStream(new ByteArrayInputStream(bytes(c))).readAllBytes();
        assertArrayEquals(expected.toByteArray(), unzipped);

        // and a file gzipped by someone else reads back
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(expected.toByteArray());
        }
        assertEquals(c, Checkpoint.read(new ByteArrayInputStream(gz.toByteArray())));
    }

    /** The files lesson 5 ships, written while this class lived in {@code model.autoregressive}. */
    @Test
    void shippedCheckpointsStillRead() throws IOException {
        Checkpoint nade = Checkpoint.readResource("/genlab/checkpoints/nade-digits.bin.gz");
        assertEquals("nade", nade.modelId());
        assertEquals(28, nade.intValue("rows"));
        assertTrue(nade.params().length > 10_000, nade.toString());
        Checkpoint cnn = Checkpoint.readResource("/genlab/checkpoints/pixelcnn-digits.bin.gz");
        assertEquals("pixelcnn", cnn.modelId());
        assertTrue(cnn.params().length > 1_000, cnn.toString());
    }

    @Test
    void truncatedFilesSayTheyAreTruncated() throws IOException {
        byte[] file = bytes(random("nade", 300, 5));
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
        byte[] good = bytes(random("nade", 300, 5));
        int corrupt = 0;
        for (int at = 20; at < good.length - 20; at += 37) {
            byte[] bad = good.clone();
            bad[at] ^= 0x10;
            Checkpoint.CheckpointException e = readFails(bad);
            assertTrue(e.getMessage().contains("corrupt") || e.getMessage().contains("truncated")
                    || e.getMessage().contains("wrong signature"), e.getMessage());
            corrupt++;
        }
        assertTrue(corrupt > 10);
    }

    @Test
    void missingHeaderValuesAndFilesSaySo(@TempDir Path dir) {
        Checkpoint c = new Checkpoint("vae", Map.of("latent", "two"), new float[1]);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.value("hidden")).getMessage()
                .contains("no 'hidden'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> c.intValue("latent")).getMessage()
                .contains("not a whole number"));
        Checkpoint.CheckpointException e = assertThrows(Checkpoint.CheckpointException.class,
                () -> Checkpoint.read(dir.resolve("nothing.bin.gz")));
        assertTrue(e.getMessage().contains("nothing.bin.gz"), e.getMessage());
        e = assertThrows(Checkpoint.CheckpointException.class, () -> Checkpoint.readResource("/genlab/none.bin.gz"));
        assertTrue(e.getMessage().contains("not on the classpath"), e.getMessage());
    }
}
