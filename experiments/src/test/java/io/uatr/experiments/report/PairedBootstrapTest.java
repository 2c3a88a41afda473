package io.uatr.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PairedBootstrapTest {
  @Test
  void equalDifferencesGiveAZeroWidthIntervalAtThatValue() {
    // every recording: the variant right in 2 of 3 seeds where the reference is always wrong
    int[][] v = {{1, 1, 1, 1}, {1, 1, 1, 1}, {0, 0, 0, 0}};
    int[][] ref = new int[3][4];
    PairedBootstrap.Interval i = PairedBootstrap.difference(v, ref, 10_000, 7, 0.95);
    assertEquals(2.0 / 3, i.mean(), 1e-12);
    assertEquals(2.0 / 3, i.low(), 1e-12);
    assertEquals(2.0 / 3, i.high(), 1e-12);
    assertEquals(3, i.seeds());
    assertEquals(4, i.recordings());
    assertTrue(i.significant());
    assertEquals("b better than m3 (95 % CI excludes 0)", Comparisons.verdict("b", "m3", i));
  }

  @Test
  void twoRecordingsGiveTheExactPercentileIntervalOfTheFourResamples() {
    // per-recording mean differences over 2 seeds: r0 (1 + 0) / 2 = 0.5, r1 (-1 + 0) / 2 = -0.5.
    // The 4 equally likely resamples {r0,r0}, {r0,r1}, {r1,r0}, {r1,r1} have means 0.5, 0, 0,
    // -0.5: P(-0.5) = 1/4 > 2.5 % and P(0.5) = 1/4 > 2.5 %, so the exact 2.5th and 97.5th
    // percentiles are -0.5 and 0.5; with 10 000 resamples about 2 500 land on each end.
    int[][] v = {{1, 0}, {0, 0}};
    int[][] ref = {{0, 1}, {0, 0}};
    PairedBootstrap.Interval i = PairedBootstrap.difference(v, ref, 10_000, 3, 0.95);
    assertEquals(0, i.mean(), 1e-12);
    assertEquals(-0.5, i.low(), 1e-12);
    assertEquals(0.5, i.high(), 1e-12);
    assertFalse(i.significant());
    assertEquals("no significant difference", Comparisons.verdict("b", "m3", i));
  }

  @Test
  void matchesANaiveClusterBootstrapOverTheRawSeedByRecordingTable() {
    SplittableRandom data = new SplittableRandom(11);
    int seeds = 3;
    int recs = 23;
    int[][] v = new int[seeds][recs];
    int[][] ref = new int[seeds][recs];
    for (int s = 0; s < seeds; s++) {
      for (int r = 0; r < recs; r++) {
        v[s][r] = data.nextDouble() < 0.8 ? 1 : 0;
        ref[s][r] = data.nextDouble() < 0.6 ? 1 : 0;
      }
    }
    int b = 2000;
    long seed = 42;
    // naive: draw recording indices, then average correct_v - correct_ref over (drawn recording,
    // seed) pairs straight from the tables
    SplittableRandom rng = new SplittableRandom(seed);
    double[] stats = new double[b];
    for (int k = 0; k < b; k++) {
      double sum = 0;
      for (int i = 0; i < recs; i++) {
        int r = rng.nextInt(recs);
        for (int s = 0; s < seeds; s++) {
          sum += v[s][r] - ref[s][r];
        }
      }
      stats[k] = sum / (recs * seeds);
    }
    Arrays.sort(stats);
    double hits = 0;
    for (int s = 0; s < seeds; s++) {
      for (int r = 0; r < recs; r++) {
        hits += v[s][r] - ref[s][r];
      }
    }
    PairedBootstrap.Interval i = PairedBootstrap.difference(v, ref, b, seed, 0.95);
    assertEquals(hits / (seeds * recs), i.mean(), 1e-12);
    // 2.5 % of 2000 = 50th smallest (index 49); 97.5 % = 1950th smallest (index 1949)
    assertEquals(stats[49], i.low(), 1e-12);
    assertEquals(stats[1949], i.high(), 1e-12);
    assertTrue(i.low() < i.mean() && i.mean() < i.high());
    PairedBootstrap.Interval again = PairedBootstrap.difference(v, ref, b, seed, 0.95);
    assertEquals(i, again, "deterministic for a seed");
  }

  @Test
  void percentileRanksAreTheCeilingRanks() {
    assertEquals(249, PairedBootstrap.rank(10_000, 0.025));
    assertEquals(9749, PairedBootstrap.rank(10_000, 0.975));
    assertEquals(0, PairedBootstrap.rank(4, 0.025));
    assertEquals(3, PairedBootstrap.rank(4, 0.975));
  }

  @Test
  void aClearlyWorseVariantIsCalledWorse() {
    int[][] v = new int[2][30];
    int[][] ref = new int[2][30];
    for (int[] row : ref) {
      Arrays.fill(row, 1);
    }
    v[0][0] = 1;
    PairedBootstrap.Interval i = PairedBootstrap.difference(v, ref, 10_000, 1, 0.95);
    assertEquals(-59.0 / 60, i.mean(), 1e-12);
    assertTrue(i.high() < 0);
    assertEquals("b worse than m3 (95 % CI excludes 0)", Comparisons.verdict("b", "m3", i));
  }
}
