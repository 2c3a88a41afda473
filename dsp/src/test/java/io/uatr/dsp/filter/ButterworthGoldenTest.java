package io.uatr.dsp.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Compares designs and filtered outputs with SciPy 1.17 (golden files made by
 * golden/filters/make_golden.py). Tolerances are tighter than needed for use (coefficients agree to
 * about 1 ulp; float outputs to about 1e-7, their rounding): 1e-10 relative on coefficients, 1e-6
 * absolute on outputs of an input with peak amplitude about 2.
 */
class ButterworthGoldenTest {

  static Stream<Arguments> cases() {
    List<String[]> cs = Golden.cases();
    return cs.stream().map(c -> Arguments.of(c[0], Golden.spec(c)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("cases")
  void coefficientsMatchScipyWithin1e10Relative(String name, ButterworthSpec spec) {
    double[][] expected = Golden.matrix(name + "_sos.txt");
    double[][] actual = Butterworth.design(spec);
    assertEquals(expected.length, actual.length, "section count");
    assertEquals(spec.sectionCount(), actual.length, "sectionCount()");
    for (int s = 0; s < expected.length; s++) {
      for (int j = 0; j < 6; j++) {
        double e = expected[s][j];
        double a = actual[s][j];
        assertTrue(
            Math.abs(a - e) <= 1e-10 * Math.abs(e) + 1e-15,
            name + " sos[" + s + "][" + j + "]: expected " + e + ", got " + a);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void steadyStateInitialMatchesScipySosfiltZi(String name, ButterworthSpec spec) {
    double[][] expected = Golden.matrix(name + "_zi.txt");
    double[][] actual = SosFilter.steadyStateInitial(Golden.matrix(name + "_sos.txt"));
    for (int s = 0; s < expected.length; s++) {
      for (int j = 0; j < 2; j++) {
        double e = expected[s][j];
        assertEquals(e, actual[s][j], 1e-9 * Math.abs(e) + 1e-12, name + " zi[" + s + "]");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void filterAndFiltfiltMatchScipyWithin1e6(String name, ButterworthSpec spec) {
    float[] x = Golden.input();
    double[][] out = Golden.matrix(name + "_out.txt");
    double[][] sos = Butterworth.design(spec);
    float[] y = SosFilter.filter(sos, x);
    float[] yy = SosFilter.filtfilt(sos, x);
    double worst1 = 0;
    double worst2 = 0;
    for (int i = 0; i < x.length; i++) {
      worst1 = Math.max(worst1, Math.abs(y[i] - out[i][0]));
      worst2 = Math.max(worst2, Math.abs(yy[i] - out[i][1]));
    }
    assertTrue(worst1 <= 1e-6, name + " sosfilt max abs error " + worst1);
    assertTrue(worst2 <= 1e-6, name + " sosfiltfilt max abs error " + worst2);
  }
}
