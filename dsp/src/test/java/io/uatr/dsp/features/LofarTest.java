package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.dsp.spectral.Stft;
import io.uatr.dsp.spectral.StftConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LofarTest {
  static final int SR = 8192;

  /** White Gaussian noise (std 1) plus a sinusoid of amplitude {@code a} at {@code f} Hz. */
  static float[] tonalInNoise(int n, double f, double a, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) (r.nextGaussian() + a * Math.cos(2 * Math.PI * f * i / SR + 0.3));
    }
    return x;
  }

  @Test
  void tonalAt300HzAppearsAtItsBinWithTheExpectedLevel() {
    // n_fft 4096 at 8192 Hz: 2 Hz bins, 300 Hz is bin 150. With a periodic Hann window the tonal's
    // bin power is (a N / 4)^2 and the noise's expected power per bin is sigma^2 * 3N / 8, so the
    // tonal-to-floor ratio is a^2 N / (6 sigma^2) = 27.3 (14.4 dB) for a = 0.2, N = 4096; the
    // normalised tonal bin holds tonal + noise, 28.3 (14.5 dB) over a floor normalised to ~1.
    LofarConfig c = new LofarConfig(4096, 2048, 8, 0, 1000, 24, 3, 2.0, true);
    float[] x = tonalInNoise(SR * 40, 300, 0.2, 1);
    float[][] m = Lofar.compute(x, SR, c);
    double[] f = Lofar.frequencies(SR, c);
    assertEquals(501, m.length);
    assertEquals(300.0, f[150], 0);
    double expectDb = 10 * Math.log10(0.2 * 0.2 * 4096 / 6 + 1);
    double tonal = 0;
    int frames = m[0].length;
    for (int t = 0; t < frames; t++) {
      tonal += m[150][t];
      float[] col = new float[m.length];
      for (int b = 0; b < m.length; b++) {
        col[b] = m[b][t];
      }
      int argmax = 0;
      for (int b = 1; b < col.length; b++) {
        if (col[b] > col[argmax]) {
          argmax = b;
        }
      }
      assertEquals(150, argmax, "frame " + t);
    }
    tonal /= frames;
    // TPSW's clipping lowers the background by a few percent on an 8-frame average, so allow 1 dB
    assertEquals(expectDb, tonal, 1.0, "mean normalised tonal level in dB");
    // the floor: median of the dB values away from the tonal is close to 0 dB
    List<Float> floor = new ArrayList<>();
    for (int b = 30; b < m.length - 30; b++) {
      if (Math.abs(b - 150) > 4) {
        for (int t = 0; t < frames; t++) {
          floor.add(m[b][t]);
        }
      }
    }
    floor.sort(null);
    double median = floor.get(floor.size() / 2);
    assertEquals(0.0, median, 0.7, "median floor in dB");
  }

  @Test
  void equalsStftAverageThenNaiveTpswThenCrop() {
    LofarConfig c = new LofarConfig(512, 200, 3, 100, 1500, 10, 2, 2.5, false);
    float[] x = tonalInNoise(5000, 700, 0.5, 2);
    float[][] m = Lofar.compute(x, SR, c);
    float[][] p = Stft.power(x, StftConfig.of(512, 200));
    int first = (int) Math.ceil(100.0 * 512 / SR);
    int last = (int) Math.floor(1500.0 * 512 / SR);
    assertEquals(last - first + 1, m.length);
    assertEquals(p.length / 3, m[0].length);
    for (int t = 0; t < m[0].length; t++) {
      double[] avg = new double[257];
      for (int j = 0; j < 3; j++) {
        for (int k = 0; k < 257; k++) {
          avg[k] += p[3 * t + j][k] / 3.0;
        }
      }
      double[] bg = TpswTest.naive(avg, 10, 2, 2.5);
      for (int b = 0; b < m.length; b++) {
        int k = first + b;
        double want = Math.log(Math.max(avg[k] / bg[k], 1e-10));
        assertEquals(want, m[b][t], 1e-4, "bin " + k + " frame " + t);
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "0,4096,2048,1",
    "1,4096,2048,1",
    "2047,4096,2048,1",
    "2048,4096,2048,1",
    "10000,4096,2048,3",
    "10239,1024,512,7",
    "10240,1024,512,7",
    "70000,256,100,4"
  })
  void frameCountFormula(int samples, int nFft, int hop, int nAvg) {
    LofarConfig c = new LofarConfig(nFft, hop, nAvg, 0, 1000, 4, 1, 2.0, true);
    long expected = (1 + samples / hop) / nAvg;
    assertEquals(expected, c.frames(samples));
    if (samples > nFft / 2) {
      float[] x = tonalInNoise(samples, 300, 0.1, samples);
      long[] count = {0};
      LofarExtractor ex = new LofarExtractor(c, SR, (f, t) -> count[0]++);
      assertEquals(expected, ex.frames(samples));
      ex.push(x, 0, x.length);
      ex.finish();
      assertEquals(expected, count[0]);
    }
  }

  @Test
  void streamingEqualsOneShot() {
    LofarConfig c = new LofarConfig(1024, 300, 2, 50, 3000, 8, 2, 2.0, true);
    float[] x = tonalInNoise(40000, 440, 0.3, 3);
    float[][] oneShot = Lofar.compute(x, SR, c);
    List<float[]> cols = new ArrayList<>();
    LofarExtractor ex = new LofarExtractor(c, SR, (f, t) -> cols.add(f.clone()));
    Random r = new Random(5);
    int i = 0;
    while (i < x.length) {
      int n = Math.min(x.length - i, 1 + r.nextInt(3000));
      ex.push(x, i, n);
      i += n;
    }
    ex.finish();
    assertEquals(oneShot[0].length, cols.size());
    for (int t = 0; t < cols.size(); t++) {
      for (int b = 0; b < oneShot.length; b++) {
        assertEquals(oneShot[b][t], cols.get(t)[b], 0f);
      }
    }
    assertEquals(2.0 * 300 / SR, ex.frameSeconds(), 1e-15);
    assertEquals("Hz", ex.rowUnit());
  }

  @Test
  void axisAndValidation() {
    LofarConfig d = LofarConfig.defaults();
    double[] f = Lofar.frequencies(4000, d);
    // fmax 1000 Hz at 4000 Hz with n_fft 4096: bins 0..1024, spacing 0.9765625 Hz
    assertEquals(1025, f.length);
    assertEquals(0.0, f[0], 0);
    assertEquals(1000.0, f[1024], 1e-9);
    // fmax above Nyquist is clipped to sr/2
    double[] g = Lofar.frequencies(1000, d);
    assertEquals(500.0, g[g.length - 1], 1e-9);
    assertTrue(Arrays.stream(g).allMatch(v -> v <= 500.0));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LofarConfig(4096, 2048, 0, 0, 1000, 16, 2, 2, true));
    assertTrue(e.getMessage().contains("n_average"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LofarConfig(4096, 2048, 1, 500, 100, 16, 2, 2, true));
    assertTrue(e.getMessage().contains("fmax"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new LofarConfig(4096, 2048, 1, 0, 100, 16, 20, 2, true));
    assertTrue(e.getMessage().contains("tpsw_gap"));
    LofarConfig high = new LofarConfig(4096, 2048, 1, 3000, 4000, 16, 2, 2, true);
    e =
        assertThrows(
            IllegalArgumentException.class, () -> new LofarExtractor(high, 4000, (a, t) -> {}));
    assertTrue(e.getMessage().contains("fmin"));
    assertArrayEquals(new double[0], Lofar.frequencies(4000, high));
  }
}
