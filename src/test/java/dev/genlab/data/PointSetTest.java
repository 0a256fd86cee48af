package dev.genlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PointSetTest {

    @Test
    void addRemoveNearestClearAndSnapshot() {
        PointSet ps = new PointSet();
        for (int i = 0; i < 100; i++) {
            ps.add(i, -i);
        }
        PointSet.Snapshot before = ps.snapshot();
        assertTrue(ps.removeNearest(10.2, -9.9, 1));
        assertFalse(ps.removeNearest(10.2, -9.9, 0.5));
        assertEquals(99, ps.size());
        PointSet.Snapshot after = ps.snapshot();
        assertEquals(100, before.size());
        assertEquals(10.0, before.x(10));
        assertEquals(11.0, after.x(10));
        after.xs()[0] = 42;
        assertEquals(0.0, after.x(0));
        ps.clear();
        assertEquals(0, ps.size());
        assertArrayEquals(new double[0], ps.snapshot().ys());
        assertEquals(99, after.size());
    }
}
