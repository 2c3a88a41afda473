package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SosFilterTest {

  private static float[] noise(int n, long seed) {
    Random r = new Random(seed);
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) r.nextGaussian();
    }
    return x;
  }

  /** Direct form I on each section in turn, all in double: an independent reference. */
  private static double[] naive(double[][] sos, float[] x) {
    double[] v = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      v[i] = x[i];
    }
    for (double[] s : sos) {
      double[] y = new double[v.length];
      for (int n = 0; n < v.length; n++) {
        double acc = s[0] * v[n];
        if (n >= 1) {
          acc += s[1] * v[n - 1] - s[4] * y[n - 1];
        }
        if (n >= 2) {
          acc += s[2] * v[n - 2] - s[5] * y[n - 2];
        }
        y[n] = acc / s[3];
      }
      v = y;
    }
    return v;
  }

  @Test
  void matchesNaiveDirectFormOneReference() {
    float[] x = noise(5000, 1);
    for (ButterworthSpec spec : ButterworthPhysicsTest.specs()) {
      double[][] sos = Butterworth.design(spec);
      double[] ref = naive(sos, x);
      float[] y = SosFilter.filter(sos, x);
      double scale = 0;
      for (double v : ref) {
        scale = Math.max(scale, Math.abs(v));
      }
      for (int i = 0; i < x.length; i++) {
        assertEquals(ref[i], y[i], 1e-5 * scale, spec + " sample " + i);
      }
    }
  }

  @Test
  void blockwiseStreamingEqualsOneCallExactly() {
    double[][] sos = Butterworth.design(ButterworthSpec.bandPass(4, 1000, 2000, 52734));
    float[] x = noise(10007, 2);
    float[] whole = SosFilter.filter(sos, x);
    for (int block : new int[] {1, 2, 7, 64, 1000, 4096}) {
      SosFilter f = new SosFilter(sos);
      float[] y = x.clone();
      for (int off = 0; off < y.length; off += block) {
        f.process(y, off, Math.min(block, y.length - off));
      }
      assertArrayEquals(whole, y, "block size " + block);
    }
  }

  @Test
  void resetRestartsFromZeroState() {
    SosFilter f = new SosFilter(ButterworthSpec.lowPass(3, 500, 8000));
    float[] x = noise(3000, 3);
    float[] a = x.clone();
    f.process(a);
    f.reset();
    float[] b = x.clone();
    f.process(b);
    assertArrayEquals(a, b);
  }

  @Test
  void steadyStateStartHasNoTransientForConstantInput() {
    SosFilter f = new SosFilter(ButterworthSpec.lowPass(6, 100, 16000));
    f.resetToSteadyState(0.25);
    float[] x = new float[500];
    java.util.Arrays.fill(x, 0.25f);
    f.process(x);
    for (float v : x) {
      assertEquals(0.25, v, 1e-6);
    }
  }

  @Test
  void filtfiltOfPassbandSineHasNoPhaseShiftAndSquaredGain() {
    double fs = 16000;
    ButterworthSpec spec = ButterworthSpec.lowPass(4, 1000, fs);
    double[][] sos = Butterworth.design(spec);
    double[] freqs = {100, 300, 700, 1000};
    for (double f : freqs) {
      float[] x = SineFit.cosine(16000, f / fs, 1.0, 0.7);
      float[] y = SosFilter.filtfilt(sos, x);
      SineFit in = SineFit.fit(x, 4000, 12000, f / fs);
      SineFit out = SineFit.fit(y, 4000, 12000, f / fs);
      double h = ButterworthPhysicsTest.magnitude(sos, f, fs);
      assertEquals(in.phase(), out.phase(), 1e-4, "phase shift at " + f + " Hz");
      assertEquals(h * h, out.amplitude(), 1e-4, "zero-phase gain |H|^2 at " + f + " Hz");
      // a causal pass alone does shift the phase (so the check above can fail)
      float[] causal = SosFilter.filter(sos, x);
      SineFit c = SineFit.fit(causal, 4000, 12000, f / fs);
      assertTrue(Math.abs(c.phase() - in.phase()) > 0.05, "causal phase at " + f);
    }
  }

  @Test
  void padLengthFollowsScipy() {
    // 4 full sections: 3 * (2*4 + 1)
    assertEquals(
        27, SosFilter.filtfiltPadLength(Butterworth.design(ButterworthSpec.bandPass(4, 1, 2, 10))));
    // order 5 low-pass: 3 sections, one of them first order (b2 == a2 == 0)
    assertEquals(
        18, SosFilter.filtfiltPadLength(Butterworth.design(ButterworthSpec.lowPass(5, 1, 10))));
  }

  @Test
  void filtfiltRejectsTooShortInputNamingThePadLength() {
    double[][] sos = Butterworth.design(ButterworthSpec.lowPass(4, 100, 1000));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SosFilter.filtfilt(sos, new float[15]));
    assertTrue(e.getMessage().contains("15") && e.getMessage().contains("got length 15"));
  }

  @Test
  void rejectsMalformedSections() {
    assertThrows(IllegalArgumentException.class, () -> new SosFilter(new double[0][]));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> new SosFilter(new double[][] {{1, 0, 0, 0, 0}}));
    assertTrue(e.getMessage().contains("row 0"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new SosFilter(new double[][] {{1, 0, 0, 0, 0, 0}}));
    assertTrue(e.getMessage().contains("a0"));
  }
}
