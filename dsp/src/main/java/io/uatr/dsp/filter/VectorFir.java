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
    // the lane kernel on a small design (q = 32: two blocks) so that it loops back too
    if (lanesSupported()) {
      ResamplingKernel k = new ResamplingKernel(new ResamplingKernel.Design(53, 32, 0.25, 0.1, 60));
      float[] buf = new float[200];
      for (int i = 0; i < buf.length; i++) {
        buf[i] = (float) r.nextGaussian();
      }
      float[] out = new float[64];
      for (int i = 0; i < 12_000; i++) {
        laneRun(k, buf, 0, 0, 0, 64, out, 0);
        sink += out[i % 64];
      }
    }
    if (sink == Float.MIN_VALUE) {
      throw new IllegalStateException("unexpected warm-up result");
    }
  }

  /** Whether {@link #laneRun} has a vector form here: 16 or 8 float lanes. */
  static boolean lanesSupported() {
    return S.length() == ResamplingKernel.LANES || 2 * S.length() == ResamplingKernel.LANES;
  }

  /**
   * {@link ResamplingKernel#run} in tap order, with the kernel's lane bank: outputs up to the next
   * block boundary (row a multiple of 16) and after the last whole block by the same scalar loop,
   * whole blocks of 16 outputs as {@code acc += laneBank[s] * buf[x0 + s]} over the block's window
   * (s from 0 to its {@code laneWindow} - 1: the samples its outputs read, no more), one lane per
   * output. A lane's sum is its taps in order with zero terms between them, so for finite input it
   * equals the scalar sum bit for bit (adding +0 or -0 never changes a float sum that started at
   * +0); a non-finite sample also reaches the block's other outputs (0 times infinity).
   */
  static void laneRun(
      ResamplingKernel k,
      float[] buf,
      int x0,
      int rem,
      int row,
      int count,
      float[] out,
      int outOff) {
    final int q = k.q;
    final int stepInt = k.stepInt;
    final int stepRem = k.stepRem;
    final float[] bank = k.bank();
    final int taps = 2 * k.halfTaps;
    final float[] laneBank = k.laneBank;
    final int span = k.laneSpan;
    final int[] window = k.laneWindow;
    final int lanes = ResamplingKernel.LANES;
    final int bankEnd = q * taps;
    int h0 = row * taps;
    int i = 0;
    // one block of 16 outputs moves the position by 16 p / q = bigInt + (bigCarry + bigRem / q)
    final int bigInt = lanes * stepInt;
    final long bigRemLong = (long) lanes * stepRem;
    final int bigCarry = (int) (bigRemLong / q);
    final int bigRem = (int) (bigRemLong % q);
    final int blocks = q / lanes;
    final int v = S.length();
    while (i < count) {
      if (row % lanes == 0 && count - i >= lanes) {
        int base = row / lanes * span * lanes;
        int end = window[row / lanes];
        if (v == lanes) {
          FloatVector acc = FloatVector.zero(S);
          for (int s = 0; s < end; s++) {
            acc = acc.add(FloatVector.fromArray(S, laneBank, base + s * lanes).mul(buf[x0 + s]));
          }
          acc.intoArray(out, outOff + i);
        } else {
          FloatVector lo = FloatVector.zero(S);
          FloatVector hi = FloatVector.zero(S);
          for (int s = 0; s < end; s++) {
            float w = buf[x0 + s];
            lo = lo.add(FloatVector.fromArray(S, laneBank, base + s * lanes).mul(w));
            hi = hi.add(FloatVector.fromArray(S, laneBank, base + s * lanes + v).mul(w));
          }
          lo.intoArray(out, outOff + i);
          hi.intoArray(out, outOff + i + v);
        }
        i += lanes;
        x0 += bigInt + bigCarry;
        rem += bigRem;
        if (rem >= q) {
          x0++;
          rem -= q;
        }
        row = row / lanes + 1 == blocks ? 0 : row + lanes;
        h0 = row * taps;
        continue;
      }
      // one output by the scalar loop (before the first block boundary, or the tail)
      // the scalar sum inline, as in polyphase: keeps the kernel large enough to be compiled on
      // its own rather than inlined deep into its callers (a call here measured slower at times)
      float a = 0f;
      for (int t = 0; t < taps; t++) {
        a += buf[x0 + t] * bank[h0 + t];
      }
      out[outOff + i] = a;
      i++;
      x0 += stepInt;
      rem += stepRem;
      if (rem >= q) {
        x0++;
        rem -= q;
      }
      h0 += taps;
      if (h0 == bankEnd) {
        h0 = 0;
      }
      row = row + 1 == q ? 0 : row + 1;
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
