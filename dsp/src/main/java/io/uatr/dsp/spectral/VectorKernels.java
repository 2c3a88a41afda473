package io.uatr.dsp.spectral;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The lane-wise kernels of {@link BatchPowerSpectrum} written with the Vector API. Loaded only when
 * {@link Simd#ENABLED}. Every method performs exactly the float operations of its scalar
 * counterpart in {@link BatchPowerSpectrum}, in the same order, so the results are identical; the
 * last {@code n mod lanes()} lanes of a loop run as scalar code.
 *
 * <p>Shape of these methods, measured on JDK 17: each must be compiled by C2 as its own unit, with
 * every Vector API call intrinsified; otherwise the vectors are boxed and the kernel runs about 100
 * times slower. So (1) each holds its scalar tail loop inline (a copy of the scalar kernel), which
 * keeps its bytecode above HotSpot's hot-inlining size (325 bytes) so that it is not inlined deep
 * into its callers, where C2 runs out of inlining depth for the Vector API's own methods; (2) none
 * holds much more than about 40 vector operations (a radix-4 kernel with 56 failed to intrinsify in
 * some call contexts); (3) callers pass full-width lane counts, so the tail loops never run in the
 * hot path and C2 never deoptimises the kernels at the end of a stream.
 */
final class VectorKernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorKernels() {}

  /** Calls of each kernel in the warm-up: past C2's compile thresholds (see {@link WarmUp}). */
  private static final int WARM_UP_CALLS = 12_000;

  /**
   * Calls every kernel of this class {@value #WARM_UP_CALLS} times on small scratch rows (two
   * vectors wide, so every loop runs and loops back: a profile without that would compile the back
   * branch as never taken and deoptimise on real data), on the calling thread. Cheap: a kernel runs
   * about 100 times slower until compiled, so the calls are kept short.
   */
  static void warmUp() {
    int n = 2 * S.length();
    java.util.Random r = new java.util.Random(1);
    float[][] rows = new float[16][n];
    for (float[] row : rows) {
      for (int l = 0; l < n; l++) {
        row[l] = 1f + r.nextFloat();
      }
    }
    float[] src = new float[4 * n];
    for (int i = 0; i < src.length; i++) {
      src[i] = r.nextFloat();
    }
    float[] w = new float[16];
    java.util.Arrays.fill(w, 0.5f);
    float[] out = new float[n];
    float sink = 0;
    for (int i = 0; i < WARM_UP_CALLS; i++) {
      butterfly2(
          rows[0], rows[1], rows[2], rows[3], 0.6f, -0.8f, rows[4], rows[5], rows[6], rows[7], 0.8f,
          0.6f, n);
      loadPair(
          src, 0, src, n, src, 2 * n, src, 3 * n, 0.5f, 0.5f, 0.5f, 0.5f, 0.6f, -0.8f, rows[8],
          rows[9], rows[10], rows[11], n);
      splitPair(rows[8], rows[9], rows[10], rows[11], rows[12], rows[13], 0.4f, -0.3f, n);
      band(rows, out, w, 0, 8, 16, n);
      powerToDb(out, n, 1e-10f);
      sink += out[i % n];
      // keep the scratch values finite and away from zero
      for (int k = 0; k < 8; k++) {
        java.util.Arrays.fill(rows[k], 1f + (i & 7));
      }
    }
    if (sink == Float.MIN_VALUE) {
      throw new IllegalStateException("unexpected warm-up result");
    }
  }

  /**
   * {@link Decibels#fastDb} of {@code max(x[i], amin)} in place for the leading multiple of the
   * vector length, in the preferred shape only (a second float shape anywhere in the process makes
   * the Vector API's shared code polymorphic and breaks C2's intrinsics in every kernel); a vector
   * holding a value outside the normal float range is done by the scalar code. Returns the index
   * where the caller continues with scalar code.
   */
  static int powerToDb(float[] x, int n, float amin) {
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      FloatVector v = FloatVector.fromArray(S, x, i).max(amin);
      VectorMask<Float> normal =
          v.compare(VectorOperators.GE, Float.MIN_NORMAL)
              .and(v.compare(VectorOperators.LE, Float.MAX_VALUE));
      if (!normal.allTrue()) {
        for (int k = i; k < i + S.length(); k++) {
          x[k] = Decibels.fastDb(Math.max(x[k], amin));
        }
        continue;
      }
      IntVector bits = v.reinterpretAsInts();
      IntVector ei = bits.lanewise(VectorOperators.LSHR, 23).and(0xff).sub(127);
      FloatVector m = bits.and(0x007fffff).or(0x3f800000).reinterpretAsFloats();
      VectorMask<Float> big = m.compare(VectorOperators.GT, Decibels.SQRT2);
      m = m.blend(m.mul(0.5f), big);
      FloatVector e = (FloatVector) ei.convertShape(VectorOperators.I2F, S, 0);
      e = e.blend(e.add(1f), big);
      FloatVector s = m.sub(1f).div(m.add(1f));
      FloatVector s2 = s.mul(s);
      FloatVector series =
          s2.mul(1f / 9).add(1f / 7).mul(s2).add(1f / 5).mul(s2).add(1f / 3).mul(s2).add(1f);
      e.mul(Decibels.DB_PER_OCTAVE)
          .add(s.mul(2f).mul(series).mul(Decibels.DB_PER_NEPER))
          .intoArray(x, i);
    }
    return i;
  }

  static int lanes() {
    return S.length();
  }

  /**
   * One band of a sparse matrix times a batch: {@code o[l] = sum_j w[j] rows[s + j][l]} over {@code
   * j} in {@code [j0, j1)}, accumulated in that order from 0, for lanes {@code l < n}. One call per
   * band keeps each call short: a long-running call would be compiled on-stack (OSR), where the
   * Vector API is not always intrinsified.
   */
  static void band(float[][] rows, float[] o, float[] w, int s, int j0, int j1, int n) {
    int end = S.loopBound(n);
    int l = 0;
    for (; l < end; l += S.length()) {
      FloatVector acc = FloatVector.zero(S);
      for (int j = j0; j < j1; j++) {
        acc = acc.add(FloatVector.fromArray(S, rows[s + j], l).mul(w[j]));
      }
      acc.intoArray(o, l);
    }
    for (; l < n; l++) {
      float acc = 0f;
      for (int j = j0; j < j1; j++) {
        acc += w[j] * rows[s + j][l];
      }
      o[l] = acc;
    }
  }

  /**
   * Two independent radix-2 DIF butterflies on lanes [0, n): {@code (a, b) <- (a + b, (a - b) w)}
   * and {@code (c, d) <- (c + d, (c - d) v)}. (Two per call keeps the method large enough to be
   * compiled on its own rather than inlined deep into its callers, where C2 would run out of
   * inlining depth for the Vector API's own methods.)
   */
  static void butterfly2(
      float[] ar,
      float[] ai,
      float[] br,
      float[] bi,
      float wr,
      float wi,
      float[] cr,
      float[] ci,
      float[] dr,
      float[] di,
      float vr,
      float vi,
      int n) {
    int l = 0;
    for (int end = S.loopBound(n); l < end; l += S.length()) {
      FloatVector xr = FloatVector.fromArray(S, ar, l);
      FloatVector xi = FloatVector.fromArray(S, ai, l);
      FloatVector yr = FloatVector.fromArray(S, br, l);
      FloatVector yi = FloatVector.fromArray(S, bi, l);
      xr.add(yr).intoArray(ar, l);
      xi.add(yi).intoArray(ai, l);
      FloatVector er = xr.sub(yr);
      FloatVector ei = xi.sub(yi);
      er.mul(wr).sub(ei.mul(wi)).intoArray(br, l);
      er.mul(wi).add(ei.mul(wr)).intoArray(bi, l);
      FloatVector ur = FloatVector.fromArray(S, cr, l);
      FloatVector ui = FloatVector.fromArray(S, ci, l);
      FloatVector zr = FloatVector.fromArray(S, dr, l);
      FloatVector zi = FloatVector.fromArray(S, di, l);
      ur.add(zr).intoArray(cr, l);
      ui.add(zi).intoArray(ci, l);
      FloatVector fr = ur.sub(zr);
      FloatVector fi = ui.sub(zi);
      fr.mul(vr).sub(fi.mul(vi)).intoArray(dr, l);
      fr.mul(vi).add(fi.mul(vr)).intoArray(di, l);
    }
    if (l < n) {
      tail(ar, ai, br, bi, wr, wi, l, n);
      tail(cr, ci, dr, di, vr, vi, l, n);
    }
  }

  private static void tail(
      float[] ar, float[] ai, float[] br, float[] bi, float wr, float wi, int from, int n) {
    for (int l = from; l < n; l++) {
      float xr = ar[l];
      float xi = ai[l];
      float yr = br[l];
      float yi = bi[l];
      ar[l] = xr + yr;
      ai[l] = xi + yi;
      float dr = xr - yr;
      float di = xi - yi;
      br[l] = dr * wr - di * wi;
      bi[l] = dr * wi + di * wr;
    }
  }

  /** The first DIF stage of one row pair from four windowed, lane-contiguous source rows. */
  static void loadPair(
      float[] sa,
      int oa,
      float[] sb,
      int ob,
      float[] sc,
      int oc,
      float[] sd,
      int od,
      float wa,
      float wb,
      float wc,
      float wd,
      float tr,
      float ti,
      float[] r0,
      float[] i0,
      float[] r1,
      float[] i1,
      int n) {
    int l = 0;
    for (int end = S.loopBound(n); l < end; l += S.length()) {
      FloatVector ar = FloatVector.fromArray(S, sa, oa + l).mul(wa);
      FloatVector ai = FloatVector.fromArray(S, sb, ob + l).mul(wb);
      FloatVector br = FloatVector.fromArray(S, sc, oc + l).mul(wc);
      FloatVector bi = FloatVector.fromArray(S, sd, od + l).mul(wd);
      ar.add(br).intoArray(r0, l);
      ai.add(bi).intoArray(i0, l);
      FloatVector dr = ar.sub(br);
      FloatVector di = ai.sub(bi);
      dr.mul(tr).sub(di.mul(ti)).intoArray(r1, l);
      dr.mul(ti).add(di.mul(tr)).intoArray(i1, l);
    }
    for (; l < n; l++) {
      float ar = sa[oa + l] * wa;
      float ai = sb[ob + l] * wb;
      float br = sc[oc + l] * wc;
      float bi = sd[od + l] * wd;
      r0[l] = ar + br;
      i0[l] = ai + bi;
      float dr = ar - br;
      float di = ai - bi;
      r1[l] = dr * tr - di * ti;
      i1[l] = dr * ti + di * tr;
    }
  }

  /** Even/odd split of one bin pair into |X[k]|^2 and |X[n-k]|^2, as the scalar splitPair. */
  static void splitPair(
      float[] ar,
      float[] ai,
      float[] br,
      float[] bi,
      float[] pk,
      float[] pmk,
      float wr,
      float wi,
      int n) {
    int l = 0;
    for (int end = S.loopBound(n); l < end; l += S.length()) {
      FloatVector xar = FloatVector.fromArray(S, ar, l);
      FloatVector xai = FloatVector.fromArray(S, ai, l);
      FloatVector xbr = FloatVector.fromArray(S, br, l);
      FloatVector xbi = FloatVector.fromArray(S, bi, l);
      FloatVector er = xar.add(xbr);
      FloatVector ei = xai.sub(xbi);
      FloatVector or = xai.add(xbi);
      FloatVector oi = xbr.sub(xar);
      FloatVector tr = or.mul(wr).sub(oi.mul(wi));
      FloatVector ti = oi.mul(wr).add(or.mul(wi));
      FloatVector her = er.mul(0.5f);
      FloatVector hei = ei.mul(0.5f);
      FloatVector xr = her.add(tr);
      FloatVector xi = hei.add(ti);
      FloatVector yr = her.sub(tr);
      FloatVector yi = hei.sub(ti);
      xr.mul(xr).add(xi.mul(xi)).intoArray(pk, l);
      yr.mul(yr).add(yi.mul(yi)).intoArray(pmk, l);
    }
    for (; l < n; l++) {
      float er = ar[l] + br[l];
      float ei = ai[l] - bi[l];
      float or = ai[l] + bi[l];
      float oi = br[l] - ar[l];
      float tr = wr * or - wi * oi;
      float ti = wr * oi + wi * or;
      float xr = 0.5f * er + tr;
      float xi = 0.5f * ei + ti;
      float yr = 0.5f * er - tr;
      float yi = 0.5f * ei - ti;
      pk[l] = xr * xr + xi * xi;
      pmk[l] = yr * yr + yi * yi;
    }
  }
}
