package io.uatr.dsp.filter;

/**
 * A Kaiser-windowed sinc low-pass in continuous time: {@code h(t) = 2 fc sinc(2 fc t) * I0(beta
 * sqrt(1 - (t/T)^2)) / I0(beta)} for {@code |t| < T}, 0 elsewhere, with time {@code t} in samples,
 * {@code fc} the -6 dB cut-off in cycles per sample, {@code beta} and the half-width {@code T} from
 * Kaiser's formulas for a given transition width and attenuation. Its DC gain (the sum of the
 * samples at any fractional offset) is 1 to within the design ripple. Immutable.
 */
final class KaiserSinc {

  /** -6 dB cut-off in cycles per sample. */
  final double cutoff;

  /** Half-width T in samples: h(t) = 0 for |t| &gt;= T. */
  final double halfWidth;

  /** Kaiser window parameter. */
  final double beta;

  private final double i0Beta;

  private KaiserSinc(double cutoff, double halfWidth, double beta) {
    this.cutoff = cutoff;
    this.halfWidth = halfWidth;
    this.beta = beta;
    this.i0Beta = besselI0(beta);
  }

  /**
   * Designs the kernel from Kaiser's formulas.
   *
   * @param cutoff -6 dB cut-off in cycles per sample, in (0, 0.5]
   * @param transition transition width (stop edge minus pass edge) in cycles per sample, &gt; 0
   * @param attenuationDb attenuation the window is designed for, in dB (callers add their margin)
   */
  static KaiserSinc design(double cutoff, double transition, double attenuationDb) {
    double beta = kaiserBeta(attenuationDb);
    // Kaiser's length estimate N - 1 = (A - 7.95) / (2.285 * dw), dw in rad/sample; T = (N-1)/2.
    double halfWidth = (attenuationDb - 7.95) / (2.285 * 2 * Math.PI * transition) / 2;
    return new KaiserSinc(cutoff, halfWidth, beta);
  }

  /** The kernel at {@code t} samples. */
  double at(double t) {
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

  /** 1 / k^2 for the power series of I0. */
  private static final double[] INV_SQUARES = new double[500];

  static {
    for (int k = 1; k < INV_SQUARES.length; k++) {
      INV_SQUARES[k] = 1.0 / ((double) k * k);
    }
  }

  /** Modified Bessel function of the first kind, order 0 (power series; fine for x &lt; 50). */
  static double besselI0(double x) {
    double sum = 1;
    double term = 1;
    double halfSquared = (x / 2) * (x / 2);
    for (int k = 1; k < INV_SQUARES.length; k++) {
      term *= halfSquared * INV_SQUARES[k];
      sum += term;
      if (term < 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }
}
