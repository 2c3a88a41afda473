package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DecimatorTest {

  /**
   * I0 by numerical integration of (1/pi) int_0^pi exp(x cos th) d th (independent of the series).
   */
  private static double i0(double x) {
    int n = 2000;
    double s = 0;
    for (int i = 0; i <= n; i++) {
      double w = (i == 0 || i == n) ? 0.5 : 1;
      s += w * Math.exp(x * Math.cos(Math.PI * i / n));
    }
    return s / n;
  }

  /**
   * Naive reference: y[k] = sum_n x[n] h(kM - n) with the documented kernel (cut-off 0.8 of the new
   * Nyquist, Kaiser beta for 80 dB, half-width from Kaiser's formula, zero outside the input).
   */
  private static double[] reference(float[] x, int m) {
    double fc = 0.8 * 0.5 / m; // cycles per input sample
    double dw = 2 * Math.PI * (2 * (1 - 0.8) * 0.5 / m);
    // designed for 80 dB plus the documented 2 dB margin
    double halfWidth = (82 - 7.95) / (2.285 * dw) / 2;
    double beta = 0.1102 * (82 - 8.7);
    int half = (int) Math.ceil(halfWidth);
    double[] h = new double[2 * half + 1]; // h[t + half] for integer t in [-half, half]
    for (int t = -half; t <= half; t++) {
      if (Math.abs(t) < halfWidth) {
        double u = 2 * fc * t;
        double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
        double v = t / halfWidth;
        h[t + half] = 2 * fc * sinc * i0(beta * Math.sqrt(1 - v * v)) / i0(beta);
      }
    }
    int outLen = (x.length + m - 1) / m;
    double[] y = new double[outLen];
    for (int k = 0; k < outLen; k++) {
      double acc = 0;
      for (int n = 0; n < x.length; n++) {
        int t = k * m - n;
        if (Math.abs(t) <= half) {
          acc += x[n] * h[t + half];
        }
      }
      y[k] = acc;
    }
    return y;
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 5, 15})
  void matchesNaiveConvolutionWithTheDocumentedKernel(int m) {
    float[] x = ResamplerTest.noise(1500, 11);
    double[] ref = reference(x, m);
    float[] y = Decimator.decimate(x, m);
    assertEquals(ref.length, y.length);
    for (int k = 0; k < y.length; k++) {
      assertEquals(ref[k], y[k], 1e-5, "sample " + k);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 7, 15})
  void passbandFlatStopbandBelowMinus70Db(int m) {
    int fsIn = 52734;
    double newNyquist = fsIn / (2.0 * m);
    int n = 40000;
    Decimator probe = new Decimator(m);
    int margin = probe.maxFinishLength() + 2;
    double worstRipple = 0;
    for (double frac = 0.05; frac <= 0.6 + 1e-9; frac += 0.05) {
      double f = frac * newNyquist;
      float[] y = Decimator.decimate(SineFit.cosine(n, f / fsIn, 1, 0.5), m);
      SineFit fit = SineFit.fit(y, margin, y.length - margin, f * m / fsIn);
      worstRipple = Math.max(worstRipple, Math.abs(SineFit.db(fit.amplitude())));
      assertEquals(0.5, fit.phase(), 1e-3, "phase (no delay) at " + f + " Hz");
    }
    double worstAlias = -Double.MAX_VALUE;
    for (double frac = 1.0; frac < Math.min(m, 3.0); frac += 0.1) {
      double f = frac * newNyquist;
      // phase pi/4: at exactly the new Nyquist the output is a*cos(phase)*(-1)^k, RMS a/sqrt(2)
      float[] y = Decimator.decimate(SineFit.cosine(n, f / fsIn, 1, Math.PI / 4), m);
      double db = SineFit.db(SineFit.rms(y, margin, y.length - margin) / Math.sqrt(0.5));
      worstAlias = Math.max(worstAlias, db);
    }
    System.out.printf(
        "decimate by %d: passband (<=0.6 new Nyquist) ripple %.5f dB, worst alias %.1f dB%n",
        m, worstRipple, worstAlias);
    assertTrue(worstRipple < 0.1, "measured passband ripple " + worstRipple + " dB");
    assertTrue(worstAlias < -70, "measured alias level " + worstAlias + " dB");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 15, 40})
  void kernelStopbandMeasuredFromImpulseResponseIsAtLeast80Db(int m) {
    // Impulses at input offsets c = 0..m-1 give the kernel at t = k*m - c: all integer taps.
    Decimator d = new Decimator(m);
    int len = 2 * d.maxFinishLength() * m + 4 * m;
    int centre = len / 2 / m * m;
    java.util.TreeMap<Integer, Double> taps = new java.util.TreeMap<>();
    for (int c = 0; c < m; c++) {
      float[] x = new float[len];
      x[centre - c] = 1;
      float[] y = Decimator.decimate(x, m);
      for (int k = 0; k < y.length; k++) {
        taps.put(k * m - (centre - c), (double) y[k]);
      }
    }
    double worst = 0;
    double edge = 0.5 / m; // new Nyquist in cycles per input sample
    for (int i = 0; i <= 3000; i++) {
      double f = edge + (0.5 - edge) * i / 3000.0;
      double re = 0;
      double im = 0;
      for (var e : taps.entrySet()) {
        re += e.getValue() * Math.cos(2 * Math.PI * f * e.getKey());
        im -= e.getValue() * Math.sin(2 * Math.PI * f * e.getKey());
      }
      worst = Math.max(worst, Math.hypot(re, im));
    }
    double db = SineFit.db(worst);
    System.out.printf("decimator %d: kernel stop band peak %.2f dB%n", m, db);
    assertTrue(db <= -80, "kernel stop-band peak " + db + " dB");
  }

  @Test
  void twoStageDemonEnvelopeDecimationKeepsShaftLinesAndRejectsAliases() {
    int fs = 52734;
    int n = 4 * fs;
    // 52734 / 15 / 7 = 502.2 Hz; new Nyquist 251 Hz
    float[] tone = SineFit.cosine(n, 30.0 / fs, 1, 0.2);
    float[] y = Decimator.decimate(Decimator.decimate(tone, 15), 7);
    double fsOut = fs / 105.0;
    assertEquals((((n + 14) / 15) + 6) / 7, y.length);
    SineFit fit = SineFit.fit(y, 20, y.length - 20, 30 / fsOut);
    assertEquals(0, SineFit.db(fit.amplitude()), 0.01, "30 Hz line gain");
    // 400 Hz would alias to 102 Hz without the anti-alias filter
    float[] high = SineFit.cosine(n, 400.0 / fs, 1, 0);
    float[] z = Decimator.decimate(Decimator.decimate(high, 15), 7);
    double db = SineFit.db(SineFit.rms(z, 20, z.length - 20) / Math.sqrt(0.5));
    assertTrue(db < -70, "400 Hz leaks at " + db + " dB");
  }

  @Test
  void streamingEqualsOneShotAndFactorOneCopies() {
    float[] x = ResamplerTest.noise(20000, 12);
    float[] whole = Decimator.decimate(x, 9);
    assertEquals((20000 + 8) / 9, whole.length);
    Decimator d = new Decimator(9);
    float[] out = new float[whole.length + d.maxOutputLength(333) + d.maxFinishLength()];
    int w = 0;
    for (int off = 0; off < x.length; off += 333) {
      int len = Math.min(333, x.length - off);
      w += d.process(x, off, len, out, w);
    }
    w += d.finish(out, w);
    assertEquals(whole.length, w);
    for (int i = 0; i < w; i++) {
      assertEquals(Float.floatToIntBits(whole[i]), Float.floatToIntBits(out[i]), "at " + i);
    }
    assertArrayEquals(x, Decimator.decimate(x, 1));
  }

  @Test
  void invalidFactorIsNamed() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new Decimator(0));
    assertTrue(e.getMessage().contains("factor=0"));
  }
}
