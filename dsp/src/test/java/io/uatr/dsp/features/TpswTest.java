package io.uatr.dsp.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TpswTest {

  /** Naive TPSW with explicit loops over each bin's split window, truncated at the edges. */
  static double[] naive(double[] x, int n, int g, double alpha) {
    int len = x.length;
    double[] m1 = new double[len];
    for (int i = 0; i < len; i++) {
      m1[i] = naiveMean(x, i, n, g);
    }
    double[] c = new double[len];
    for (int i = 0; i < len; i++) {
      c[i] = x[i] > alpha * m1[i] ? m1[i] : x[i];
    }
    double[] out = new double[len];
    for (int i = 0; i < len; i++) {
      out[i] = naiveMean(c, i, n, g);
    }
    return out;
  }

  static double naiveMean(double[] x, int i, int n, int g) {
    double s = 0;
    int count = 0;
    for (int j = i - n; j <= i + n; j++) {
      if (j >= 0 && j < x.length && Math.abs(j - i) > g) {
        s += x[j];
        count++;
      }
    }
    return count == 0 ? x[i] : s / count;
  }

  static double[] randomSpectrum(int len, long seed) {
    Random r = new Random(seed);
    double[] x = new double[len];
    for (int i = 0; i < len; i++) {
      x[i] = -Math.log(1 - r.nextDouble()) * (1 + i * 0.01);
      if (r.nextInt(20) == 0) {
        x[i] *= 50; // occasional lines, exercising the clipping
      }
    }
    return x;
  }

  @ParameterizedTest
  @CsvSource({"16,2,2.0,500", "5,0,1.5,40", "3,2,3.0,7", "8,1,1.0,3", "10,4,2.0,1"})
  void matchesNaiveLoops(int n, int g, double alpha, int len) {
    double[] x = randomSpectrum(len, 7 + len);
    double[] want = naive(x, n, g, alpha);
    double[] got = Tpsw.background(x, n, g, alpha);
    float[] xf = new float[len];
    for (int i = 0; i < len; i++) {
      xf[i] = (float) x[i];
    }
    float[] gotF = Tpsw.background(xf, n, g, alpha);
    for (int i = 0; i < len; i++) {
      assertEquals(want[i], got[i], 1e-12 * Math.abs(want[i]) + 1e-15, "bin " + i);
      assertEquals(want[i], gotF[i], 1e-5 * Math.abs(want[i]), "float bin " + i);
    }
  }

  @Test
  void offsetFormReadsTheSliceAndReusesScratch() {
    double[] x = randomSpectrum(300, 3);
    float[] xf = new float[310];
    double[] slice = new double[300];
    for (int i = 0; i < 300; i++) {
      xf[i + 10] = (float) x[i];
      slice[i] = xf[i + 10];
    }
    float[] out = new float[300];
    double[] work = Tpsw.background(xf, 10, 300, 12, 2, 2.0, out, new double[0]);
    assertEquals(301, work.length);
    double[] want = naive(slice, 12, 2, 2.0);
    double[] again = Tpsw.background(xf, 10, 300, 12, 2, 2.0, out, work);
    assertTrue(again == work);
    for (int i = 0; i < 300; i++) {
      assertEquals(want[i], out[i], 1e-5 * want[i], "bin " + i);
    }
  }

  @Test
  void tonalOnSlopedFloorStandsOutAtItsSnrAndFloorBecomesOne() {
    // floor falls 30 dB across 1000 bins (log-linear slope); a tonal 20 dB above the floor
    int len = 1000;
    float[] s = new float[len];
    for (int i = 0; i < len; i++) {
      s[i] = (float) Math.pow(10, -3.0 * i / len);
    }
    int k = 400;
    double floorAtK = s[k];
    s[k] += (float) (100 * floorAtK);
    float[] r = Tpsw.normalize(s, 20, 3, 2.0);
    assertEquals(101.0, r[k], 0.5, "tonal / background at the tonal bin");
    for (int i = 20; i < len - 20; i++) {
      if (Math.abs(i - k) > 3) {
        assertEquals(1.0, r[i], 0.01, "floor bin " + i);
      }
    }
    // the unclipped mean would be raised by the tonal next to it; TPSW's clipping prevents that
    assertEquals(1.0, r[k + 5], 0.01);
  }

  @Test
  void randomFloorNormalisesToAboutOneAndTonalToItsSnr() {
    // exponential (chi-square 2 dof) periodogram values around a sloped mean, averaged over 16
    // frames (so the per-bin scatter is about 25 %), plus a tonal 20 dB above the mean floor
    Random rnd = new Random(11);
    int len = 2000;
    int frames = 16;
    float[] s = new float[len];
    double[] floor = new double[len];
    for (int i = 0; i < len; i++) {
      floor[i] = Math.pow(10, -2.0 * i / len);
      double sum = 0;
      for (int f = 0; f < frames; f++) {
        sum += -Math.log(1 - rnd.nextDouble());
      }
      s[i] = (float) (floor[i] * sum / frames);
    }
    int k = 1234;
    s[k] += (float) (100 * floor[k]);
    float[] r = Tpsw.normalize(s, 30, 3, 2.0);
    assertEquals(101.0, r[k], 101 * 0.15, "tonal stands out at ~its SNR");
    double mean = 0;
    int count = 0;
    for (int i = 40; i < len - 40; i++) {
      if (Math.abs(i - k) > 3) {
        mean += r[i];
        count++;
      }
    }
    mean /= count;
    assertEquals(1.0, mean, 0.03, "mean normalised floor");
  }

  @Test
  void validatesParameters() {
    double[] x = new double[10];
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Tpsw.background(x, 3, 3, 2.0));
    assertTrue(e.getMessage().contains("tpsw_gap"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TpswConfig(0, 0, 2.0));
    assertTrue(e.getMessage().contains("tpsw_window"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new TpswConfig(4, 1, 0.5));
    assertTrue(e.getMessage().contains("tpsw_alpha"), e.getMessage());
  }
}
