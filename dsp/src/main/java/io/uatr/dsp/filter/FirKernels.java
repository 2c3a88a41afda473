package io.uatr.dsp.filter;

import io.uatr.dsp.spectral.Simd;
import io.uatr.dsp.spectral.WarmUp;

/**
 * The inner product of {@link DecimatingFir}: {@code y[k] = sum_r sum_j c[r][j] p_r[k + j]} for
 * {@code k < n}, each sum taken in the order (r, j) from 0. With the Vector API ({@link
 * Simd#ENABLED}) 16 outputs per vector, four vectors at a time; otherwise plain loops with the same
 * float operations in the same order, hence identical results.
 */
final class FirKernels {
  /** Background warm-up of the vector kernel; plain loops until it is done. */
  static final WarmUp WARM_UP = new WarmUp("resampler", () -> VectorFir.warmUp(), 2000);

  private FirKernels() {}

  /**
   * The taps of a coefficient table in (r, j) order, flattened for the vector kernel, for phases
   * stored back to back with a stride of {@code phaseLength}.
   */
  record Taps(int[] flatOffset, float[] coef) {
    /** Flattens {@code c[r][j]} for phases of {@code phaseLength} samples. */
    static Taps of(float[][] c, int phaseLength) {
      int taps = 0;
      for (float[] cr : c) {
        taps += cr.length;
      }
      int[] flat = new int[taps];
      float[] coef = new float[taps];
      for (int r = 0, t = 0; r < c.length; r++) {
        for (int j = 0; j < c[r].length; j++, t++) {
          flat[t] = r * phaseLength + j;
          coef[t] = c[r][j];
        }
      }
      return new Taps(flat, coef);
    }
  }

  /**
   * Computes one round.
   *
   * @param flatP the phases back to back, phase r from {@code r * phaseLength} (for the vector
   *     kernel)
   * @param p [D][n + max count - 1] input phases
   * @param c [D][count] coefficients
   * @param flat the same coefficients flattened ({@link Taps#of})
   * @param y [n] outputs, overwritten
   * @param n number of outputs
   * @param simd use the Vector API (ignored unless {@link Simd#ENABLED})
   */
  static void polyphase(
      float[] flatP, int stride, float[][] c, Taps flat, float[] y, int n, boolean simd) {
    int k = 0;
    if (simd && Simd.ENABLED) {
      k = VectorFir.polyphase(flatP, stride, c, flat.flatOffset(), flat.coef(), y, n);
    }
    for (; k < n; k++) {
      float acc = 0f;
      for (int r = 0; r < c.length; r++) {
        float[] cr = c[r];
        for (int j = 0, o = r * stride + k; j < cr.length; j++) {
          acc += cr[j] * flatP[o + j];
        }
      }
      y[k] = acc;
    }
  }
}
