package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Physical properties of the designs, checked against closed forms and by filtering sines. */
class ButterworthPhysicsTest {

  private static final double HALF_POWER_DB = 10 * Math.log10(0.5); // -3.0103

  /** |H(e^{i 2 pi f / fs})| of a cascade, evaluated directly from the coefficients. */
  static double magnitude(double[][] sos, double f, double fs) {
    double w = 2 * Math.PI * f / fs;
    double mag = 1;
    for (double[] s : sos) {
      // H(z) = (b0 + b1 z^-1 + b2 z^-2) / (a0 + a1 z^-1 + a2 z^-2)
      double nr = s[0] + s[1] * Math.cos(w) + s[2] * Math.cos(2 * w);
      double ni = -s[1] * Math.sin(w) - s[2] * Math.sin(2 * w);
      double dr = s[3] + s[4] * Math.cos(w) + s[5] * Math.cos(2 * w);
      double di = -s[4] * Math.sin(w) - s[5] * Math.sin(2 * w);
      mag *= Math.hypot(nr, ni) / Math.hypot(dr, di);
    }
    return mag;
  }

  /**
   * The ideal digital Butterworth magnitude: the analog response 1/sqrt(1 + W^(2N)) at the
   * bilinear-warped frequency, W the normalised prototype frequency of the transformation.
   */
  static double ideal(ButterworthSpec spec, double f) {
    double fs = spec.sampleRate();
    double t = Math.tan(Math.PI * f / fs);
    double t1 = Math.tan(Math.PI * spec.lowHz() / fs);
    double prototype =
        switch (spec.type()) {
          case LOW_PASS -> t / t1;
          case HIGH_PASS -> t1 / t;
          case BAND_PASS, BAND_STOP -> {
            double t2 = Math.tan(Math.PI * spec.highHz() / fs);
            double bp = (t * t - t1 * t2) / (t * (t2 - t1));
            yield spec.type() == FilterType.BAND_PASS ? bp : 1 / bp;
          }
        };
    return 1 / Math.sqrt(1 + Math.pow(Math.abs(prototype), 2 * spec.order()));
  }

  static ButterworthSpec[] specs() {
    return new ButterworthSpec[] {
      ButterworthSpec.lowPass(1, 100, 1000),
      ButterworthSpec.lowPass(2, 5000, 52734),
      ButterworthSpec.lowPass(7, 250, 16000),
      ButterworthSpec.lowPass(10, 7000, 16000),
      ButterworthSpec.highPass(1, 10, 16000),
      ButterworthSpec.highPass(4, 20, 52734),
      ButterworthSpec.highPass(9, 3000, 8000),
      ButterworthSpec.bandPass(1, 1000, 2000, 52734),
      ButterworthSpec.bandPass(4, 1000, 2000, 52734),
      ButterworthSpec.bandPass(5, 10, 20000, 52734),
      ButterworthSpec.bandPass(6, 100, 150, 4000),
      ButterworthSpec.bandStop(2, 50, 70, 1000),
      ButterworthSpec.bandStop(5, 400, 600, 8000),
    };
  }

  @Test
  void magnitudeFollowsTheWarpedButterworthCurveEverywhere() {
    for (ButterworthSpec spec : specs()) {
      double[][] sos = Butterworth.design(spec);
      for (int i = 1; i < 400; i++) {
        double f = spec.sampleRate() / 2 * i / 400.0;
        double expected = ideal(spec, f);
        double actual = magnitude(sos, f, spec.sampleRate());
        // Relative 1e-6, floored where the response is below -240 dB (rounding noise).
        assertEquals(expected, actual, 1e-6 * expected + 1e-12, spec + " |H| at " + f + " Hz");
      }
    }
  }

