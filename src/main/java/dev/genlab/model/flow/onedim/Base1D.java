package dev.genlab.model.flow.onedim;

import dev.genlab.math.LogMath;

/**
 * A base density p_z on the line: the standard normal N(0, 1), or the uniform U(lo, hi). Immutable.
 */
public sealed interface Base1D {

    double logDensity(double z);

    default double density(double z) {
        return Math.exp(logDensity(z));
    }

    /** The z-range holding (all but ~10⁻⁹ of) the mass, for plotting and quadrature. */
    double[] support();

    /** N(0, 1): log p = −½ log 2π − z²/2. */
    record StandardNormal() implements Base1D {
        @Override
        public double logDensity(double z) {
            return -0.5 * LogMath.LOG_2PI - 0.5 * z * z;
        }

        @Override
        public double[] support() {
            return new double[] {-6.5, 6.5};
        }
    }

    /** U(lo, hi): p = 1/(hi − lo) on [lo, hi], 0 elsewhere. */
    record Uniform(double lo, double hi) implements Base1D {
        public Uniform {
            if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException("uniform base needs finite lo < hi, got [" + lo + ", " + hi + "]");
            }
        }

        @Override
        public double logDensity(double z) {
            return z >= lo && z <= hi ? -Math.log(hi - lo) : Double.NEGATIVE_INFINITY;
        }

        @Override
        public double[] support() {
            return new double[] {lo, hi};
        }
    }
}
