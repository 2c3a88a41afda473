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
    return r.edgeOutputs();
  }

  /**
   * The polyphase stage computes runs of outputs at once; each must be bit for bit the kernel's
   * one-output evaluation at the exact position {@code k p / q} (integer part and remainder kept
   * here with plain long arithmetic), over blocks of odd sizes.
   */
  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "16000, 52734", "24000, 16000", "16000, 44100"})
  void polyphaseRunsEqualOneOutputAtATime(int fsIn, int fsOut) {
    ResamplerSpec spec = ResamplerSpec.of(fsIn, fsOut);
    ResamplingKernel kernel =
        fsIn >= 2 * fsOut ? TwoStageDesign.of(spec).interpolator() : ResamplingKernel.of(spec);
    assertTrue(kernel.usesBank());
    int j = kernel.halfTaps;
    float[] x = noise(20000, 9);
    // reference: x padded with J zeros before and after, output k at position k p / q
    float[] padded = new float[x.length + 2 * j + 2];
    System.arraycopy(x, 0, padded, j, x.length);
    PolyphaseStage stage = new PolyphaseStage(kernel, 0);
    float[] out = new float[x.length * 4];
    int w = 0;
    Random rnd = new Random(3);
    for (int off = 0; off < x.length; ) {
      int len = Math.min(x.length - off, 1 + rnd.nextInt(700));
      w += stage.push(x, off, len, out, w, Long.MAX_VALUE);
      off += len;
    }
    assertTrue(w >= (x.length - j - 1L) * kernel.q / kernel.p, "outputs written: " + w);
    for (int k = 0; k < w; k++) {
      long pos = (long) k * kernel.p;
      int centre = (int) (pos / kernel.q) + j;
      int r = (int) (pos % kernel.q);
      float expected = kernel.apply(padded, centre, r, k % kernel.q);
      if (Float.floatToIntBits(expected) != Float.floatToIntBits(out[k])) {
        throw new AssertionError("output " + k + ": " + out[k] + " != " + expected);
      }
    }
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
        fsIn,
        fsOut,
        probe.isTwoStage() ? "two-stage" : probe.kernel().usesBank() ? "bank" : "table",
        worst,
        worstResidualDb);
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
    "16000, 52734, true, 1e-5",
    // below a ratio of 2: single stage
    "24000, 16000, true, 1e-5",
    // q * taps beyond the exact bank: interpolated between grid phases (error ~5e-6 of the peak)
    "96001, 95999, false, 1e-4"
  })
  void matchesNaiveKernelEvaluationAtExactPositions(
      int fsIn, int fsOut, boolean exactBank, double tolerance) {
    float[] x = noise(20011, 12);
    float[] y = Resampler.resample(x, fsIn, fsOut);
    Resampler probe = new Resampler(fsIn, fsOut);
    assertEquals(false, probe.isTwoStage());
    assertEquals(exactBank, probe.kernel().usesBank());
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

  /** The documented Kaiser-windowed sinc (I0 by the independent trapezoid rule), at t samples. */
  private static double kaiserSinc(double t, double fc, double halfWidth, double beta) {
    if (Math.abs(t) >= halfWidth) {
      return 0;
    }
    double u = 2 * fc * t;
    double sinc = u == 0 ? 1 : Math.sin(Math.PI * u) / (Math.PI * u);
    double v = t / halfWidth;
    return 2 * fc * sinc * i0(beta * Math.sqrt(1 - v * v)) / i0(beta);
  }

  /**
   * Naive reference of the documented two-stage design, in double: stage-1 decimation D = the
   * largest integer with D q / p <= 0.65 (q > 1 here); y1[m] = sum_t h1(t) x[m D + t] over the
   * zero-extended input (h1: the single-stage kernel at integer t); then output k =
   * sum_{j=1-J2..J2} y1[i + j] h2(r/q' - j) at the exact position k p' / q' = i + r / q' (p'/q' = p
   * / (q D) in lowest terms), h2 the Kaiser sinc with cut-off 0.5 cycles per sample, transition 1 -
   * q D / p, designed for 80 + 2 + 30 dB.
   */
  private static double[] twoStageReference(float[] x, int fsIn, int fsOut, int[] ks) {
    double fc1 = 0.95 * fsOut / 2.0 / fsIn;
    double hw1 = (82 - 7.95) / (2.285 * 2 * Math.PI * 2 * 0.05 * fsOut / 2.0 / fsIn) / 2;
    double beta1 = 0.1102 * (82 - 8.7);
    long g = ResamplerSpec.gcd(fsIn, fsOut);
    long p = fsIn / g;
    long q = fsOut / g;
    long d = 1;
    while ((double) q * (d + 1) / p <= 0.65) {
      d++;
    }
    long g2 = ResamplerSpec.gcd(p, q * d);
    long p2 = p / g2;
    long q2 = q * d / g2;
    double hw2 = (112 - 7.95) / (2.285 * 2 * Math.PI * (1 - (double) q * d / p)) / 2;
    double beta2 = 0.1102 * (112 - 8.7);
    int j2 = (int) Math.ceil(hw2);
    int half1 = (int) Math.ceil(hw1);
    double[] h1 = new double[2 * half1 + 1];
    for (int t = -half1; t <= half1; t++) {
      h1[t + half1] = kaiserSinc(t, fc1, hw1, beta1);
    }
    double[] out = new double[ks.length];
    for (int s = 0; s < ks.length; s++) {
      long k = ks[s];
      long i = k * p2 / q2;
      double frac = (double) (k * p2 % q2) / q2;
      double acc = 0;
      for (long j = 1 - j2; j <= j2; j++) {
        long m = i + j;
        double y1 = 0;
        for (int t = -half1; t <= half1; t++) {
          long n = m * d + t;
          if (n >= 0 && n < x.length) {
            y1 += h1[t + half1] * x[(int) n];
          }
        }
        acc += y1 * kaiserSinc(frac - j, 0.5, hw2, beta2);
      }
      out[s] = acc;
    }
    return out;
  }

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "44100, 16000", "52734, 8000"})
  void twoStageMatchesNaiveCompositionAtExactPositionsIncludingTheEdges(int fsIn, int fsOut) {
    float[] x = noise(20011, 14);
    float[] y = Resampler.resample(x, fsIn, fsOut);
    assertTrue(new Resampler(fsIn, fsOut).isTwoStage());
    Random rnd = new Random(15);
    int[] ks = new int[200];
    for (int s = 0; s < ks.length; s++) {
      // the first and last 25 outputs (where both stages see the zero padding) and random ones
      ks[s] = s < 25 ? s : s < 50 ? y.length - 1 - (s - 25) : rnd.nextInt(y.length);
    }
    double[] ref = twoStageReference(x, fsIn, fsOut, ks);
    double worst = 0;
    for (int s = 0; s < ks.length; s++) {
      worst = Math.max(worst, Math.abs(ref[s] - y[ks[s]]));
      assertEquals(ref[s], y[ks[s]], 2e-6, "output " + ks[s]);
    }
    System.out.printf(
        "resample %d->%d (two-stage): max |error| vs naive composition %.2e%n", fsIn, fsOut, worst);
  }

  @Test
  void integerRatioIsStageOneAloneAndMatchesTheNaiveKernel() {
    // 48000 -> 16000: stage 1 keeps every 3rd sample, no stage 2; the single-stage formula at r = 0
    float[] x = noise(20011, 16);
    float[] y = Resampler.resample(x, 48000, 16000);
    Resampler probe = new Resampler(48000, 16000);
    assertTrue(probe.isTwoStage());
    assertEquals(null, probe.kernel());
    for (int k = 0; k < y.length; k += k < 30 || k > y.length - 30 ? 1 : 97) {
      assertEquals(reference(x, 48000, 16000, k), y[k], 2e-6, "output " + k);
    }
  }

  @Test
  void kernelsAreSharedPerSpec() {
    // single stage (upsampling): one bank per spec
    ResamplingKernel up = new Resampler(16000, 52734).kernel();
    assertSame(up, new Resampler(16000, 52734).kernel());
    assertSame(up, ResamplingKernel.of(ResamplerSpec.of(16000, 52734)));
    assertNotSame(up, new Resampler(new ResamplerSpec(16000, 52734, 0.9, 80)).kernel());
    // 26367 phases x 104 taps
    assertEquals(26367 * 104, up.coefficientCount());
    // two stages (downsampling, stage 1 decimating by 2 to 26367 Hz): the stage-2 bank is shared,
    // 16000 phases x 20 taps instead of 8000 x 340 for a single stage
    Resampler down = new Resampler(52734, 16000);
    assertTrue(down.isTwoStage());
    ResamplingKernel a = down.kernel();
    assertSame(a, new Resampler(52734, 16000).kernel());
    assertNotSame(a, up);
    assertEquals(16000, a.q);
    assertEquals(26367, a.p);
    assertEquals(16000 * 20, a.coefficientCount());
    // a different stop band needs a different stage 2
    assertNotSame(a, new Resampler(new ResamplerSpec(52734, 16000, 0.95, 100)).kernel());
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
  @CsvSource({
    "52734, 16000",
    "16000, 52734",
    "44100, 16000",
    "48000, 16000",
    "52734, 8000",
    "3, 2",
    "7, 1",
    "1000, 333"
  })
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

  @ParameterizedTest(name = "{0} Hz -> {1} Hz")
  @CsvSource({"52734, 16000", "44100, 16000", "48000, 16000", "16000, 52734", "7, 1", "1000, 333"})
  void maxOutputAndFinishLengthsBoundWhatIsWritten(int fsIn, int fsOut) {
    float[] x = noise(30011, 17);
    Random rnd = new Random(18);
    for (int trial = 0; trial < 20; trial++) {
      Resampler r = new Resampler(fsIn, fsOut);
      int n = 1 + rnd.nextInt(x.length);
      int off = 0;
      long total = 0;
      while (off < n) {
        int len = Math.min(n - off, 1 + rnd.nextInt(trial < 10 ? 40 : 9000));
        // exactly maxOutputLength(len) free samples: writing more would throw
        float[] out = new float[r.maxOutputLength(len)];
        total += r.process(x, off, len, out, 0);
        off += len;
      }
      float[] tail = new float[r.maxFinishLength()];
      total += r.finish(tail, 0);
      assertEquals(r.spec().outputLength(n), total, "outputs for " + n + " samples");
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
    // stage 1: input (8192 + a round's span), phases and outputs of a round; y1 block (2048);
    // stage-2 input (8192 + 2J)
    assertTrue(cap < 21_000, "buffer " + cap);
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
