package io.uatr.dsp.filter;

/**
 * Least-squares fit of {@code a*cos(w n) + b*sin(w n)} at a known frequency, used to measure
 * amplitude and phase of sinusoidal test signals, and the RMS of what the sinusoid does not
 * explain.
 */
record SineFit(double amplitude, double phase, double residualRms) {

  /**
   * Fits {@code x[from, to)} with a sinusoid of {@code freq} cycles per sample (index n counted
   * from 0 at x[0]), i.e. x[n] ~ amplitude * cos(2 pi freq n + phase).
   */
  static SineFit fit(float[] x, int from, int to, double freq) {
    double w = 2 * Math.PI * freq;
    double cc = 0;
    double ss = 0;
    double cs = 0;
    double xc = 0;
    double xs = 0;
    for (int n = from; n < to; n++) {
      double c = Math.cos(w * n);
      double s = Math.sin(w * n);
      cc += c * c;
      ss += s * s;
      cs += c * s;
      xc += x[n] * c;
      xs += x[n] * s;
    }
    double det = cc * ss - cs * cs;
    double a = (xc * ss - xs * cs) / det;
    double b = (xs * cc - xc * cs) / det;
    double res = 0;
    for (int n = from; n < to; n++) {
      double e = x[n] - a * Math.cos(w * n) - b * Math.sin(w * n);
      res += e * e;
    }
    // a cos + b sin = A cos(wn + phi) with A cos phi = a, -A sin phi = b
    return new SineFit(Math.hypot(a, b), Math.atan2(-b, a), Math.sqrt(res / (to - from)));
  }

  /** RMS of x[from, to). */
  static double rms(float[] x, int from, int to) {
    double s = 0;
    for (int n = from; n < to; n++) {
      s += (double) x[n] * x[n];
    }
    return Math.sqrt(s / (to - from));
  }

  /** A sampled cosine amplitude * cos(2 pi freq n + phase), n = 0..len-1. */
  static float[] cosine(int len, double freq, double amplitude, double phase) {
    float[] x = new float[len];
    for (int n = 0; n < len; n++) {
      x[n] = (float) (amplitude * Math.cos(2 * Math.PI * freq * n + phase));
    }
    return x;
  }

  static double db(double ratio) {
    return 20 * Math.log10(ratio);
  }
}
