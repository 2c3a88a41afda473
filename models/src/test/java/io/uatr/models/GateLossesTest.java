package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.uatr.models.blocks.GateLosses;
import io.uatr.models.spec.AuxLossWeights;
import java.util.List;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.junit.jupiter.api.Test;

/** Each auxiliary gate loss against a value worked out by hand on a small input. */
class GateLossesTest {

  @Test
  void mutualInformationByHand() {
    try (NDManager m = NDManager.newBaseManager()) {
      // one-hot and balanced: mean H = 0, H(mean) = log 2 -> -1
      NDArray sharp = m.create(new float[][] {{1, 0}, {0, 1}});
      assertEquals(-1.0, GateLosses.mutualInformation(sharp).getFloat(), 1e-6);
      NDArray uniform = m.create(new float[][] {{0.5f, 0.5f}, {0.5f, 0.5f}});
      assertEquals(0.0, GateLosses.mutualInformation(uniform).getFloat(), 1e-6);
      // rows (0.9, 0.1) and (0.5, 0.5): mean of H, minus H of (0.7, 0.3), over log 2
      double h1 = -(0.9 * Math.log(0.9) + 0.1 * Math.log(0.1));
      double h2 = Math.log(2);
      double hm = -(0.7 * Math.log(0.7) + 0.3 * Math.log(0.3));
      double expected = ((h1 + h2) / 2 - hm) / Math.log(2);
      NDArray mixed = m.create(new float[][] {{0.9f, 0.1f}, {0.5f, 0.5f}});
      assertEquals(expected, GateLosses.mutualInformation(mixed).getFloat(), 1e-5);
    }
  }

  @Test
  void importanceIsSquaredCoefficientOfVariationOfColumnSums() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[][] {{0.5f, 0.5f, 0}, {0.25f, 0.25f, 0.5f}});
      // Column sums (0.75, 0.75, 0.5): mean 2/3, population variance 1/72, CV^2 = 1/32.
      assertEquals(1.0 / 32, GateLosses.importance(w).getFloat(), 1e-6);
    }
  }

  @Test
  void switchBalanceIsExpertsTimesDotOfFractionAndMeanProbability() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[][] {{2, 0, 0}, {0, 1, 0}});
      // Top-1 choices 0 and 1: f = (1/2, 1/2, 0).
      double z0 = Math.exp(2) + 2;
      double z1 = Math.E + 2;
      double p0 = (Math.exp(2) / z0 + 1 / z1) / 2;
      double p1 = (1 / z0 + Math.E / z1) / 2;
      double expected = 3 * (0.5 * p0 + 0.5 * p1);
      assertEquals(expected, GateLosses.switchBalance(logits).getFloat(), 1e-6);
    }
  }

  @Test
  void zLossIsMeanSquaredLogSumExp() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[][] {{0, 0}, {(float) Math.log(3), 0}});
      // logsumexp: ln 2 and ln 4 = 2 ln 2; mean of squares = 2.5 (ln 2)^2.
      double ln2 = Math.log(2);
      assertEquals(2.5 * ln2 * ln2, GateLosses.zLoss(logits).getFloat(), 1e-6);
      // Large logits stay finite (max subtraction).
      NDArray big = m.create(new float[][] {{100, 100}});
      double lse = 100 + ln2;
      assertEquals(lse * lse, GateLosses.zLoss(big).getFloat(), 1e-2);
    }
  }

  @Test
  void loadUsesTheKthLargestNoisyLogitExcludingSelf() {
    NormalDistribution phi = new NormalDistribution();
    try (NDManager m = NDManager.newBaseManager()) {
      float[][] clean = {{1.5f, 0.5f, -0.5f}, {0f, 1f, 0.2f}};
      float[][] noisy = {{2f, 1f, 0f}, {-1f, 0.5f, 3f}};
      float[][] std = {{1f, 0.5f, 2f}, {1f, 1f, 0.25f}};
      // k = 1. Row 0: top two noisy values 2 (expert 0) and 1. Expert 0 is in the top 1, so its
      // threshold is the 2nd largest (1); the others are out, threshold the largest (2).
      double[] load = new double[3];
      load[0] += phi.cumulativeProbability((1.5 - 1) / 1.0);
      load[1] += phi.cumulativeProbability((0.5 - 2) / 0.5);
      load[2] += phi.cumulativeProbability((-0.5 - 2) / 2.0);
      // Row 1: top two are 3 (expert 2) and 0.5.
      load[0] += phi.cumulativeProbability((0 - 3) / 1.0);
      load[1] += phi.cumulativeProbability((1 - 3) / 1.0);
      load[2] += phi.cumulativeProbability((0.2 - 0.5) / 0.25);
      double mean = (load[0] + load[1] + load[2]) / 3;
      double var = 0;
      for (double l : load) {
        var += (l - mean) * (l - mean) / 3;
      }
      double expected = var / (mean * mean + 1e-10);
      NDArray got = GateLosses.load(m.create(clean), m.create(noisy), m.create(std), 1);
      assertEquals(expected, got.getFloat(), 1e-5);
    }
  }

  @Test
  void totalAveragesWeightedSumsOverGates() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w1 = m.create(new float[][] {{0.5f, 0.5f, 0}, {0.25f, 0.25f, 0.5f}});
      NDArray l1 = m.create(new float[][] {{0, 0, 0}, {0, 0, 0}});
      NDArray w2 = m.create(new float[][] {{1f, 0f, 0}, {1f, 0f, 0f}});
      NDArray l2 = m.create(new float[][] {{0, 0, 0}, {0, 0, 0}});
      AuxLossWeights weights = new AuxLossWeights(2, 0, 0, 0.5);
      double lse = Math.log(3);
      // Gate 1: importance 1/32; gate 2: column sums (2, 0, 0), CV^2 = var/mean^2 = 2.
      double expected = ((2 / 32.0 + 0.5 * lse * lse) + (2 * 2.0 + 0.5 * lse * lse)) / 2;
      NDArray total =
          GateLosses.total(
              List.of(new NDList(w1, l1), new NDList(w2, l2)), List.of(0, 0), weights, w1);
      assertEquals(expected, total.getFloat(), 1e-5);
    }
  }
}
