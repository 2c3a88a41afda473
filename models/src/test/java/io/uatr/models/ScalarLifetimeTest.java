package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.uatr.models.blocks.Scalars;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * DJL's {@code NDArray.mul(Number)}/{@code div(Number)} build the scalar from a Java direct buffer,
 * use it and close it; the autograd graph keeps a tensor over that buffer's memory, which the
 * garbage collector frees before the backward pass reads it. {@link Scalars} gives the graph a
 * scalar of the engine's own memory.
 */
class ScalarLifetimeTest {

  static List<ByteBuffer> churn() throws InterruptedException {
    List<ByteBuffer> keep = new ArrayList<>();
    for (int round = 0; round < 5; round++) {
      System.gc();
      Thread.sleep(30);
      for (int i = 0; i < 2000; i++) {
        ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
        b.putFloat(0, 1e30f);
        keep.add(b);
      }
    }
    return keep;
  }

  static float[] gradient(BiFunction<NDArray, Float, NDArray> scale) throws Exception {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2, 3});
      a.setRequiresGradient(true);
      List<ByteBuffer> garbage;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray y = scale.apply(a.square(), 3f).sum();
        garbage = churn();
        gc.backward(y);
      }
      garbage.clear();
      return a.getGradient().toFloatArray();
    }
  }

  @Test
  void aScalarFactorSurvivesUntilTheBackwardPass() throws Exception {
    // d/da sum(3 a^2) = 6 a
    float[] expected = {6, 12, 18};
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(expected, gradient(Scalars::mul), 1e-5f, "mul, try " + i);
      assertArrayEquals(
          new float[] {2f / 3, 4f / 3, 2}, gradient(Scalars::div), 1e-5f, "div, try " + i);
    }
  }
}
