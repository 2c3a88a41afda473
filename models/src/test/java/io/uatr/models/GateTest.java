package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.uatr.models.blocks.ExpertLayer;
import io.uatr.models.blocks.Layers;
import io.uatr.models.blocks.NoisyTopKGate;
import io.uatr.models.blocks.SoftmaxGate;
import io.uatr.models.blocks.Top1Gate;
import org.junit.jupiter.api.Test;

/** Gate weights and expert mixing against values computed in the test. */
class GateTest {

  private static NDList run(NDManager m, Block block, NDArray x, boolean training) {
    return block.forward(new ParameterStore(m, false), new NDList(x), training);
  }

  private static void setParam(Block block, String suffix, float[] values) {
    Parameter p =
        block.getParameters().stream()
            .filter(e -> e.getKey().endsWith(suffix))
            .findFirst()
            .orElseThrow()
            .getValue();
    p.getArray().set(values);
  }

  @Test
  void constantInitialisedMixingGivesHandComputedOutputs() {
    try (NDManager m = NDManager.newBaseManager()) {
      // Gate: router weight [3][2] and bias [3] set explicitly; temperature 2.
      SoftmaxGate gate = new SoftmaxGate(3, 2f, 0f);
      gate.initialize(m, DataType.FLOAT32, new Shape(2, 2));
      setParam(gate, "weight", new float[] {1, 0, 0, 1, 1, 1});
      setParam(gate, "bias", new float[] {0, 0, -1});
      // Experts: Linear(2) each, weights constant (i+1), bias 0, so expert i maps v to
      // (i+1) * (v0 + v1) in both output units.
      int[] counter = {0};
      ExpertLayer experts =
          new ExpertLayer(
              3,
              () -> {
                Block b = Layers.linear(2);
                b.setInitializer(new ConstantInitializer(++counter[0]), Parameter.Type.WEIGHT);
                b.setInitializer(new ConstantInitializer(0), Parameter.Type.BIAS);
                return b;
              });
      experts.initialize(m, DataType.FLOAT32, new Shape(2, 2));
      float[][] x = {{1, 2}, {-1, 0.5f}};
      NDArray input = m.create(x);
      NDArray w = run(m, gate, input, false).get(0);
      NDArray stacked = run(m, experts, input, false).head();
      assertEquals(new Shape(2, 3, 2), stacked.getShape());
      NDArray mixed = ExpertLayer.mix(stacked, w);
      float[] gotW = w.toFloatArray();
      float[] gotMix = mixed.toFloatArray();
      for (int b = 0; b < 2; b++) {
        double[] logits = {x[b][0] / 2.0, x[b][1] / 2.0, (x[b][0] + x[b][1] - 1) / 2.0};
        double z = 0;
        for (double l : logits) {
          z += Math.exp(l);
        }
        double mix = 0;
        for (int i = 0; i < 3; i++) {
          double wi = Math.exp(logits[i]) / z;
          assertEquals(wi, gotW[b * 3 + i], 1e-6);
          mix += wi * (i + 1) * (x[b][0] + x[b][1]);
        }
        assertEquals(mix, gotMix[b * 2], 1e-5);
        assertEquals(mix, gotMix[b * 2 + 1], 1e-5);
      }
    }
  }

  @Test
  void denseGatesSumToOneAndDropoutRenormalises() {
    Engine.getInstance().setRandomSeed(3);
    try (NDManager m = NDManager.newBaseManager()) {
      SoftmaxGate gate = new SoftmaxGate(6, 1f, 0.5f);
      gate.initialize(m, DataType.FLOAT32, new Shape(64, 5));
      NDArray x = m.randomNormal(new Shape(64, 5));
      NDArray inference = run(m, gate, x, false).get(0);
      assertEquals(64 * 6, inference.countNonzero().getLong());
      NDArray training = run(m, gate, x, true).get(0);
      float[] ones = new float[64];
      java.util.Arrays.fill(ones, 1f);
      assertArrayEquals(ones, inference.sum(new int[] {1}).toFloatArray(), 1e-5f);
      assertArrayEquals(ones, training.sum(new int[] {1}).toFloatArray(), 1e-5f);
      long zeros = 64 * 6 - training.countNonzero().getLong();
      // About half the experts are dropped (binomial(384, 0.5): 192 +- 10).
      assertTrue(zeros > 140 && zeros < 240, "dropped " + zeros);
      // Kept entries keep their ratios: w' = w / sum(kept w).
      float[] wi = inference.toFloatArray();
      float[] wt = training.toFloatArray();
      for (int b = 0; b < 64; b++) {
        double keptSum = 0;
        for (int i = 0; i < 6; i++) {
          keptSum += wt[b * 6 + i] > 0 ? wi[b * 6 + i] : 0;
        }
        for (int i = 0; i < 6; i++) {
          if (wt[b * 6 + i] > 0) {
            assertEquals(wi[b * 6 + i] / keptSum, wt[b * 6 + i], 1e-5);
          }
        }
      }
    }
  }

  @Test
  void topKGatesHaveExactlyKNonZeros() {
    Engine.getInstance().setRandomSeed(4);
    try (NDManager m = NDManager.newBaseManager()) {
      NoisyTopKGate gate = new NoisyTopKGate(5, 2, 1f);
      gate.initialize(m, DataType.FLOAT32, new Shape(16, 4));
      NDArray x = m.randomNormal(new Shape(16, 4));
      for (boolean training : new boolean[] {false, true}) {
        NDList out = run(m, gate, x, training);
        NDArray w = out.get(0);
        long[] twos = new long[16];
        java.util.Arrays.fill(twos, 2);
        assertArrayEquals(twos, w.countNonzero(1).toLongArray());
        float[] ones = new float[16];
        java.util.Arrays.fill(ones, 1f);
        assertArrayEquals(ones, w.sum(new int[] {1}).toFloatArray(), 1e-5f);
      }
      Top1Gate top1 = new Top1Gate(5, 1f);
      top1.initialize(m, DataType.FLOAT32, new Shape(16, 4));
      NDArray w1 = run(m, top1, x, true).get(0);
      long[] ones = new long[16];
      java.util.Arrays.fill(ones, 1);
      assertArrayEquals(ones, w1.countNonzero(1).toLongArray());
    }
  }

  @Test
  void keepTopKMatchesHandValues() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[][] {{1, 3, 2, 0}, {0, 0.5f, -1, 4}});
      float[] w = NoisyTopKGate.keepTopK(logits, 2).toFloatArray();
      double a = 1 / (1 + Math.exp(-1)); // softmax of (3, 2)
      double b = 1 / (1 + Math.exp(-3.5)); // softmax of (4, 0.5)
      assertArrayEquals(
          new float[] {0, (float) a, (float) (1 - a), 0, 0, (float) (1 - b), 0, (float) b},
          w,
          1e-6f);
    }
  }
}
