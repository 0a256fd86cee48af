package dev.genlab.model.gan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.genlab.data.ImageDataset;

/** {@link NearestCentroidClassifier}: class means, nearest-mean labels, accuracy, coverage. */
class ImageGanClassifierTest {

    @Test
    void itRecognisesHeldOutBuiltInDigits() {
        ImageGanDigits data = ImageGanDigits.get();
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(data.trainSet);
        assertEquals(10, clf.classes());
        assertEquals(784, clf.pixels());
        double accuracy = clf.accuracy(data.test, data.testLabels, data.testCount());
        // measured 0.9585 on the last 2,000 built-in digits (fitted on the first 8,000)
        assertTrue(accuracy > 0.95, "held-out accuracy " + accuracy);
        assertEquals(accuracy, clf.accuracy(data.testSet), 0);
        // the same from the arrays
        NearestCentroidClassifier fromArrays = NearestCentroidClassifier.fit(data.train, data.trainLabels, data.trainCount(), 784);
        assertArrayEquals(clf.centroid(3), fromArrays.centroid(3));
        // the held-out labels are spread over the ten digits, so coverage of the truth is full
        NearestCentroidClassifier.Coverage truth = clf.coverage(data.testLabels);
        assertEquals(10, truth.covered());
        assertTrue(truth.evenness() > 0.99, "evenness " + truth.evenness());
    }

    @Test
    void centroidsAreClassMeansAndTheNearestWins() {
        // two classes of 2-pixel images: means (0, 0) and (1, 1); class 2 has no image
        float[] x = {0, 0, 0.2f, 0, 1, 1, 0.8f, 1, 0, 0.2f};
        int[] y = {0, 0, 1, 1, ImageDataset.UNLABELLED};
        // image 1 (0.2, 0) is labelled 0 with image 0, image 3 (0.8, 1) with image 2; image 4 unlabelled
        y = new int[] {0, 0, 1, 1, ImageDataset.UNLABELLED};
        NearestCentroidClassifier clf = NearestCentroidClassifier.fit(x, y, 5, 2);
        assertArrayEquals(new float[] {0.1f, 0}, clf.centroid(0), 1e-7f);
        assertArrayEquals(new float[] {0.9f, 1}, clf.centroid(1), 1e-7f);
        assertArrayEquals(new int[] {0, 1, 0, 1}, clf.classify(new float[] {0, 0.4f, 0.6f, 0.7f, 0.3f, 0.5f, 1, 1}, 4));
        assertEquals(0.75, clf.accuracy(new float[] {0, 0, 1, 1, 0.9f, 0.9f, 0.4f, 0.5f}, new int[] {0, 1, 1, 1}, 4), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> NearestCentroidClassifier.fit(
                ImageDataset.of("none", 1, 2, new float[] {0, 1}, null)));
    }

    @Test
    void coverageCountsExactly() {
        // 100 predictions over 4 classes: 50, 30, 19, 1
        int[] p = new int[100];
        for (int i = 0; i < 100; i++) {
            p[i] = i < 50 ? 0 : i < 80 ? 1 : i < 99 ? 2 : 3;
        }
        NearestCentroidClassifier.Coverage c = NearestCentroidClassifier.coverage(p, 4, 0.02);
        assertArrayEquals(new int[] {50, 30, 19, 1}, c.counts());
        assertEquals(3, c.covered()); // 1 % is below 2 %
        double h = -(0.5 * Math.log(0.5) + 0.3 * Math.log(0.3) + 0.19 * Math.log(0.19) + 0.01 * Math.log(0.01));
        assertEquals(h / Math.log(4), c.evenness(), 1e-12);
        // a share exactly at the threshold counts: 20 of 1,000 is 2 %
        int[] q = new int[1000];
        for (int i = 0; i < 20; i++) {
            q[i] = 1;
        }
        NearestCentroidClassifier.Coverage atThreshold = NearestCentroidClassifier.coverage(q, 10, 0.02);
        assertEquals(2, atThreshold.covered());
        assertEquals(980, atThreshold.counts()[0]);
        // all in one class: evenness 0; uniform: 1
        assertEquals(0, NearestCentroidClassifier.coverage(new int[] {2, 2, 2}, 3, 0.02).evenness(), 0);
        assertEquals(1, NearestCentroidClassifier.coverage(new int[] {0, 1, 2, 0, 1, 2}, 3, 0.02).evenness(), 1e-12);
        assertEquals(0, NearestCentroidClassifier.coverage(new int[] {0, 1, 2}, 3, 0.5).covered());
        assertEquals(3, NearestCentroidClassifier.coverage(new int[] {0, 1, 2}, 3, 0.3).covered());
        assertThrows(IllegalArgumentException.class, () -> NearestCentroidClassifier.coverage(new int[] {4}, 4, 0.02));
    }
}
