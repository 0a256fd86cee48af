package dev.genlab.model.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.bench.BenchReport;

/**
 * Issue 16's input fuzzing for checkpoints: thousands of {@link Checkpoint} files damaged by a seeded generator
 * (truncated, bits flipped in the compressed stream, bytes changed inside the uncompressed body and the whole
 * recompressed, so that only the checksum can tell; a future format version; a foreign gzip file; random bytes).
 * Each is refused with a {@link Checkpoint.CheckpointException} that says why, or, when the damage missed the
 * content (a gzip header's time stamp, say), read back whole: the same model, header and every parameter bit for
 * bit. Never half-loaded, never another exception. Reports {@code checkpoint_fuzz_files} and
 * {@code checkpoint_fuzz_crashes}.
 */
class CheckpointFuzzTest {

    static final long SEED = Long.getLong("genlab.checkpointFuzz.seed", 16L);
    static final int FILES = Integer.getInteger("genlab.checkpointFuzz.files", 3000);

    @TempDir
    Path dir;

    private static Checkpoint sample(SplittableRandom r) {
        float[] p = new float[1 + r.nextInt(300)];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) r.nextGaussian();
        }
        Map<String, String> h = new LinkedHashMap<>();
        h.put("hidden", String.valueOf(1 + r.nextInt(64)));
        h.put("data", "digits");
        return new Checkpoint("fuzz-" + r.nextInt(5), h, p);
    }

    private static byte[] bytes(Checkpoint c) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.write(out);
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    @Timeout(300)
    void damagedCheckpointsAreRefusedOrReadWhole() throws IOException {
        SplittableRandom master = new SplittableRandom(SEED);
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        int whole = 0;
        for (int c = 0; c < FILES; c++) {
            SplittableRandom r = master.split();
            Checkpoint good = sample(r);
            byte[] gz = bytes(good);
            int kind = c % 7;
            byte[] bad;
            switch (kind) {
                case 0 -> bad = Arrays.copyOf(gz, r.nextInt(gz.length));
                case 1 -> {
                    bad = gz.clone();
                    int k = 1 + r.nextInt(4);
                    for (int i = 0; i < k; i++) {
                        bad[r.nextInt(bad.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
                case 2 -> { // inside the body, recompressed: gzip's own CRC is right, ours must catch it
                    byte[] raw = gunzip(gz);
                    int at = 8 + r.nextInt(raw.length - 8);
                    raw[at] ^= (byte) (1 << r.nextInt(8));
                    bad = gzip(raw);
                }
                case 3 -> { // a future format version: the int after the 8-byte signature "GENLABCK"
                    byte[] raw = gunzip(gz);
                    assertEquals("GENLABCK", new String(raw, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
                    ByteBuffer.wrap(raw).putInt(8, 2 + r.nextInt(1000));
                    bad = gzip(raw);
                }
                case 4 -> bad = gzip(("foreign " + r.nextInt()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                case 5 -> {
                    bad = new byte[r.nextInt(300)];
                    r.nextBytes(bad);
                }
                default -> { // body cut short, then recompressed
                    byte[] raw = gunzip(gz);
                    bad = gzip(Arrays.copyOf(raw, r.nextInt(raw.length)));
                }
            }
            Path f = dir.resolve("fuzz.weights.gz");
            Files.write(f, bad);
            try {
                Checkpoint read = Checkpoint.read(f);
                // read at all: then it is the checkpoint that was written, whole
                assertEquals(good.modelId(), read.modelId(), "case " + c);
                assertEquals(good.header(), read.header(), "case " + c);
                assertArrayEquals(good.params(), read.params(), "case " + c);
                whole++;
            } catch (Checkpoint.CheckpointException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    crashes.add("case " + c + " (kind " + kind + "): no message");
                }
                refused++;
            } catch (Throwable t) {
                crashes.add("case " + c + " (kind " + kind + "): " + t);
            }
        }
        BenchReport.row("checkpoint_fuzz_files", FILES, "files");
        BenchReport.row("checkpoint_fuzz_crashes", crashes.size(), "crashes");
        assertEquals(List.of(), crashes.subList(0, Math.min(5, crashes.size())), crashes.size() + " crashes (seed "
                + SEED + ")");
        assertTrue(refused > FILES * 3 / 4, "refused: " + refused + ", read whole: " + whole);
    }

    @Test
    void aFailedSaveLeavesTheOldFileWhole() throws IOException {
        Path f = dir.resolve("keep.weights.gz");
        Checkpoint old = new Checkpoint("m", Map.of("k", "v"), new float[] {1, 2, 3});
        old.write(f);
        byte[] before = Files.readAllBytes(f);
        IOException e = assertThrows(IOException.class, () -> AtomicWrite.write(f, out -> {
            out.write(new byte[] {1, 2, 3});
            throw new IOException("disk full");
        }));
        assertEquals("disk full", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f), "the old checkpoint is untouched");
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList(), "no temporary file left");
        }
        assertArrayEquals(old.params(), Checkpoint.read(f).params());
    }
}
