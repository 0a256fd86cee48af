package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetDiscoveryTest {

    @TempDir
    Path dir;

    private void touch(String... names) throws Exception {
        for (String n : names) {
            Files.write(dir.resolve(n), new byte[] {0});
        }
    }

    @Test
    void findsPairsTrainFirstAndPrefersRawFiles() throws Exception {
        touch("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte", "t10k-labels-idx1-ubyte.gz",
                "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                "emnist-letters-train-images-idx3-ubyte.gz", "emnist-letters-train-labels-idx1-ubyte.gz",
                "kaggle-images.idx3-ubyte", "kaggle-labels.idx1-ubyte",
                "lonely-images-idx3-ubyte", "README.md");
        List<DatasetDiscovery.IdxPair> pairs = DatasetDiscovery.findPairs(dir);
        assertEquals(List.of("emnist-letters-train", "train", "kaggle", "t10k"),
                pairs.stream().map(DatasetDiscovery.IdxPair::prefix).toList());
        DatasetDiscovery.IdxPair emnist = pairs.get(0);
        assertTrue(emnist.transposed());
        assertFalse(pairs.get(1).transposed());
        DatasetDiscovery.IdxPair test = DatasetDiscovery.findPair(dir, "t10k").orElseThrow();
        assertEquals("t10k-labels-idx1-ubyte", test.labels().getFileName().toString());
        assertEquals("train-images-idx3-ubyte.gz",
                DatasetDiscovery.findPair(dir, "TRAIN").orElseThrow().images().getFileName().toString());
    }

    @Test
    void emptyFolderHasNoPair() throws Exception {
        assertEquals(Optional.empty(), DatasetDiscovery.findPair(dir));
    }

    @Test
    void missingFolderIsADatasetException() {
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(DatasetException.class,
                () -> DatasetDiscovery.findPairs(dir.resolve("absent")));
        assertTrue(e.getMessage().contains("cannot list the folder"), e.getMessage());
    }

    /** Runs only where the Debian package dataset-fashion-mnist is installed. */
    @Test
    void readsRealFashionMnistWhenInstalled() throws Exception {
        Optional<Path> folder = DatasetDiscovery.fashionMnistFolder();
        assumeTrue(folder.isPresent(), "dataset-fashion-mnist is not installed");
        DatasetDiscovery.IdxPair train = DatasetDiscovery.findPair(folder.get()).orElseThrow();
        assertEquals("train", train.prefix());
        long t0 = System.nanoTime();
        ImageDataset ds = IdxReader.readPair(train.images(), train.labels());
        System.out.printf("Fashion-MNIST train: %s read in %.0f ms%n", ds, (System.nanoTime() - t0) / 1e6);
        assertEquals(60_000, ds.size());
        assertEquals(28, ds.rows());
        assertEquals(28, ds.cols());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, ds.labelsDistinct());
        int[] counts = new int[10];
        for (int l : ds.labels()) {
            counts[l]++;
        }
        for (int c : counts) {
            assertEquals(6000, c);
        }
        // The first training image is an ankle boot (class 9), as in the dataset's README.
        assertEquals(9, ds.label(0));
        ImageDataset test = IdxReader.readPair(
                DatasetDiscovery.findPair(folder.get(), "t10k").orElseThrow().images(),
                DatasetDiscovery.findPair(folder.get(), "t10k").orElseThrow().labels());
        assertEquals(10_000, test.size());
    }
}
