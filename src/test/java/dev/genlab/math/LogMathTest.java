package dev.genlab.math;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LogMathTest {

    @Test
    void logSumExpMatchesNaiveSumWhereNaiveIsSafe() {
        double[] a = {-1.5, 0.25, 2.0, -3.0};
        double naive = Math.log(Math.exp(-1.5) + Math.exp(0.25) + Math.exp(2.0) + Math.exp(-3.0));
        assertEquals(naive, LogMath.logSumExp(a), 1e-14);
        assertEquals(Math.log(Math.exp(0.3) + Math.exp(-0.7)), LogMath.logSumExp(0.3, -0.7), 1e-15);
    }

    @Test
    void logSumExpDoesNotOverflowOrUnderflow() {
        assertEquals(1000 + Math.log(2), LogMath.logSumExp(new double[] {1000, 1000}), 1e-12);
        assertEquals(-1000 + Math.log(3), LogMath.logSumExp(new double[] {-1000, -1000, -1000}), 1e-12);
        assertEquals(1000 + Math.log(2), LogMath.logSumExp(1000, 1000), 1e-12);
    }

    @Test
    void emptyAndAllZeroProbabilitySumsAreLogZero() {
        assertEquals(Double.NEGATIVE_INFINITY, LogMath.logSumExp(new double[0]));
        double ninf = Double.NEGATIVE_INFINITY;
        assertEquals(ninf, LogMath.logSumExp(new double[] {ninf, ninf}));
        assertEquals(2.0, LogMath.logSumExp(ninf, 2.0));
        assertEquals(2.0, LogMath.logSumExp(2.0, ninf));
    }

    @Test
    void softplusAndLog1mExp() {
        assertEquals(800, LogMath.log1pExp(800), 0);
        assertEquals(Math.exp(-800), LogMath.log1pExp(-800), 1e-320);
        assertEquals(Math.log(1 + Math.exp(0.5)), LogMath.log1pExp(0.5), 1e-15);
        assertEquals(Math.log(1 - Math.exp(-0.1)), LogMath.log1mExp(-0.1), 1e-14);
        assertEquals(Math.log(1 - Math.exp(-5)), LogMath.log1mExp(-5), 1e-15);
        // 1 − e^{−1e−20} rounds to 0 naively; the stable form keeps log(1e−20).
        assertEquals(Math.log(1e-20), LogMath.log1mExp(-1e-20), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, LogMath.log1mExp(0));
    }

    @Test
    void sigmoidAndXLogX() {
        assertEquals(1 / (1 + Math.exp(-0.3)), LogMath.sigmoid(0.3), 1e-16);
        assertEquals(Math.exp(-800), LogMath.sigmoid(-800), 1e-320);
        assertEquals(1.0, LogMath.sigmoid(800), 0);
        assertEquals(0.0, LogMath.xLogX(0), 0);
        assertEquals(0.5 * Math.log(0.5), LogMath.xLogX(0.5), 1e-16);
    }
}
