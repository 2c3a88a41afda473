package io.uatr.dsp.spectral;

/**
 * Power to decibels, {@code 10 log10(max(p, amin))}, fast: {@link #fastDb(float)} evaluates the
 * logarithm in float from the float's exponent and a short series for its mantissa, within about
 * one float ulp of the exact value (below 2e-5 dB for powers between 1e-12 and 1e12). {@link
 * #powerToDb(float[], int, float)} does a whole row, with the Vector API when {@link Simd#ENABLED};
 * the vector code performs the same float operations in the same order, so both give identical
 * floats.
 */
public final class Decibels {
  /** 10 log10(2): dB per octave of power. */
  static final float DB_PER_OCTAVE = (float) (10 * Math.log10(2));

  /** 10 / ln(10): dB per neper. */
  static final float DB_PER_NEPER = (float) (10 / Math.log(10));

  static final float SQRT2 = (float) Math.sqrt(2);

  private Decibels() {}

  /**
   * {@code 10 log10(v)}: with {@code v = 2^e m}, {@code m} in [sqrt(1/2), sqrt(2)], {@code ln m = 2
   * atanh(s)}, {@code s = (m - 1) / (m + 1)}, |s| &lt;= 0.172, summed to s^9 (truncation below
   * float resolution), all in float. Zero, negative, subnormal, infinite and NaN inputs fall back
   * to {@code Math.log10}.
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
    float m = Float.intBitsToFloat((bits & 0x007fffff) | 0x3f800000);
    if (m > SQRT2) {
      m *= 0.5f;
      e++;
    }
    float s = (m - 1f) / (m + 1f);
    float s2 = s * s;
    float series = 1f + s2 * (1f / 3 + s2 * (1f / 5 + s2 * (1f / 7 + s2 * (1f / 9))));
    return e * DB_PER_OCTAVE + 2f * s * series * DB_PER_NEPER;
  }

  /**
   * In place: {@code x[i] = fastDb(max(x[i], amin))} for {@code i < n}.
   *
   * @param x [at least n] powers, replaced by dB
   * @param n number of values
   * @param amin floor, &gt; 0
   */
  public static void powerToDb(float[] x, int n, float amin) {
    powerToDb(x, n, amin, Simd.warmedUp());
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