  @Test
  void edgesAreAtMinus3Point01Db() {
    for (ButterworthSpec spec : specs()) {
      double[][] sos = Butterworth.design(spec);
      double lowDb = 20 * Math.log10(magnitude(sos, spec.lowHz(), spec.sampleRate()));
      assertEquals(HALF_POWER_DB, lowDb, 1e-6, spec + " gain at lowHz");
      if (spec.highHz() > 0) {
        double highDb = 20 * Math.log10(magnitude(sos, spec.highHz(), spec.sampleRate()));
        assertEquals(HALF_POWER_DB, highDb, 1e-6, spec + " gain at highHz");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 8})
  void measuredSineGainAtCutoffIsMinus3Point01Db(int order) {
    double fs = 16000;
    double fc = 1234;
    for (ButterworthSpec spec :
        new ButterworthSpec[] {
          ButterworthSpec.lowPass(order, fc, fs), ButterworthSpec.highPass(order, fc, fs)
        }) {
      float[] x = SineFit.cosine(16000, fc / fs, 1.0, 0.3);
      new SosFilter(spec).process(x);
      // steady state: the transient of these poles has decayed after a few hundred samples
      SineFit fit = SineFit.fit(x, 8000, 16000, fc / fs);
      double db = SineFit.db(fit.amplitude());
      assertEquals(HALF_POWER_DB, db, 0.01, spec + " measured " + db + " dB");
    }
  }

  @Test
  void lowPassDcGainIsOneAndStepSettlesAtOne() {
    for (ButterworthSpec spec : specs()) {
      if (spec.type() != FilterType.LOW_PASS) {
        continue;
      }
      double[][] sos = Butterworth.design(spec);
      assertEquals(1.0, magnitude(sos, 0, spec.sampleRate()), 1e-12, spec + " DC gain");
      float[] step = new float[20000];
      Arrays.fill(step, 1f);
      new SosFilter(sos).process(step);
      assertEquals(1.0, step[step.length - 1], 1e-6, spec + " step response end value");
    }
  }

  @Test
  void passbandCentresHaveUnitGainAndStopbandCentresAZero() {
    for (ButterworthSpec spec : specs()) {
      double fs = spec.sampleRate();
      double[][] sos = Butterworth.design(spec);
      switch (spec.type()) {
        case HIGH_PASS -> {
          assertEquals(1.0, magnitude(sos, fs / 2, fs), 1e-9, spec + " Nyquist gain");
          assertEquals(0.0, magnitude(sos, 0, fs), 1e-12, spec + " DC gain");
        }
        case BAND_PASS, BAND_STOP -> {
          double centre =
              fs
                  / Math.PI
                  * Math.atan(
                      Math.sqrt(
                          Math.tan(Math.PI * spec.lowHz() / fs)
                              * Math.tan(Math.PI * spec.highHz() / fs)));
          double g = magnitude(sos, centre, fs);
          if (spec.type() == FilterType.BAND_PASS) {
            assertEquals(1.0, g, 1e-9, spec + " gain at centre " + centre);
            assertEquals(0.0, magnitude(sos, 0, fs), 1e-12, spec + " DC gain");
          } else {
            assertEquals(0.0, g, 1e-6, spec + " gain at centre " + centre);
            assertEquals(1.0, magnitude(sos, 0, fs), 1e-9, spec + " DC gain");
            assertEquals(1.0, magnitude(sos, fs / 2, fs), 1e-9, spec + " Nyquist gain");
          }
        }
        default -> {}
      }
    }
  }

  @Test
  void invalidSpecsNameTheBadValue() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ButterworthSpec.lowPass(4, 9000, 16000));
    assertTrue(e.getMessage().contains("lowHz=9000.0"), e.getMessage());
    assertTrue(e.getMessage().contains("8000.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ButterworthSpec.bandPass(2, 2000, 30000, 52734));
    assertTrue(e.getMessage().contains("highHz=30000.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ButterworthSpec.bandPass(2, 2000, 1000, 16000));
    assertTrue(e.getMessage().contains("lowHz=2000.0 >= highHz=1000.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ButterworthSpec.bandStop(2, 1000, 1000, 16000));
    assertTrue(e.getMessage().contains("lowHz=1000.0 >= highHz=1000.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ButterworthSpec.highPass(0, 10, 16000));
    assertTrue(e.getMessage().contains("order=0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ButterworthSpec.highPass(2, -5, 16000));
    assertTrue(e.getMessage().contains("lowHz=-5.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ButterworthSpec.lowPass(2, 100, 0));
    assertTrue(e.getMessage().contains("sampleRate=0.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ButterworthSpec(FilterType.LOW_PASS, 2, 100, 200, 1000));
    assertTrue(e.getMessage().contains("highHz=200.0"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class, () -> ButterworthSpec.lowPass(2, Double.NaN, 1000));
    assertTrue(e.getMessage().contains("lowHz=NaN"), e.getMessage());
  }
}
