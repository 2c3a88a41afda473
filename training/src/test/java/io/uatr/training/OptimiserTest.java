package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The NDArray optimisers against a naive double-precision reference on f(w) = sum a (w - t)^2,
 * whose gradient is 2 a (w - t); and an exact state round trip.
 */
class OptimiserTest {

  private static final double[] A = {1, 0.5, 3};
  private static final double[] T = {2, -1, 0.25};
  private static final double[] W0 = {0, 0.5, 1};

  private static OptimizerConfig config(String type) {
    return new OptimizerConfig(type, 0.05, 0.1, 0.8, type.equals("sgd"), 0.9, 0.99, 1e-8);
  }

  /** The reference: the update rules written out with doubles. */
  private static double[] reference(OptimizerConfig c, int steps, double[] lrs) {
    double[] w = W0.clone();
    double[] m = new double[3];
    double[] v = new double[3];
    for (int t = 1; t <= steps; t++) {
      double lr = lrs[t - 1];
      for (int i = 0; i < 3; i++) {
        double g = 2 * A[i] * (w[i] - T[i]);
        if (c.type().equals("sgd")) {
          g += c.weightDecay() * w[i];
          m[i] = t == 1 ? g : c.momentum() * m[i] + g;
          double d = c.nesterov() ? g + c.momentum() * m[i] : m[i];
          w[i] -= lr * d;
        } else {
          if (c.type().equals("adam")) {
            g += c.weightDecay() * w[i];
          } else {
            w[i] -= lr * c.weightDecay() * w[i];
          }
          m[i] = c.beta1() * m[i] + (1 - c.beta1()) * g;
          v[i] = c.beta2() * v[i] + (1 - c.beta2()) * g * g;
          double mh = m[i] / (1 - Math.pow(c.beta1(), t));
          double vh = v[i] / (1 - Math.pow(c.beta2(), t));
          w[i] -= lr * mh / (Math.sqrt(vh) + c.eps());
        }
      }
    }
    return w;
  }

  private static void gradient(NDManager m, NDArray w) {
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      NDArray a = m.create(new float[] {(float) A[0], (float) A[1], (float) A[2]});
      NDArray t = m.create(new float[] {(float) T[0], (float) T[1], (float) T[2]});
      gc.backward(w.sub(t).square().mul(a).sum());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "adamw", "sgd"})
  void matchesReferenceAndResumesExactly(String type) {
    OptimizerConfig c = config(type);
    double[] lrs = {0.05, 0.04, 0.03, 0.02, 0.01, 0.01};
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray w = m.create(new float[] {(float) W0[0], (float) W0[1], (float) W0[2]});
      w.setRequiresGradient(true);
      Optimiser opt = new Optimiser(c, List.of(w));
      NDList saved = null;
      float[] wAt3 = null;
      for (int s = 0; s < 6; s++) {
        gradient(m, w);
        opt.step(lrs[s]);
        if (s == 2) {
          saved = new NDList();
          for (NDArray a : opt.state()) {
            saved.add(a.duplicate());
          }
          wAt3 = w.toFloatArray();
        }
      }
      double[] ref = reference(c, 6, lrs);
      float[] got = w.toFloatArray();
      for (int i = 0; i < 3; i++) {
        assertEquals(ref[i], got[i], 2e-6, type + " w[" + i + "]");
      }
      assertEquals(0f, w.getGradient().abs().sum().getFloat(), "gradient zeroed");
      // Resume from the state after 3 steps: identical floats.
      NDArray w2 = m.create(wAt3);
      w2.setRequiresGradient(true);
      Optimiser resumed = new Optimiser(c, List.of(w2));
      resumed.load(saved, 3);
      for (int s = 3; s < 6; s++) {
        gradient(m, w2);
        resumed.step(lrs[s]);
      }
      assertArrayEquals(got, w2.toFloatArray(), type);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"adamw", "sgd"})
  void exemptArraysGetNoWeightDecay(String type) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1, -2});
      NDArray b = m.create(new float[] {1, -2});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(a.mul(0).sum().add(b.mul(0).sum())); // zero gradients
      }
      Optimiser opt = new Optimiser(config(type), List.of(a, b), List.of(b));
      opt.step(0.1);
      assertArrayEquals(new float[] {1, -2}, b.toFloatArray());
      assertTrue(Math.abs(a.toFloatArray()[0]) < 1, "decayed " + a.toFloatArray()[0]);
    }
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.5, 100})
  void clipsTheGlobalNorm(double max) {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray a = m.create(new float[] {1, 2});
      NDArray b = m.create(new float[] {3});
      a.setRequiresGradient(true);
      b.setRequiresGradient(true);
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        // gradients (2, 4) and (6 * 3 = 18)? no: d/db of 3 b^2 at b = 3 is 18
        gc.backward(a.square().sum().add(b.square().mul(3).sum()));
      }
      Optimiser opt = new Optimiser(OptimizerConfig.defaults(), List.of(a, b));
      Optimiser.GradientNorm g = opt.gradientNorm();
      assertTrue(g.finite());
      double norm = g.norm();
      opt.clip(norm, max);
      double expected = Math.sqrt(4 + 16 + 324);
      assertEquals(expected, norm, 1e-4);
      double scale = Math.min(1, max / expected);
      assertArrayEquals(
          new float[] {(float) (2 * scale), (float) (4 * scale)},
          a.getGradient().toFloatArray(),
          1e-4f);
      assertArrayEquals(new float[] {(float) (18 * scale)}, b.getGradient().toFloatArray(), 1e-4f);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"adam", "adamw", "sgd"})
  void stepsOnAFreshThreadWhereGradModeIsOn(String type) throws Exception {
    java.util.concurrent.atomic.AtomicReference<Throwable> failure =
        new java.util.concurrent.atomic.AtomicReference<>();
    float[][] after = new float[1][];
    Thread t =
        new Thread(
            () -> {
              try (NDManager m = NDManager.newBaseManager()) {
                NDArray w = m.create(new float[] {(float) W0[0], (float) W0[1], (float) W0[2]});
                w.setRequiresGradient(true);
                Optimiser opt = new Optimiser(config(type), List.of(w));
                gradient(m, w);
                opt.step(0.05);
                after[0] = w.toFloatArray();
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    t.start();
    t.join();
    if (failure.get() != null) {
      throw new AssertionError("step failed on a fresh thread", failure.get());
    }
    double[] ref = reference(config(type), 1, new double[] {0.05});
    for (int i = 0; i < 3; i++) {
      assertEquals(ref[i], after[0][i], 2e-6, "w[" + i + "]");
    }
  }
}
