package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GridIntegralTest {

    @Test
    void simpsonIsExactForCubicsAndMidpointConvergesQuadratically() {
        // ∫_0^2 ∫_{-1}^1 (x³ + x y² + 1) dy dx = 4·2 + 2·(2/3) + 4 = 40/3.
        double exact = 40.0 / 3;
        assertEquals(exact, GridIntegral.simpson((x, y) -> x * x * x + x * y * y + 1, 0, 2, -1, 1, 4), 1e-12);
        double e1 = Math.abs(GridIntegral.midpoint((x, y) -> x * x * x + x * y * y + 1, 0, 2, -1, 1, 50) - exact);
        double e2 = Math.abs(GridIntegral.midpoint((x, y) -> x * x * x + x * y * y + 1, 0, 2, -1, 1, 100) - exact);
        assertEquals(4.0, e1 / e2, 0.01);
    }

    @Test
    void entropyOfUniformSquareIsLogArea() {
        // p = 1/4 on [0,2]², 0 elsewhere inside the box [−1,3]²: H = log 4.
        double h = GridIntegral.entropy((x, y) -> x >= 0 && x < 2 && y >= 0 && y < 2 ? -Math.log(4)
                : Double.NEGATIVE_INFINITY, -1, 3, -1, 3, 40);
        assertEquals(Math.log(4), h, 1e-12);
    }

    @Test
    void rejectsBadGrids() {
        assertThrows(IllegalArgumentException.class, () -> GridIntegral.simpson((x, y) -> 1, 0, 1, 0, 1, 3));
        assertThrows(IllegalArgumentException.class, () -> GridIntegral.midpoint((x, y) -> 1, 1, 0, 0, 1, 3));
    }
}
