package io.uatr.dsp.filter;

/**
 * The Kaiser-windowed sinc interpolation kernel of a {@link Resampler}, and the dot product that
 * produces one output sample.
 *
 * <p>Time is measured in input samples. Output k lies at input position {@code t = k * p / q}
 * ({@code p/q = inputRate/outputRate} in lowest terms), written as integer part {@code i} and
 * remainder {@code r} ({@code t = i + r/q}); it is {@code sum_{j=1-J..J} x[i+j] * h(r/q - j)} with
 * {@code h(t) = 2 fc sinc(2 fc t) * I0(beta sqrt(1 - (t/T)^2)) / I0(beta)} for {@code |t| < T}
 * ({@code fc} the cut-off in cycles per input sample, {@code T} the half-width from Kaiser's length
 * formula, {@code J = ceil(T)}).
 *
 * <p>Two ways to get {@code h}, chosen by memory. When the {@code q} distinct phases times {@code
 * 2J} taps fit in {@value #MAX_BANK} coefficients (e.g. 48000 to 16000 Hz: 1 phase; 44100 to 16000
 * Hz: 160 phases) every phase is computed exactly once (a polyphase bank). Otherwise (e.g. 52734 to
 * 16000 Hz: 8000 phases) a bank of {@code K + 1} phases on a uniform grid of fractional positions
 * {@code 0, 1/K, ..., 1} is computed, with {@code K} chosen for {@value #PHASES_PER_ZERO_CROSSING}
 * grid steps per zero-crossing interval of the sinc; an output is the linear interpolation (in the
 * fractional position) between the outputs of the two neighbouring grid phases. Its error is below
 * {@code (pi/512)^2/8 = 5e-6} of the kernel peak, well under the 80 dB design, and the table size
 * does not depend on {@code q}: about 50 000 doubles for 52734 to 16000 Hz. Both ways read
 * coefficients contiguously, so the inner loop is a plain dot product.
 */
final class ResamplingKernel {

  /** Largest exact polyphase bank, in coefficients (2 MiB of doubles). */
  static final int MAX_BANK = 1 << 18;

  /** Extra attenuation the window is designed for, in dB. */
  static final double DESIGN_MARGIN_DB = 2;

  /** Grid steps per zero-crossing interval of the sinc (interpolated mode). */
  static final int PHASES_PER_ZERO_CROSSING = 512;

  final int p;
  final int q;

  /** Taps j run over [1-J, J]. */
  final int halfTaps;

  final double beta;
  final double halfWidth;
  final double cutoff;
  private final double i0Beta;

  /** Rows of 2J coefficients: q exact phases, or K+1 grid phases. */
  private final double[] bank;

  /** Number of grid intervals K (interpolated mode), 0 in exact mode. */
  private final int gridPhases;

  ResamplingKernel(ResamplerSpec spec) {
    long g = ResamplerSpec.gcd(spec.inputRate(), spec.outputRate());
    this.p = (int) (spec.inputRate() / g);
    this.q = (int) (spec.outputRate() / g);
    double fsIn = spec.inputRate();
    double lowerNyquist = Math.min(spec.inputRate(), spec.outputRate()) / 2.0;
    this.cutoff = spec.rolloff() * lowerNyquist / fsIn;
    double transition = 2 * (1 - spec.rolloff()) * lowerNyquist / fsIn; // cycles per sample
    // Kaiser's formulas undershoot the requested attenuation by up to about 1 dB; design with a
    // margin so the measured stop band reaches stopbandDb.
    double a = spec.stopbandDb() + DESIGN_MARGIN_DB;
    this.beta = kaiserBeta(a);
    this.i0Beta = besselI0(beta);
    // Kaiser's length estimate N - 1 = (A - 7.95) / (2.285 * dw), dw in rad/sample; T = (N-1)/2.
    this.halfWidth = (a - 7.95) / (2.285 * 2 * Math.PI * transition) / 2;
    this.halfTaps = (int) Math.ceil(halfWidth);
    int taps = 2 * halfTaps;
    int rows;
    if ((long) q * taps <= MAX_BANK) {
      gridPhases = 0;
      rows = q;
    } else {
      gridPhases = Math.max(4, (int) Math.ceil(PHASES_PER_ZERO_CROSSING * 2 * cutoff));
      rows = gridPhases + 1;
    }
    bank = new double[rows * taps];
    for (int r = 0; r < rows; r++) {
      double frac = gridPhases == 0 ? (double) r / q : (double) r / gridPhases;
      for (int j = 1 - halfTaps; j <= halfTaps; j++) {
        bank[r * taps + j - 1 + halfTaps] = h(frac - j);
      }
    }
  }

