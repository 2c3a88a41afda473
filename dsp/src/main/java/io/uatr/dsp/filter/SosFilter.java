package io.uatr.dsp.filter;

/**
 * A cascade of second-order sections run in transposed direct form II with double-precision state.
 *
 * <p>Sections use SciPy's layout {@code double[nSections][6]}, rows {@code b0 b1 b2 a0 a1 a2}; rows
 * are normalised by {@code a0} on construction. The object is a streaming filter: {@link #process}
 * keeps its state between calls, so filtering a signal block by block gives exactly the result of
 * filtering it in one call. Instances are not thread-safe; use one per stream.
 *
 * <p>The static functions are the pure forms: {@link #filter} (zero initial state, like {@code
 * scipy.signal.sosfilt}) and {@link #filtfilt} (zero-phase, like {@code scipy.signal.sosfiltfilt}
 * with its default odd padding), and {@link #steadyStateInitial} (like {@code
 * scipy.signal.sosfilt_zi}).
 */
public final class SosFilter {

  private final int nSections;

  /** Coefficients flattened: per section b0 b1 b2 a1 a2. */
  private final double[] c;

  /** State: per section z0 z1. */
  private final double[] z;

  /**
   * Creates a filter with zero initial state.
   *
   * @param sos sections {@code [nSections][6]}; copied, rows normalised by their {@code a0}
   * @throws IllegalArgumentException if the array is empty, a row does not have 6 entries, a
   *     coefficient is not finite, or an {@code a0} is 0
   */
  public SosFilter(double[][] sos) {
    validate(sos);
    this.nSections = sos.length;
    this.c = new double[5 * nSections];
    this.z = new double[2 * nSections];
    for (int s = 0; s < nSections; s++) {
      double a0 = sos[s][3];
      c[5 * s] = sos[s][0] / a0;
      c[5 * s + 1] = sos[s][1] / a0;
      c[5 * s + 2] = sos[s][2] / a0;
      c[5 * s + 3] = sos[s][4] / a0;
      c[5 * s + 4] = sos[s][5] / a0;
    }
  }

  /** Creates a filter for a Butterworth design, zero initial state. */
  public SosFilter(ButterworthSpec spec) {
    this(Butterworth.design(spec));
  }

  /** Number of second-order sections. */
  public int sectionCount() {
    return nSections;
  }

  /** Clears the state (as if no sample had been processed). */
  public void reset() {
    java.util.Arrays.fill(z, 0.0);
  }

  /**
   * Sets the state to the steady state for a constant input {@code x0} (SciPy's {@code
   * sosfilt_zi(sos) * x0}), so a signal starting at {@code x0} starts without a transient.
   */
  public void resetToSteadyState(double x0) {
    double[][] zi = steadyStateInitial(sections());
    for (int s = 0; s < nSections; s++) {
      z[2 * s] = zi[s][0] * x0;
      z[2 * s + 1] = zi[s][1] * x0;
    }
  }

