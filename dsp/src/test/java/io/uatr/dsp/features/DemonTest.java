package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.filter.Butterworth;
import io.uatr.dsp.filter.ButterworthSpec;
import io.uatr.dsp.filter.SosFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemonTest {
  static final int SHIPSEAR_SR = 52734;

  private static float[] shipsearNoise;

  /** 20.5 s of white Gaussian noise (std 1) at 52 734 Hz, generated once for all tests. */
  static synchronized float[] shipsearNoise() {
    if (shipsearNoise == null) {
      shipsearNoise = modulatedNoise(SHIPSEAR_SR, 20.5, t -> 1, 1);
    }
    return shipsearNoise;
  }

  /** The shared 52 734 Hz noise multiplied by m(t). */
  static float[] modulateShipsearNoise(DoubleUnaryOperator m) {
    float[] n = shipsearNoise();
    float[] x = new float[n.length];
    for (int i = 0; i < n.length; i++) {
      x[i] = (float) (n[i] * m.applyAsDouble((double) i / SHIPSEAR_SR));
    }
    return x;
  }

  /** White Gaussian noise (std 1) multiplied by the modulation m(t). */
  static float[] modulatedNoise(int sr, double seconds, DoubleUnaryOperator m, long seed) {
    Random r = new Random(seed);
    int n = (int) Math.round(seconds * sr);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() * m.applyAsDouble((double) i / sr));
    }
    return x;
  }

  @ParameterizedTest
  @EnumSource(DemonDemodulation.class)
  void findsTheModulationRateOfAmNoiseWithinOneBin(DemonDemodulation d) {
    float[] x = modulateShipsearNoise(t -> 1 + 0.5 * Math.cos(2 * Math.PI * 7.3 * t));
    DemonSpectrum s = Demon.spectrum(x, SHIPSEAR_SR, DemonConfig.defaults().withDemodulation(d));
    assertEquals(3, s.frames());
    double df = s.layout().binHz();
    double peak = s.peakFrequency(0.5, 100);
    assertEquals(7.3, peak, df, "peak in 0.5-100 Hz");
    // the line stands far above the TPSW-normalised floor (~1)
    int k = Arrays.binarySearch(s.frequencies(), peak);
    assertTrue(s.spectrum()[k] > 10, "normalised line level " + s.spectrum()[k]);
  }

  @ParameterizedTest
  @EnumSource(DemonDemodulation.class)
  void findsTheBladeRateAndTheShaftRate(DemonDemodulation d) {
    // shaft 2.3 Hz, 5 blades: m(t) = 1 + sum_n a_n cos(2 pi n f_shaft t), n = 1..15, with weak
    // shaft harmonics a_n = 0.05 / n and strong blade-rate harmonics at n = 5, 10, 15
    double shaft = 2.3;
    int blades = 5;
    double[] a = new double[16];
    for (int n = 1; n <= 15; n++) {
      a[n] = 0.05 / n;
    }
    a[5] = 0.4;
    a[10] = 0.1;
    a[15] = 0.05;
    // cos(n theta) by the Chebyshev recurrence c_n = 2 cos(theta) c_(n-1) - c_(n-2)
    float[] x =
        modulateShipsearNoise(
            t -> {
              double c1 = Math.cos(2 * Math.PI * shaft * t);
              double prev = 1;
              double cur = c1;
              double v = 1;
              for (int n = 1; n <= 15; n++) {
                v += a[n] * cur;
                double next = 2 * c1 * cur - prev;
                prev = cur;
                cur = next;
              }
              return v;
            });
    DemonSpectrum s = Demon.spectrum(x, SHIPSEAR_SR, DemonConfig.defaults().withDemodulation(d));
    double df = s.layout().binHz();
    assertEquals(blades * shaft, s.peakFrequency(0.5, 100), df, "blade-pass frequency");
    assertEquals(shaft, s.peakFrequency(1.5, 3.5), df, "shaft-rate line");
    assertEquals(2 * blades * shaft, s.peakFrequency(20, 30), df, "second BPF harmonic");
  }

  @Test
  void frequencyAxisSpansFminToFmaxAtOneOverWindowSeconds() {
    DemonConfig c = DemonConfig.defaults();
    DemonLayout l = c.layout(SHIPSEAR_SR);
    assertEquals(25, l.decimation1());
    assertEquals(7, l.decimation2());
    assertEquals(SHIPSEAR_SR / 175.0, l.envelopeRate(), 1e-12);
    assertTrue(l.envelopeRate() >= 3 * c.fmax());
    assertEquals(0, l.windowLength() % 2);
    double[] f = l.frequencies();
    double df = l.binHz();
    assertEquals(0.1, df, 0.1 * 1e-3, "resolution 1 / window_seconds within 0.1 %");
    assertTrue(f[0] >= c.fmin() && f[0] < c.fmin() + df, "first bin " + f[0]);
    assertTrue(f[f.length - 1] <= c.fmax() && f[f.length - 1] > c.fmax() - df, "last bin");
    for (int b = 1; b < f.length; b++) {
      assertEquals(df, f[b] - f[b - 1], 1e-9);
    }
    DemonExtractor ex = new DemonExtractor(c, SHIPSEAR_SR, (frame, t) -> {});
    assertArrayEquals(f, ex.rowValues());
    assertEquals(f.length, ex.bins());
    assertEquals(l.hopLength() / l.envelopeRate(), ex.frameSeconds(), 1e-12);
    assertEquals(5.0, ex.frameSeconds(), 0.01);
    // 30 s window: 1/30 Hz resolution
    DemonLayout l30 = c.withWindow(30, 10).layout(SHIPSEAR_SR);
    assertEquals(1.0 / 30, l30.binHz(), 1e-4 / 30);
  }

  @Test
  void automaticFactorsAreBalancedAndMaximal() {
    assertArrayEquals(new int[] {25, 7}, DemonLayout.autoFactors(175));
    assertArrayEquals(new int[] {15, 7}, DemonLayout.autoFactors(106)); // 106=2*53 and 106 too
    assertArrayEquals(new int[] {1, 1}, DemonLayout.autoFactors(1));
    assertArrayEquals(new int[] {3, 1}, DemonLayout.autoFactors(3));
    assertArrayEquals(new int[] {2, 2}, DemonLayout.autoFactors(5));
    for (int max = 1; max < 2000; max++) {
      int[] f = DemonLayout.autoFactors(max);
      assertTrue(f[0] * f[1] <= max && f[1] <= f[0] && f[0] <= Math.max(4, 4 * f[1]), "" + max);
      assertTrue(f[0] * f[1] >= 0.8 * max, "product " + f[0] * f[1] + " for " + max);
    }
  }

  @ParameterizedTest
  @EnumSource(DemonDemodulation.class)
  void streamingEqualsOneShotAndFrameCountsMatch(DemonDemodulation d) {
    int sr = 8000;
    DemonConfig c =
        new DemonConfig(
            500, 3000, 3, d, 0, 0, 2, 0.7, 0.5, 50, DemonNormalization.TPSW, 10, 2, 2.0);
    float[] x = modulatedNoise(sr, 10.3, t -> 1 + 0.3 * Math.cos(2 * Math.PI * 4.1 * t), 3);
    float[][] oneShot = Demon.compute(x, sr, c);
    DemonLayout l = c.layout(sr);
    assertEquals(l.frames(x.length), oneShot[0].length);
    assertTrue(oneShot[0].length >= 10);
    List<float[]> cols = new ArrayList<>();
    DemonExtractor ex = new DemonExtractor(c, sr, (f, t) -> cols.add(f.clone()));
    Random r = new Random(9);
    int i = 0;
    while (i < x.length) {
      int n = Math.min(x.length - i, r.nextInt(7000));
      ex.push(x, i, n);
      i += n;
    }
    ex.finish();
    assertEquals(oneShot[0].length, cols.size());
    for (int t = 0; t < cols.size(); t++) {
      for (int b = 0; b < oneShot.length; b++) {
        assertEquals(oneShot[b][t], cols.get(t)[b], 0f, "bin " + b + " frame " + t);
      }
    }
  }

  @Test
  void frameCountFormulaForManyLengthsAndHopLongerThanWindow() {
    int sr = 4000;
    DemonConfig c =
        new DemonConfig(
            400,
            1500,
            2,
            DemonDemodulation.SQUARE,
            4,
            5,
            1,
            1.5,
            1,
            50,
            DemonNormalization.NONE,
            10,
            2,
            2.0);
    DemonLayout l = c.layout(sr);
    assertEquals(200.0, l.envelopeRate(), 0);
    assertEquals(200, l.windowLength());
    assertEquals(300, l.hopLength());
    Random r = new Random(4);
    for (int n : new int[] {0, 19, 3999, 4000, 4001, 4019, 4020, 16000, 16001, 16019, 28037}) {
      long expected =
          ((((n + 3) / 4) + 4) / 5) < 200 ? 0 : 1 + ((((n + 3) / 4) + 4) / 5 - 200) / 300;
      assertEquals(expected, l.frames(n), "n=" + n);
      float[] x = new float[n];
      for (int k = 0; k < n; k++) {
        x[k] = (float) r.nextGaussian();
      }
      long[] count = {0};
      DemonExtractor ex = new DemonExtractor(c, sr, (f, t) -> assertEquals(count[0]++, t));
      ex.push(x, 0, n);
      ex.finish();
      assertEquals(expected, count[0], "n=" + n);
    }
  }

  @ParameterizedTest
  @EnumSource(DemonDemodulation.class)
  void unnormalisedLineHasThePredictedEnvelopeAmplitude(DemonDemodulation d) {
    // x = n(t) (1 + 0.5 cos 2 pi fm t), band-passed noise power P. Square law: E[y^2] = P m^2,
    // whose
    // fm component has amplitude 2 * 0.5 * P = P. Hilbert: E|z| = sqrt(pi P / 2) (Rayleigh), so the
    // fm component has amplitude 0.5 sqrt(pi P / 2). fm = 7.3 Hz sits within 0.02 bin of a bin.
    float[] x = modulateShipsearNoise(t -> 1 + 0.5 * Math.cos(2 * Math.PI * 7.3 * t));
    DemonConfig c =
        DemonConfig.defaults().withDemodulation(d).withNormalisation(DemonNormalization.NONE);
    DemonSpectrum s = Demon.spectrum(x, SHIPSEAR_SR, c);
    float[] noise = shipsearNoise();
    float[] y =
        SosFilter.filter(
            Butterworth.design(ButterworthSpec.bandPass(4, 1000, 8000, SHIPSEAR_SR)), noise);
    double p = 0;
    for (float v : y) {
      p += v * v;
    }
    p /= y.length;
    double expected = d == DemonDemodulation.SQUARE ? p : 0.5 * Math.sqrt(Math.PI * p / 2);
    int k = Arrays.binarySearch(s.frequencies(), s.peakFrequency(7, 7.6));
    assertEquals(expected, s.spectrum()[k], 0.1 * expected, "line amplitude");
  }

  @Test
  void maxAndMedianNormalisations() {
    float[] x = modulatedNoise(8000, 6, t -> 1 + 0.5 * Math.cos(2 * Math.PI * 6 * t), 7);
    DemonConfig base =
        new DemonConfig(
            500,
            3000,
            4,
            DemonDemodulation.SQUARE,
            0,
            0,
            3,
            1,
            0.5,
            40,
            DemonNormalization.MAX,
            10,
            2,
            2.0);
    float[][] max = Demon.compute(x, 8000, base);
    float[][] med = Demon.compute(x, 8000, base.withNormalisation(DemonNormalization.MEDIAN));
    float[][] none = Demon.compute(x, 8000, base.withNormalisation(DemonNormalization.NONE));
    for (int t = 0; t < max[0].length; t++) {
      float[] col = new float[max.length];
      float m = 0;
      for (int b = 0; b < max.length; b++) {
        col[b] = med[b][t];
        m = Math.max(m, max[b][t]);
        assertEquals(none[b][t] / max[b][t], none[0][t] / max[0][t], 1e-4 * none[0][t] / max[0][t]);
      }
      assertEquals(1f, m, 0f);
      Arrays.sort(col);
      int n = col.length;
      double median = (n % 2 == 1) ? col[n / 2] : 0.5 * (col[n / 2 - 1] + col[n / 2]);
      assertEquals(1.0, median, 1e-6);
    }
  }

  @Test
  void hilbertEnvelopeOfAmSinusoidIsTheModulation() {
    int sr = 8000;
    int n = 50000; // several blocks
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      double t = (double) i / sr;
      x[i] = (float) ((1 + 0.5 * Math.cos(2 * Math.PI * 3 * t)) * Math.cos(2 * Math.PI * 1000 * t));
    }
    float[] e = DemonHilbert.envelope(x);
    assertEquals(n, e.length);
    for (int i = 200; i < n - 200; i++) {
      double t = (double) i / sr;
      assertEquals(1 + 0.5 * Math.cos(2 * Math.PI * 3 * t), e[i], 2e-3, "sample " + i);
    }
  }

  @Test
  void hilbertBlocksMatchOneWholeSignalAnalyticSignalOnBandPassedNoise() {
    // reference: scipy.signal.hilbert's definition, one FFT over the whole signal (its circular
    // wrap-around only disturbs the ends, which are excluded)
    int n = 60000;
    Random r = new Random(12);
    float[] noise = new float[n];
    for (int i = 0; i < n; i++) {
      noise[i] = (float) r.nextGaussian();
    }
    float[] y =
        SosFilter.filter(
            Butterworth.design(ButterworthSpec.bandPass(4, 1000, 8000, SHIPSEAR_SR)), noise);
    double[] z = new double[2 * n];
    for (int i = 0; i < n; i++) {
      z[i] = y[i];
    }
    org.jtransforms.fft.DoubleFFT_1D fft = new org.jtransforms.fft.DoubleFFT_1D(n);
    fft.realForwardFull(z);
    for (int k = 1; k < n / 2; k++) {
      z[2 * k] *= 2;
      z[2 * k + 1] *= 2;
    }
    Arrays.fill(z, 2 * (n / 2 + 1), 2 * n, 0);
    fft.complexInverse(z, true);
    float[] e = DemonHilbert.envelope(y);
    double err = 0;
    double ref = 0;
    for (int i = 3000; i < n - 3000; i++) {
      double want = Math.hypot(z[2 * i], z[2 * i + 1]);
      err += (e[i] - want) * (e[i] - want);
      ref += want * want;
    }
    assertTrue(Math.sqrt(err / ref) < 1e-3, "relative rms error " + Math.sqrt(err / ref));
  }

  @Test
  void validation() {
    DemonConfig d = DemonConfig.defaults();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new DemonConfig(
                    1000,
                    8000,
                    4,
                    DemonDemodulation.SQUARE,
                    5,
                    0,
                    10,
                    5,
                    0.5,
                    100,
                    DemonNormalization.TPSW,
                    30,
                    3,
                    2));
    assertTrue(e.getMessage().contains("decimation"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.withWindow(0, 5));
    assertTrue(e.getMessage().contains("window_seconds"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> d.layout(2000));
    assertTrue(e.getMessage().contains("band_low"), e.getMessage());
    DemonConfig explicit =
        new DemonConfig(
            1000,
            8000,
            4,
            DemonDemodulation.SQUARE,
            20,
            20,
            10,
            5,
            0.5,
            100,
            DemonNormalization.TPSW,
            30,
            3,
            2);
    e = assertThrows(IllegalArgumentException.class, () -> explicit.layout(SHIPSEAR_SR));
    assertTrue(e.getMessage().contains("decimation"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Demon.spectrum(new float[SHIPSEAR_SR * 5], SHIPSEAR_SR, d));
    assertTrue(e.getMessage().contains("window_seconds"), e.getMessage());
    assertEquals(DemonDemodulation.HILBERT, DemonDemodulation.parse("Hilbert"));
    assertEquals(DemonNormalization.MEDIAN, DemonNormalization.parse("median"));
    assertThrows(IllegalArgumentException.class, () -> DemonNormalization.parse("l2"));
    // 16 kHz: band_high 8000 is clipped to 0.9 x Nyquist = 7200 Hz
    assertEquals(7200.0, d.layout(16000).bandHigh(), 1e-9);
  }
}
