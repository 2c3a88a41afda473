package io.uatr.dsp.filter;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernel of {@link FirKernels}; loaded only when {@link
 * io.uatr.dsp.spectral.Simd#ENABLED}. Uses the preferred float shape only (a second shape in the
 * process breaks C2's intrinsics elsewhere; see {@code io.uatr.dsp.spectral.VectorKernels}).
 */
final class VectorFir {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorFir() {}

  /**
   * Runs the kernel on small scratch data (31 taps, D = 2, eight vectors of outputs so that the
   * four-vector loop runs and loops back) until C2 has compiled it (see {@code WarmUp}).
   */
  static void warmUp() {
    java.util.Random r = new java.util.Random(1);
    float[] taps = new float[31];
    for (int i = 0; i < taps.length; i++) {
      taps[i] = (float) r.nextGaussian();
    }
    float[][] c = DecimatingFir.rows(taps, 2);
    int n = 8 * S.length();
    int stride = n + c[0].length;
    FirKernels.Taps flat = FirKernels.Taps.of(c, stride);
    float[] p = new float[2 * stride];
    for (int i = 0; i < p.length; i++) {
      p[i] = (float) r.nextGaussian();
    }
    float[] y = new float[n];
    float sink = 0;
    for (int i = 0; i < 12_000; i++) {
      polyphase(p, stride, c, flat.flatOffset(), flat.coef(), y, n);
      sink += y[i % n];
    }
    if (sink == Float.MIN_VALUE) {
      throw new IllegalStateException("unexpected warm-up result");
    }
  }

  /**
   * {@link FirKernels#polyphase}: four vectors of outputs at a time with the sums held in
   * registers, the rest (fewer than four vectors) by the same scalar loop (kept inline so that the
   * method is large enough to be compiled on its own rather than inlined deep into its callers).
   *
   * @param flatP the phases back to back, phase r from {@code r * stride}
   * @param stride length of each phase
   * @param tapFlatOffset {@code r * stride + j} of each tap, taps in (r, j) order
   * @param tapCoef c[r][j] of each tap
   * @return n
   */
  static int polyphase(
      float[] flatP,
      int stride,
      float[][] c,
      int[] tapFlatOffset,
      float[] tapCoef,
      float[] y,
      int n) {
    int v = S.length();
    int k = 0;
    for (; k + 4 * v <= n; k += 4 * v) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = FloatVector.zero(S);
      FloatVector a2 = FloatVector.zero(S);
      FloatVector a3 = FloatVector.zero(S);
      // one flat loop over the taps in (r, j) order: C2 keeps loop-carried vectors of a single
      // loop in registers, not those of nested loops (measured 9x slower)
      for (int t = 0; t < tapCoef.length; t++) {
        float w = tapCoef[t];
        int o = k + tapFlatOffset[t];
        a0 = a0.add(FloatVector.fromArray(S, flatP, o).mul(w));
        a1 = a1.add(FloatVector.fromArray(S, flatP, o + v).mul(w));
        a2 = a2.add(FloatVector.fromArray(S, flatP, o + 2 * v).mul(w));
        a3 = a3.add(FloatVector.fromArray(S, flatP, o + 3 * v).mul(w));
      }
      a0.intoArray(y, k);
      a1.intoArray(y, k + v);
      a2.intoArray(y, k + 2 * v);
      a3.intoArray(y, k + 3 * v);
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
    return n;
  }
}
