package io.uatr.dsp.spectral;

/**
 * Power to decibels, {@code 10 log10(max(p, amin))}, fast: {@link #fastDb(float)} evaluates the
 * logarithm from the float's exponent and a short series for its mantissa, in double, with an
 * absolute error below 1e-5 dB against {@code Math.log10}. {@link #powerToDb(float[], int, float)}
 * does a whole row, with the Vector API when {@link Simd#ENABLED}; the vector code performs the
 * same double operations in the same order, so both give identical floats.
 */
public final class Decibels {
  static final double LN2 = Math.log(2.0);
  static final double DB_PER_NEPER = 10.0 / Math.log(10.0);
  static final double SQRT2 = Math.sqrt(2.0);

  private Decibels() {}

  /**
   * {@code 10 log10(v)}: with {@code v = 2^e m}, {@code m} in [sqrt(1/2), sqrt(2)), {@code ln m = 2
   * atanh(s)}, {@code s = (m - 1) / (m + 1)}, |s| &lt; 0.172, summed to s^11 (truncation below
   * 1e-10). Zero, negative, subnormal, infinite and NaN inputs fall back to {@code Math.log10}.
   *
   * @param v a power, normally &gt; 0
   * @return dB
   */
  public static float fastDb(float v) {
    if (!(v >= Float.MIN_NORMAL && v <= Float.MAX_VALUE)) {
      return (float) (10.0 * Math.log10(v));
    }
    int bits = Float.floatToRawIntBits(v);
    int e = ((bits >>> 23) & 0xff) - 127;
    double m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
    if (m > SQRT2) {
      m *= 0.5;
      e++;
    }
    double s = (m - 1.0) / (m + 1.0);
    double s2 = s * s;
    double series =
        1.0 + s2 * (1.0 / 3 + s2 * (1.0 / 5 + s2 * (1.0 / 7 + s2 * (1.0 / 9 + s2 * (1.0 / 11)))));
    return (float) ((e * LN2 + 2.0 * s * series) * DB_PER_NEPER);
  }

  /**
   * In place: {@code x[i] = fastDb(max(x[i], amin))} for {@code i < n}.
   *
   * @param x [at least n] powers, replaced by dB
   * @param n number of values
   * @param amin floor, &gt; 0
   */
  public static void powerToDb(float[] x, int n, float amin) {
    powerToDb(x, n, amin, Simd.ENABLED);
  }

  static void powerToDb(float[] x, int n, float amin, boolean simd) {
    int i = 0;
    if (simd && Simd.ENABLED) {
      i = VectorKernels.powerToDb(x, n, amin);
    }
    for (; i < n; i++) {
      x[i] = fastDb(Math.max(x[i], amin));
    }
  }
}
