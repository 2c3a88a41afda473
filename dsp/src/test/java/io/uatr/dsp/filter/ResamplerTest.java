package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Measured response of the resampler, streaming equivalence, lengths and round trips. */
class ResamplerTest {

  /** Output samples near either end (where the zero padding enters the window) to skip. */
  private static int margin(Resampler r) {
    ResamplingKernel k = r.kernel();
    return (int) ((long) k.halfTaps * k.q / k.p) + 2;
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "16000, 52734", "44100, 16000", "48000, 16000", "16000, 48000"})
  void passbandRippleWithinPoint1Db(int fsIn, int fsOut) {
    Resampler probe = new Resampler(fsIn, fsOut);
    double lowerNyquist = Math.min(fsIn, fsOut) / 2.0;
    int n = fsIn; // one second
    double worst = 0;
    double worstResidualDb = -Double.MAX_VALUE;
    for (double frac = 0.05; frac <= 0.9 + 1e-9; frac += 0.05) {
      double f = frac * lowerNyquist;
      float[] x = SineFit.cosine(n, f / fsIn, 1.0, 0.3);
      float[] y = Resampler.resample(x, fsIn, fsOut);
      int m = margin(probe);
      SineFit fit = SineFit.fit(y, m, y.length - m, f / fsOut);
      double db = SineFit.db(fit.amplitude());
      worst = Math.max(worst, Math.abs(db));
      worstResidualDb =
          Math.max(
              worstResidualDb, SineFit.db(fit.residualRms() / (fit.amplitude() / Math.sqrt(2))));
      // the tone must also come out at the right time: phase 0.3 at output time 0
      assertEquals(0.3, fit.phase(), 1e-3, "phase at " + f + " Hz");
    }
    System.out.printf(
        "resample %d->%d (%s): passband |ripple| max %.5f dB, residual max %.1f dB%n",
        fsIn, fsOut, probe.kernel().usesBank() ? "bank" : "table", worst, worstResidualDb);
    assertTrue(worst <= 0.1, "measured passband ripple " + worst + " dB exceeds 0.1 dB");
    assertTrue(
        worstResidualDb < -70,
        "residual (aliases, images, distortion) " + worstResidualDb + " dB re the tone");
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "44100, 16000", "48000, 16000", "52734, 8000", "16000, 11025"})
  void stopbandAttenuationAboveOutputNyquistBelowMinus70Db(int fsIn, int fsOut) {
    Resampler probe = new Resampler(fsIn, fsOut);
    double outNyquist = fsOut / 2.0;
    int n = fsIn;
    double worst = -Double.MAX_VALUE;
    double worstF = 0;
    for (double frac = 1.1; frac <= 2.0 + 1e-9; frac += 0.05) {
      double f = frac * outNyquist;
      if (f >= 0.98 * fsIn / 2.0) {
        break;
      }
      float[] x = SineFit.cosine(n, f / fsIn, 1.0, 0.0);
      float[] y = Resampler.resample(x, fsIn, fsOut);
      int m = margin(probe);
      double rel = SineFit.db(SineFit.rms(y, m, y.length - m) / Math.sqrt(0.5));
      if (rel > worst) {
        worst = rel;
        worstF = f;
      }
    }
    System.out.printf(
        "resample %d->%d: worst alias %.1f dB (input %.0f Hz)%n", fsIn, fsOut, worst, worstF);
    assertTrue(worst < -70, "alias at " + worstF + " Hz only " + worst + " dB down");
  }

  /** I0 by the trapezoid rule on (1/pi) int_0^pi exp(x cos th) d th (independent of the series). */
  private static double i0(double x) {
    int n = 96;
    double s = 0;
    for (int i = 0; i <= n; i++) {
      double w = (i == 0 || i == n) ? 0.5 : 1;
      s += w * Math.exp(x * Math.cos(Math.PI * i / n));
    }
    return s / n;
  }

  /**
   * Naive reference for output k: sum_n x[n] h(k fsIn/fsOut - n), the documented Kaiser-sinc
   * evaluated directly in double at the exact position (default design: 0.95 roll-off, 80 + 2 dB).
   */
  private static double reference(float[] x, int fsIn, int fsOut, long k) {
    double lowerNyquist = Math.min(fsIn, fsOut) / 2.0;
    double fc = 0.95 * lowerNyquist / fsIn;
    double dw = 2 * Math.PI * 2 * 0.05 * lowerNyquist / fsIn;
    double halfWidth = (82 - 7.95) / (2.285 * dw) / 2;
    double beta = 0.1102 * (82 - 8.7);
    long g = ResamplerSpec.gcd(fsIn, fsOut);
    long p = fsIn / g;
    long q = fsOut / g;
    long i = k * p / q;
    double frac = (double) (k * p % q) / q;
    double acc = 0;
    for (long n = i - (long) halfWidth - 1; n <= i + (long) halfWidth + 1; n++) {
      double t = (i - n) + frac;
      if (n < 0 || n >= x.length || Math.abs(t) >= halfWidth) {
        continue;
      }
      double u = 2 * fc * t;
      double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
      double v = t / halfWidth;
      acc += x[(int) n] * 2 * fc * sinc * i0(beta * Math.sqrt(1 - v * v)) / i0(beta);
    }
    return acc;
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({
    "52734, 16000, true, 1e-5",
    "16000, 52734, true, 1e-5",
    "44100, 16000, true, 1e-5",
    // q * taps beyond the exact bank: interpolated between grid phases (error ~5e-6 of the peak)
    "96001, 95999, false, 1e-4"
  })
  void matchesNaiveKernelEvaluationAtExactPositions(
      int fsIn, int fsOut, boolean exactBank, double tolerance) {
    float[] x = noise(20011, 12);
    float[] y = Resampler.resample(x, fsIn, fsOut);
    assertEquals(exactBank, new Resampler(fsIn, fsOut).kernel().usesBank());
    Random rnd = new Random(13);
    double worst = 0;
    for (int s = 0; s < 300; s++) {
      // both ends (zero padding) and random interior outputs, so many distinct phases
      int k = s < 20 ? s : s < 40 ? y.length - 1 - (s - 20) : rnd.nextInt(y.length);
      double ref = reference(x, fsIn, fsOut, k);
      worst = Math.max(worst, Math.abs(ref - y[k]));
      assertEquals(ref, y[k], tolerance, "output " + k);
    }
    System.out.printf("resample %d->%d: max |error| vs naive kernel %.2e%n", fsIn, fsOut, worst);
  }

  @Test
  void kernelsAreSharedPerSpec() {
    ResamplingKernel a = new Resampler(52734, 16000).kernel();
    assertSame(a, new Resampler(52734, 16000).kernel());
    assertSame(a, ResamplingKernel.of(ResamplerSpec.of(52734, 16000)));
    assertNotSame(a, new Resampler(new ResamplerSpec(52734, 16000, 0.9, 80)).kernel());
    assertNotSame(a, new Resampler(16000, 52734).kernel());
    // 8000 phases x 340 taps
    assertEquals(8000 * 340, a.coefficientCount());
  }

  @Test
  void identityRateCopiesExactly() {
    float[] x = noise(12345, 4);
    assertArrayEquals(x, Resampler.resample(x, 16000, 16000));
    Resampler r = new Resampler(44100, 44100);
    float[] out = new float[x.length];
    int n = r.process(x, 0, 5000, out, 0);
    n += r.process(x, 5000, x.length - 5000, out, n);
    n += r.finish(out, n);
    assertEquals(x.length, n);
    assertArrayEquals(x, out);
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "16000, 52734", "44100, 16000", "3, 2", "7, 1", "1000, 333"})
  void streamingEqualsOneShotExactlyForAnyBlockSize(int fsIn, int fsOut) {
    float[] x = noise(30011, 5);
    float[] whole = Resampler.resample(x, fsIn, fsOut);
    Random rnd = new Random(6);
    for (int block : new int[] {1, 3, 64, 1000, 8192, 20000, -1}) {
      Resampler r = new Resampler(fsIn, fsOut);
      float[] out = new float[whole.length + r.maxOutputLength(x.length) + r.maxFinishLength()];
      int w = 0;
      int off = 0;
      while (off < x.length) {
        int len = block > 0 ? block : 1 + rnd.nextInt(5000);
        len = Math.min(len, x.length - off);
        w += r.process(x, off, len, out, w);
        off += len;
      }
      w += r.finish(out, w);
      assertEquals(whole.length, w, "length for block " + block);
      for (int i = 0; i < w; i++) {
        if (Float.floatToIntBits(whole[i]) != Float.floatToIntBits(out[i])) {
          throw new AssertionError("block " + block + " differs at " + i);
        }
      }
    }
  }

  @Test
  void memoryDoesNotGrowWithStreamLength() {
    Resampler r = new Resampler(52734, 16000);
    int cap = r.bufferCapacity();
    float[] block = noise(100_000, 7);
    float[] out = new float[r.maxOutputLength(block.length)];
    long total = 0;
    for (int i = 0; i < 10; i++) {
      total += r.process(block, 0, block.length, out, 0);
    }
    total += r.finish().length;
    assertEquals(cap, r.bufferCapacity());
    assertEquals(r.spec().outputLength(10L * block.length), total);
    assertTrue(cap < 10_000, "buffer " + cap);
  }

  @Test
  void outputLengthIsCeilOfScaledLength() {
    int[][] rates = {{52734, 16000}, {16000, 52734}, {44100, 16000}, {3, 2}, {5, 1}};
    for (int[] rt : rates) {
      for (int n : new int[] {0, 1, 2, 3, 10, 999, 52734, 100_003}) {
        long expected = (long) Math.ceil((double) n * rt[1] / rt[0] - 1e-12);
        assertEquals(expected, ResamplerSpec.of(rt[0], rt[1]).outputLength(n));
        if (n <= 52734) {
          assertEquals(expected, Resampler.resample(new float[n], rt[0], rt[1]).length);
        }
      }
    }
  }

  @Test
  void roundTripUpThenDownPreservesABandLimitedSignal() {
    int fs = 16000;
    int n = 3 * fs;
    float[] x = new float[n];
    Random rnd = new Random(8);
    // sum of tones up to 0.85 of Nyquist (inside the 0.9 pass band)
    for (int t = 0; t < 25; t++) {
      double f = (0.01 + 0.84 * rnd.nextDouble()) * fs / 2;
      double a = 0.1 * rnd.nextDouble();
      double ph = 2 * Math.PI * rnd.nextDouble();
      for (int i = 0; i < n; i++) {
        x[i] += (float) (a * Math.cos(2 * Math.PI * f / fs * i + ph));
      }
    }
    float[] up = Resampler.resample(x, fs, 52734);
    float[] back = Resampler.resample(up, 52734, fs);
    assertEquals(n, back.length);
    int m = 1000;
    double err = 0;
    double sig = 0;
    for (int i = m; i < n - m; i++) {
      err += (back[i] - x[i]) * (double) (back[i] - x[i]);
      sig += (double) x[i] * x[i];
    }
    double db = 10 * Math.log10(err / sig);
    System.out.printf("round trip 16000->52734->16000: error %.1f dB re signal%n", db);
    // pass-band ripple of two passes (< 0.01 dB) bounds the error near -60 dB
    assertTrue(db < -55, "round-trip error " + db + " dB");
  }

  @Test
  void invalidSpecsNameTheBadValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ResamplerSpec.of(0, 16000));
    assertTrue(e.getMessage().contains("inputRate=0"));
    e = assertThrows(IllegalArgumentException.class, () -> ResamplerSpec.of(16000, -1));
    assertTrue(e.getMessage().contains("outputRate=-1"));
    e = assertThrows(IllegalArgumentException.class, () -> new ResamplerSpec(16000, 8000, 1.0, 80));
    assertTrue(e.getMessage().contains("rolloff=1.0"));
    e = assertThrows(IllegalArgumentException.class, () -> new ResamplerSpec(16000, 8000, 0.9, 10));
    assertTrue(e.getMessage().contains("stopbandDb=10.0"));
  }

  @Test
  void finishTwiceOrPushAfterFinishIsAnError() {
    Resampler r = new Resampler(3, 2);
    r.process(new float[10], 0, 10);
    r.finish();
    assertThrows(IllegalStateException.class, () -> r.process(new float[10], 0, 10));
    assertThrows(IllegalStateException.class, r::finish);
    r.reset();
    assertEquals(7, r.process(new float[100], 0, 100).length + r.finish().length - 60);
  }

  static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }
}
