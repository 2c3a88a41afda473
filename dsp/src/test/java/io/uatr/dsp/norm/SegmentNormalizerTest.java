package io.uatr.dsp.norm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SegmentNormalizerTest {

  @Test
  void segmentHandComputed() {
    // mean 2.5, deviations -1.5 -0.5 0.5 1.5, variance (2.25+0.25+0.25+2.25)/4 = 1.25
    float[] x = {1, 2, 3, 4};
    SegmentNormalizer.Stats s = SegmentNormalizer.normalizeInPlace(x, 0);
    assertEquals(2.5, s.mean(), 1e-12);
    assertEquals(Math.sqrt(1.25), s.std(), 1e-12);
    double d = Math.sqrt(1.25);
    assertArrayEquals(
        new float[] {(float) (-1.5 / d), (float) (-0.5 / d), (float) (0.5 / d), (float) (1.5 / d)},
        x,
        1e-6f);
  }

  @Test
  void copyLeavesInputAndHasZeroMeanUnitVariance() {
    float[] x = {3, -1, 7, 7, 0, 2};
    float[] y = SegmentNormalizer.normalize(x, SegmentNormalizer.DEFAULT_EPS);
    assertArrayEquals(new float[] {3, -1, 7, 7, 0, 2}, x);
    SegmentNormalizer.Stats s = SegmentNormalizer.stats(y);
    assertEquals(0, s.mean(), 1e-6);
    assertEquals(1, s.std(), 1e-6);
  }

  @Test
  void silenceBecomesZerosWithEpsilon() {
    float[] x = {0.25f, 0.25f, 0.25f};
    SegmentNormalizer.Stats s = SegmentNormalizer.normalizeInPlace(x, 1e-8);
    assertEquals(0.25, s.mean(), 1e-12);
    assertEquals(0, s.std(), 0);
    assertArrayEquals(new float[] {0, 0, 0}, x);
    float[] z = {1, 1};
    assertThrows(IllegalArgumentException.class, () -> SegmentNormalizer.normalizeInPlace(z, 0));
    assertThrows(IllegalArgumentException.class, () -> SegmentNormalizer.normalize(z, -1));
  }

  @Test
  void epsilonEntersTheDivisor() {
    // mean 0, std 1: y = x / (1 + 1)
    float[] x = {-1, 1};
    SegmentNormalizer.normalizeInPlace(x, 1.0);
    assertArrayEquals(new float[] {-0.5f, 0.5f}, x);
  }

  @Test
  void matrixHandComputed() {
    // entries 0,2,4,6: mean 3, variance (9+1+1+9)/4 = 5
    float[][] m = {{0, 2}, {4, 6}};
    SegmentNormalizer.Stats s = SegmentNormalizer.normalizeMatrixInPlace(m, 0);
    assertEquals(3, s.mean(), 1e-12);
    assertEquals(Math.sqrt(5), s.std(), 1e-12);
    float r = (float) Math.sqrt(5);
    assertArrayEquals(new float[] {-3 / r, -1 / r}, m[0], 1e-6f);
    assertArrayEquals(new float[] {1 / r, 3 / r}, m[1], 1e-6f);
  }

  @Test
  void perBinHandComputed() {
    // row 0: 1,3 -> mean 2 std 1; row 1: 10,10,10 -> mean 10 std 0 (eps keeps it finite)
    float[][] m = {{1, 3}, {10, 10}};
    SegmentNormalizer.BinStats s = SegmentNormalizer.normalizePerBinInPlace(m, 1e-8);
    assertArrayEquals(new double[] {2, 10}, s.mean(), 1e-12);
    assertArrayEquals(new double[] {1, 0}, s.std(), 1e-12);
    assertArrayEquals(new float[] {-1, 1}, m[0], 1e-6f);
    assertArrayEquals(new float[] {0, 0}, m[1]);
    float[][] other = {{2, 4}, {11, 9}};
    SegmentNormalizer.applyPerBin(
        other, new SegmentNormalizer.BinStats(new double[] {3, 10}, new double[] {1, 0.5}), 0);
    assertArrayEquals(new float[] {-1, 1}, other[0], 1e-6f);
    assertArrayEquals(new float[] {2, -2}, other[1], 1e-6f);
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SegmentNormalizer.applyPerBin(
                other, new SegmentNormalizer.BinStats(new double[1], new double[1]), 0));
  }
}