  /**
   * Filters {@code buf[off, off+len)} in place, continuing from the current state.
   *
   * @param buf samples (any unit), overwritten with the filtered samples
   * @param off first sample
   * @param len number of samples
   */
  public void process(float[] buf, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, buf.length);
    final double[] cc = c;
    final double[] zz = z;
    final int ns = nSections;
    for (int i = off, end = off + len; i < end; i++) {
      double x = buf[i];
      for (int s = 0, ci = 0, zi = 0; s < ns; s++, ci += 5, zi += 2) {
        double y = cc[ci] * x + zz[zi];
        zz[zi] = cc[ci + 1] * x - cc[ci + 3] * y + zz[zi + 1];
        zz[zi + 1] = cc[ci + 2] * x - cc[ci + 4] * y;
        x = y;
      }
      buf[i] = (float) x;
    }
  }

  /** Filters the whole buffer in place, continuing from the current state. */
  public void process(float[] buf) {
    process(buf, 0, buf.length);
  }

  /** A copy of the normalised sections, {@code [nSections][6]}. */
  public double[][] sections() {
    double[][] sos = new double[nSections][6];
    for (int s = 0; s < nSections; s++) {
      sos[s][0] = c[5 * s];
      sos[s][1] = c[5 * s + 1];
      sos[s][2] = c[5 * s + 2];
      sos[s][3] = 1.0;
      sos[s][4] = c[5 * s + 3];
      sos[s][5] = c[5 * s + 4];
    }
    return sos;
  }

  /**
   * Filters {@code x} from zero initial state ({@code scipy.signal.sosfilt}).
   *
   * @param sos sections {@code [nSections][6]}
   * @param x input samples, length n (not modified)
   * @return filtered samples, length n
   */
  public static float[] filter(double[][] sos, float[] x) {
    float[] y = x.clone();
    new SosFilter(sos).process(y);
    return y;
  }

  /**
   * Zero-phase forward-backward filtering, equal (to rounding) to {@code
   * scipy.signal.sosfiltfilt(sos, x)} with its defaults: the signal is extended at both ends by
   * {@link #filtfiltPadLength} samples of odd extension ({@code 2*x[0] - x[i]}), each pass starts
   * from the steady state {@link #steadyStateInitial} scaled by the pass's first sample, and the
   * extension is cut off afterwards. The magnitude response is the square of the filter's and the
   * phase is zero. Working memory: about 2*(n + 2*pad) floats.
   *
   * @param sos sections {@code [nSections][6]}
   * @param x input samples, length n &gt; pad length (not modified)
   * @return filtered samples, length n
   * @throws IllegalArgumentException if {@code x} is not longer than the pad length
   */
  public static float[] filtfilt(double[][] sos, float[] x) {
    SosFilter f = new SosFilter(sos);
    int pad = filtfiltPadLength(sos);
    int n = x.length;
    if (n <= pad) {
      throw new IllegalArgumentException(
          "filtfilt needs an input longer than its pad length "
              + pad
              + " (3 * (2 * sections + 1 - trailing zero pairs)), got length "
              + n);
    }
    float[] ext = new float[n + 2 * pad];
    float x0 = x[0];
    float xn = x[n - 1];
    for (int i = 0; i < pad; i++) {
      ext[i] = 2 * x0 - x[pad - i];
      ext[pad + n + i] = 2 * xn - x[n - 2 - i];
    }
    System.arraycopy(x, 0, ext, pad, n);

    f.resetToSteadyState(ext[0]);
    f.process(ext);
    reverse(ext);
    f.resetToSteadyState(ext[0]);
    f.process(ext);
    reverse(ext);
    float[] y = new float[n];
    System.arraycopy(ext, pad, y, 0, n);
    return y;
  }

  /**
   * The pad length {@link #filtfilt} uses, as SciPy: {@code 3 * (2 * nSections + 1 - min(number of
   * sections with b2 == 0, number with a2 == 0))}.
   */
  public static int filtfiltPadLength(double[][] sos) {
    validate(sos);
    int b2zero = 0;
    int a2zero = 0;
    for (double[] row : sos) {
      if (row[2] == 0) {
        b2zero++;
      }
      if (row[5] == 0) {
        a2zero++;
      }
    }
    return 3 * (2 * sos.length + 1 - Math.min(b2zero, a2zero));
  }

  /**
   * Initial state for a step response in steady state ({@code scipy.signal.sosfilt_zi}): with this
   * state scaled by {@code x0}, a constant input {@code x0} gives a constant output.
   *
   * @param sos sections {@code [nSections][6]}
   * @return {@code [nSections][2]} transposed-direct-form-II states for unit input
   */
  public static double[][] steadyStateInitial(double[][] sos) {
    validate(sos);
    double[][] zi = new double[sos.length][2];
    double scale = 1.0;
    for (int s = 0; s < sos.length; s++) {
      double a0 = sos[s][3];
      double b0 = sos[s][0] / a0;
      double b1 = sos[s][1] / a0;
      double b2 = sos[s][2] / a0;
      double a1 = sos[s][4] / a0;
      double a2 = sos[s][5] / a0;
      // Solve (I - A^T) zi = B with A the companion matrix of [1, a1, a2]:
      // [[1 + a1, -1], [a2, 1]] zi = [b1 - a1 b0, b2 - a2 b0].
      double r0 = b1 - a1 * b0;
      double r1 = b2 - a2 * b0;
      double det = 1 + a1 + a2;
      if (det == 0) {
        throw new IllegalArgumentException(
            "section " + s + " has a pole at z = 1; no steady state exists");
      }
      double z0 = (r0 + r1) / det;
      zi[s][0] = scale * z0;
      zi[s][1] = scale * (r1 - a2 * z0);
      scale *= (b0 + b1 + b2) / (1 + a1 + a2);
    }
    return zi;
  }

  private static void reverse(float[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      float t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void validate(double[][] sos) {
    if (sos == null || sos.length == 0) {
      throw new IllegalArgumentException("sos must have at least one section");
    }
    for (int s = 0; s < sos.length; s++) {
      if (sos[s] == null || sos[s].length != 6) {
        throw new IllegalArgumentException(
            "sos row " + s + " must have 6 coefficients (b0 b1 b2 a0 a1 a2)");
      }
      for (int j = 0; j < 6; j++) {
        if (!Double.isFinite(sos[s][j])) {
          throw new IllegalArgumentException(
              "sos[" + s + "][" + j + "] is not finite: " + sos[s][j]);
        }
      }
      if (sos[s][3] == 0) {
        throw new IllegalArgumentException("sos[" + s + "][3] (a0) must not be 0");
      }
    }
  }
}