  /** True if every phase is exact (false: interpolated between grid phases). */
  boolean usesBank() {
    return gridPhases == 0;
  }

  /** Number of coefficients held, for memory reporting. */
  int coefficientCount() {
    return bank.length;
  }

  /**
   * One output sample: {@code sum_{j=1-J..J} buf[centre+j] * h(r/q - j)}, accumulated in double in
   * ascending j.
   */
  double apply(float[] buf, int centre, int r) {
    final int taps = 2 * halfTaps;
    final int x0 = centre + 1 - halfTaps;
    final double[] b = bank;
    if (gridPhases == 0) {
      return dot(buf, x0, b, r * taps, taps);
    }
    double pos = (double) r / q * gridPhases;
    int row = (int) pos;
    double w = pos - row;
    if (w == 0) {
      return dot(buf, x0, b, row * taps, taps);
    }
    // Two neighbouring grid phases in one pass; taps is even, so unroll by 2 without remainder.
    final int h0 = row * taps;
    final int h1 = h0 + taps;
    double lo0 = 0;
    double lo1 = 0;
    double hi0 = 0;
    double hi1 = 0;
    for (int t = 0; t < taps; t += 2) {
      double xa = buf[x0 + t];
      double xb = buf[x0 + t + 1];
      lo0 += xa * b[h0 + t];
      lo1 += xb * b[h0 + t + 1];
      hi0 += xa * b[h1 + t];
      hi1 += xb * b[h1 + t + 1];
    }
    double lo = lo0 + lo1;
    double hi = hi0 + hi1;
    return lo + w * (hi - lo);
  }

  /** Dot product with four independent partial sums (n even). */
  private static double dot(float[] x, int xOff, double[] h, int hOff, int n) {
    double a0 = 0;
    double a1 = 0;
    double a2 = 0;
    double a3 = 0;
    int t = 0;
    for (; t + 3 < n; t += 4) {
      a0 += x[xOff + t] * h[hOff + t];
      a1 += x[xOff + t + 1] * h[hOff + t + 1];
      a2 += x[xOff + t + 2] * h[hOff + t + 2];
      a3 += x[xOff + t + 3] * h[hOff + t + 3];
    }
    for (; t < n; t++) {
      a0 += x[xOff + t] * h[hOff + t];
    }
    return (a0 + a1) + (a2 + a3);
  }

  /** The continuous kernel at {@code t} input samples. */
  double h(double t) {
    double at = Math.abs(t);
    if (at >= halfWidth) {
      return 0;
    }
    double x = 2 * cutoff * t;
    double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
    double v = at / halfWidth;
    return 2 * cutoff * sinc * besselI0(beta * Math.sqrt(1 - v * v)) / i0Beta;
  }

  /** Kaiser's beta for a stop-band attenuation of {@code a} dB. */
  static double kaiserBeta(double a) {
    if (a > 50) {
      return 0.1102 * (a - 8.7);
    }
    if (a >= 21) {
      return 0.5842 * Math.pow(a - 21, 0.4) + 0.07886 * (a - 21);
    }
    return 0;
  }

  /** Modified Bessel function of the first kind, order 0 (power series; fine for x &lt; 50). */
  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double half = x / 2;
    for (int k = 1; k < 500; k++) {
      term *= (half / k) * (half / k);
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
