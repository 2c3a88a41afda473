package io.uatr.dsp.spectral;

/**
 * Whether the batched spectral kernels use explicit SIMD through the JDK's Vector API ({@code
 * jdk.incubator.vector}, an incubator module in Java 17), and the few lane-wise helpers other
 * packages share.
 *
 * <p>The Vector API is used when the module is in the boot layer (the JVM was started with {@code
 * --add-modules jdk.incubator.vector}, as the {@code uatr} launcher, the tests and the benchmarks
 * do) and the system property {@code uatr.simd.disable} is not {@code true}. Otherwise the same
 * arithmetic runs as plain loops that HotSpot may or may not vectorise: the results are bit-for-bit
 * identical either way (the kernels do the same IEEE float additions, subtractions and
 * multiplications in the same order, lane by lane, and never fuse a multiply-add); only the speed
 * differs.
 */
public final class Simd {

  /** True when the Vector API kernels are in use. */
  public static final boolean ENABLED =
      !Boolean.getBoolean("uatr.simd.disable")
          && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  // about 10 s of 52 734 Hz log-mel (a batch asks 2 + 128 + 1 times) before the warm-up starts
  private static final WarmUp SPECTRAL = new WarmUp("spectral", () -> VectorKernels.warmUp(), 2000);

  private Simd() {}

  /**
   * True once the spectral Vector API kernels have been run enough on a background thread for the
   * JIT to have compiled them. Until then they would run about 100 times slower than compiled (the
   * Vector API is only fast in C2-compiled code), so callers use the plain loops, which give the
   * same results; the warm-up starts after about ten seconds of audio's worth of calls. Short jobs
   * thus never pay for it, and long ones switch over soon after.
   *
   * @return whether the vector kernels should be used now
   */
  public static boolean warmedUp() {
    return SPECTRAL.done();
  }

  /**
   * A one-line description for logs and benchmarks, such as {@code "Vector API, 16 float lanes"}.
   *
   * @return the description
   */
  public static String describe() {
    if (ENABLED) {
      return "Vector API, " + VectorKernels.lanes() + " float lanes";
    }
    return "scalar loops (start the JVM with --add-modules jdk.incubator.vector for SIMD)";
  }

  /**
   * Band energies of a batch through a sparse filterbank: {@code out[m][l] = sum_j w[j]
   * rows[start[m] + j - offset[m]][l]} over {@code j} in {@code [offset[m], offset[m+1])}, summed
   * in that order from 0 (the same floats with or without SIMD).
   *
   * @param rows [bins][at least n] spectra, frame-minor
   * @param out [bands][at least n] result, overwritten on lanes below n
   * @param w nonzero weights of all bands back to back
   * @param start [bands] first bin of each band
   * @param offset [bands + 1] index in {@code w} of each band's first weight
   * @param bands number of bands
   * @param n number of lanes
   */
  public static void sparseBands(
      float[][] rows, float[][] out, float[] w, int[] start, int[] offset, int bands, int n) {
    sparseBands(rows, out, w, start, offset, bands, n, warmedUp());
  }

  static void sparseBands(
      float[][] rows,
      float[][] out,
      float[] w,
      int[] start,
      int[] offset,
      int bands,
      int n,
      boolean simd) {
    if (simd && ENABLED) {
      for (int m = 0; m < bands; m++) {
        VectorKernels.band(rows, out[m], w, start[m] - offset[m], offset[m], offset[m + 1], n);
      }
      return;
    }
    for (int m = 0; m < bands; m++) {
      float[] o = out[m];
      java.util.Arrays.fill(o, 0, n, 0f);
      int s = start[m] - offset[m];
      for (int j = offset[m], e = offset[m + 1]; j < e; j++) {
        float[] row = rows[s + j];
        float wj = w[j];
        for (int l = 0; l < n; l++) {
          o[l] += wj * row[l];
        }
      }
    }
  }
}
