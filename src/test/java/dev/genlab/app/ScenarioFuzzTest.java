package dev.genlab.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.genlab.bench.BenchReport;
import dev.genlab.scene.KnobSpec;

/**
 * Issue 16's input fuzzing for scenario files: a saved lesson-8 scenario with its weights, damaged by a seeded
 * generator (lines lost, doubled or cut; knobs unknown, out of range or of the wrong type; broken escapes; bytes that
 * are not UTF-8; another scene; a weights line pointing elsewhere, at a missing or damaged file; a huge file), is
 * opened as File → Open scenario does ({@link ScenarioFile#load}). It either loads, or fails with an
 * {@link IOException} or {@link IllegalArgumentException} whose message the status bar shows, and then every knob is
 * as it was; weights that cannot be read are reported and leave the model alone. Reports
 * {@code scenario_fuzz_files} and {@code scenario_fuzz_failures}.
 */
class ScenarioFuzzTest {

    static final long SEED = Long.getLong("genlab.scenarioFuzz.seed", 16L);
    static final int FILES = Integer.getInteger("genlab.scenarioFuzz.files", 1500);

    @TempDir
    Path dir;

    private static String knobsText(ScenarioFileTest.Stub s) throws IOException {
        StringWriter w = new StringWriter();
        s.params().save(w);
        return w.toString().lines().filter(l -> !l.startsWith("#")).sorted().reduce("", (a, b) -> a + b + "\n");
    }

    @Test
    @Timeout(300)
    void damagedScenariosLoadOrChangeNothing() throws IOException {
        ScenarioFileTest.Stub saved = new ScenarioFileTest.Stub();
        saved.state = ScenarioFileTest.weights();
        saved.params().setText("lr_g", "0.003");
        Path good = dir.resolve("good.genlab");
        ScenarioFile.save(saved, good);
        String text = Files.readString(good);
        byte[] weights = Files.readAllBytes(ScenarioFile.weightsFile(good));
        List<KnobSpec> knobs = saved.params().spec().knobs();
        SplittableRandom master = new SplittableRandom(SEED);
        List<String> failures = new ArrayList<>();
        int loaded = 0;
        int refused = 0;
        for (int c = 0; c < FILES; c++) {
            SplittableRandom r = master.split();
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            int at = r.nextInt(lines.size());
            Path f = dir.resolve("case.genlab");
            Path w = ScenarioFile.weightsFile(f);
            Files.write(w, weights);
            byte[] bytes = null;
            int kind = c % 10;
            switch (kind) {
                case 0 -> lines.remove(at);
                case 1 -> lines.add(at, lines.get(r.nextInt(lines.size())));
                case 2 -> { // a knob given a value it cannot take
                    KnobSpec k = knobs.get(r.nextInt(knobs.size()));
                    String[] odd = {"-1e9", "1e9", "NaN", "Infinity", "", "yes please", "0x10", "\u00e9"};
                    lines.add(k.id() + " = " + odd[r.nextInt(odd.length)]);
                }
                case 3 -> lines.add("no_such_knob = 1");
                case 4 -> lines.add(at, "lr_g = \\u12"); // a broken escape
                case 5 -> lines.set(0, lines.get(0) + "\nscene = flow");
                case 6 -> { // the weights line pointing elsewhere, or the weights damaged
                    String[] names = {"/etc/passwd", "../good.weights.gz", "missing.weights.gz", "", "."};
                    if (r.nextBoolean()) {
                        lines.add("weights = " + names[r.nextInt(names.length)]);
                    } else {
                        byte[] b = weights.clone();
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                        Files.write(w, Arrays.copyOf(b, r.nextInt(b.length + 1)));
                    }
                }
                case 7 -> { // not UTF-8
                    bytes = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    bytes[r.nextInt(bytes.length)] = (byte) 0xFF;
                }
                case 8 -> { // cut at a random byte
                    byte[] b = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
                    bytes = Arrays.copyOf(b, r.nextInt(b.length + 1));
                }
                default -> { // random bytes, or a very long file
                    if (r.nextBoolean()) {
                        bytes = new byte[r.nextInt(400)];
                        r.nextBytes(bytes);
                    } else {
                        StringBuilder big = new StringBuilder(text);
                        while (big.length() < 2_000_000) {
                            big.append("# a comment line to make the file large\n");
                        }
                        bytes = big.toString().getBytes(StandardCharsets.UTF_8);
                    }
                }
            }
            Files.write(f, bytes != null ? bytes : String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
            ScenarioFileTest.Stub scene = new ScenarioFileTest.Stub();
            String before = knobsText(scene);
            String where = "case " + c + " (kind " + kind + ")";
            try {
                ScenarioFile.Loaded l = ScenarioFile.load(scene, f);
                if (l.weightsProblem() != null && scene.restored != null) {
                    failures.add(where + ": weights reported broken but restored");
                }
                loaded++;
            } catch (IOException | IllegalArgumentException e) {
                if (e.getMessage() == null || e.getMessage().isBlank()) {
                    failures.add(where + ": refused without a message: " + e);
                }
                if (!knobsText(scene).equals(before)) {
                    failures.add(where + ": refused, but knobs changed: " + e.getMessage());
                }
                if (scene.restored != null) {
                    failures.add(where + ": refused, but weights restored");
                }
                refused++;
            } catch (Throwable t) {
                failures.add(where + ": " + t);
            }
        }
        BenchReport.row("scenario_fuzz_files", FILES, "files");
        BenchReport.row("scenario_fuzz_failures", failures.size(), "failures");
        assertEquals(List.of(), failures.subList(0, Math.min(6, failures.size())), failures.size() + " failures (seed "
                + SEED + ")");
        assertTrue(refused > 0 && loaded > 0, "loaded " + loaded + ", refused " + refused);
    }
}
