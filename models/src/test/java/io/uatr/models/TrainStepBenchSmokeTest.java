package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.models.bench.M3Bench;
import io.uatr.models.bench.StepTimes;
import io.uatr.models.bench.TrainStepBench;
import org.junit.jupiter.api.Test;

/** The benchmark network has the stated layers, and the step loop runs (no timing asserted). */
class TrainStepBenchSmokeTest {

  @Test
  void benchNetworkHasTheStatedParameterShapes() {
    try (NDManager m = NDManager.newBaseManager()) {
      Block block = M3Bench.build();
      block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(2, 1, 64, 256));
      // stem conv 16x1x3x3, per expert 32x16x3x3 and 64x32x3x3, gates 4x16, towers.
      long convWeights =
          block.getParameters().stream()
              .filter(p -> p.getValue().getShape().dimension() == 4)
              .count();
      assertEquals(1 + 4 * 2, convWeights);
      assertTrue(
          block.getParameters().stream()
              .anyMatch(p -> p.getValue().getShape().equals(new Shape(4, 16))));
      assertTrue(
          block.getParameters().stream()
              .anyMatch(p -> p.getValue().getShape().equals(new Shape(9, 64))));
      assertTrue(
          block.getParameters().stream()
              .anyMatch(p -> p.getValue().getShape().equals(new Shape(4, 32))));
      NDList out =
          block.forward(
              new ai.djl.training.ParameterStore(m, false),
              new NDList(m.randomNormal(new Shape(2, 1, 64, 256))),
              false);
      assertEquals(new Shape(2, 9), out.get(0).getShape());
      assertEquals(new Shape(2, 4), out.get(1).getShape());
    }
  }

  @Test
  void stepLoopRunsOnATinyBatch() {
    StepTimes t = TrainStepBench.measure(1, 2, 2, 1);
    assertEquals(2, t.steps());
    assertEquals(0, t.nonFiniteLosses());
    assertTrue(Float.isFinite(t.lastLoss()) && t.lastLoss() > 0, "loss " + t.lastLoss());
    assertTrue(t.meanWallMs() > 0 && t.meanCpuMs() > 0);
    assertThrows(IllegalArgumentException.class, () -> TrainStepBench.measure(1, 0, 2, 0));
  }
}
