package io.uatr.dsp.spectral;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StftTest {

  /** Naive reference: explicit numpy-style padding, symmetric-definition window, O(n^2) DFT. */
  static double[][] naiveComplex(float[] x, StftConfig c) {
    int p = c.center() ? c.nFft() / 2 : 0;
    int n = x.length;
    double[] y = new double[n + 2 * p];
    for (int i = 0; i < y.length; i++) {
      int j = i - p;
      if (j >= 0 && j < n) {
        y[i] = x[j];
      } else if (c.padMode() == PadMode.REFLECT) {
        y[i] = j < 0 ? x[-j] : x[2 * (n - 1) - j];
      }
    }
    double[] w = new double[c.nFft()];
    int left = (c.nFft() - c.winLength()) / 2;
    for (int k = 0; k < c.winLength(); k++) {
      double phase = 2 * Math.PI * k / c.winLength();
      w[left + k] = c.window() == WindowType.HANN ? 0.5 - 0.5 * Math.cos(phase) : 1.0;
    }
    int frames = (int) c.frames(n);
    int bins = c.bins();
    double[][] out = new double[frames][2 * bins];
    for (int t = 0; t < frames; t++) {
      for (int k = 0; k < bins; k++) {
        double re = 0;
        double im = 0;
        for (int m = 0; m < c.nFft(); m++) {
          double v = y[t * c.hopLength() + m] * w[m];
          double a = -2 * Math.PI * k * m / c.nFft();
          re += v * Math.cos(a);
          im += v * Math.sin(a);
        }
        out[t][2 * k] = re;
        out[t][2 * k + 1] = im;
      }
    }
    return out;
  }

  static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({
    "64, 16, 64, true, REFLECT, HANN, 1000",
    "64, 16, 48, true, CONSTANT, HANN, 999",
    "32, 40, 32, true, REFLECT, HANN, 301",
    "64, 20, 64, false, REFLECT, RECTANGULAR, 517",
    "16, 16, 16, true, REFLECT, HANN, 9"
  })
  void matchesNaiveDft(
      int nFft, int hop, int win, boolean center, PadMode mode, WindowType window, int n) {
    StftConfig c = new StftConfig(nFft, hop, win, window, center, mode);
    float[] x = noise(n, n);
    double[][] ref = naiveComplex(x, c);
    float[][] cx = Stft.compute(x, c, SpectrumKind.COMPLEX);
    float[][] pw = Stft.power(x, c);
    float[][] mag = Stft.magnitude(x, c);
    assertEquals(c.frames(n), cx.length, "frame count");
    assertEquals(ref.length, cx.length);
    for (int t = 0; t < ref.length; t++) {
      for (int k = 0; k < c.bins(); k++) {
        double re = ref[t][2 * k];
        double im = ref[t][2 * k + 1];
        double scale = 1e-4 * Math.sqrt(nFft);
        assertEquals(re, cx[t][2 * k], scale, "re t=" + t + " k=" + k);
        assertEquals(im, cx[t][2 * k + 1], scale, "im t=" + t + " k=" + k);
        double pow = re * re + im * im;
        assertEquals(pow, pw[t][k], 1e-4 * (1 + pow), "power t=" + t + " k=" + k);
        assertEquals(Math.sqrt(pow), mag[t][k], 1e-4 * (1 + Math.sqrt(pow)));
      }
    }
  }

  @Test
  void streamingEqualsOneShotForAnyBlockSize() {
    StftConfig c = StftConfig.of(256, 64);
    float[] x = noise(5000, 7);
    float[][] ref = Stft.power(x, c);
    for (int block : new int[] {1, 3, 100, 129, 4097, 5000}) {
      List<float[]> frames = new ArrayList<>();
      StreamingStft s = new StreamingStft(c, SpectrumKind.POWER, (f, i) -> frames.add(f.clone()));
      for (int i = 0; i < x.length; i += block) {
        s.push(x, i, Math.min(block, x.length - i));
      }
      s.finish();
      assertEquals(ref.length, frames.size(), "block " + block);
      for (int t = 0; t < ref.length; t++) {
        assertArrayEquals(ref[t], frames.get(t), "block " + block + " frame " + t);
      }
    }
  }

  @Test
  void parsevalForSine() {
    // A bin-centred sine of amplitude A in a periodic Hann window: peak |X| = A * n / 4.
    int n = 1024;
    float[] x = new float[8192];
    for (int i = 0; i < x.length; i++) {
      x[i] = (float) (0.5 * Math.cos(2 * Math.PI * 64 * i / n));
    }
    float[][] mag = Stft.magnitude(x, StftConfig.of(n, 256));
    assertEquals(0.5 * n / 4, mag[10][64], 1e-2);
    assertEquals(0.5 * n / 8, mag[10][63], 1e-2);
  }

  @Test
  void tooShortForReflectIsAClearError() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Stft.power(new float[10], StftConfig.of(64, 16)));
    assertEquals(true, e.getMessage().contains("too short"));
  }

  @Test
  void configValidationNamesTheKey() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new StftConfig(2048, 0, 2048, WindowType.HANN, true, PadMode.REFLECT));
    assertEquals(true, e.getMessage().startsWith("hop_length"));
    assertThrows(IllegalArgumentException.class, () -> WindowType.parse("kaiser"));
  }

  @Test
  void windowsMatchClosedForms() {
    float[] sym = Windows.get(WindowType.HAMMING, 5, false);
    assertArrayEquals(new float[] {0.08f, 0.54f, 1f, 0.54f, 0.08f}, sym, 1e-6f);
    float[] per = Windows.get(WindowType.HANN, 4, true);
    assertArrayEquals(new float[] {0f, 0.5f, 1f, 0.5f}, per, 1e-6f);
    float[] bl = Windows.get(WindowType.BLACKMAN, 3, false);
    assertArrayEquals(new float[] {0f, 1f, 0f}, bl, 1e-6f);
  }
}
