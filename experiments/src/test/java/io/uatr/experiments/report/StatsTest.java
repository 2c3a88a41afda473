package io.uatr.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void meanAndSampleStdMatchHandComputedValues() {
    // 0.80, 0.85, 0.90: mean 0.85; squared deviations 0.0025, 0, 0.0025; / (3 - 1) = 0.0025
    double[] v = {0.80, 0.85, 0.90};
    assertEquals(0.85, Stats.mean(v), 1e-12);
    assertEquals(0.05, Stats.std(v), 1e-12);
    assertEquals("85.00 +- 5.00", Stats.percent(v));
    // 2, 4, 4, 4, 5, 5, 7, 9: mean 5, sum of squares 32, sample variance 32 / 7
    double[] w = {2, 4, 4, 4, 5, 5, 7, 9};
    assertEquals(5, Stats.mean(w), 1e-12);
    assertEquals(Math.sqrt(32.0 / 7), Stats.std(w), 1e-12);
    assertEquals("5.000 +- 2.138", Stats.meanStd(w, 1, 3));
  }

  @Test
  void nanIsIgnoredAndSingleValuesHaveNoSpread() {
    assertEquals("0.099", Stats.meanStd(new double[] {0.0994}, 1, 3));
    assertEquals("n/a", Stats.meanStd(new double[] {Double.NaN, Double.NaN}, 1, 3));
    assertEquals("0.150 +- 0.071", Stats.meanStd(new double[] {0.1, Double.NaN, 0.2}, 1, 3));
    assertEquals(0, Stats.std(new double[] {0.3}));
  }
}
