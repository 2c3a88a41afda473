package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.uatr.models.spec.SizeHead;
import org.junit.jupiter.api.Test;

/** Every loss against values worked out by hand (digits in the comments). */
class LossTest {

  @Test
  void softCrossEntropy() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray logits = m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3));
      NDArray target = m.create(new float[] {0, 0, 1, 0.5f, 0.5f, 0}, new Shape(2, 3));
      // row 0: log(e + e^2 + e^3) - 3 = log(1 + e^-1 + e^-2) = 0.4076059644; row 1: log 3
      double expected = (0.4076059644 + Math.log(3)) / 2;
      assertEquals(expected, MultiTaskLoss.softCrossEntropy(logits, target).getFloat(), 1e-6);
    }
  }

  @Test
  void l1AndHuber() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray pred = m.create(new float[] {0, 3, -1});
      NDArray target = m.create(new float[] {0.5f, 0, 1});
      // |d| = 0.5, 3, 2: L1 = 5.5 / 3; Huber(1) = (0.125 + 2.5 + 1.5) / 3
      assertEquals(5.5 / 3, MultiTaskLoss.l1(pred, target).getFloat(), 1e-6);
      assertEquals(4.125 / 3, MultiTaskLoss.huber(pred, target, 1).getFloat(), 1e-6);
      // delta 2: 0.125, 2 * (3 - 1) = 4, 0.5 * 4 = 2
      assertEquals(6.125 / 3, MultiTaskLoss.huber(pred, target, 2).getFloat(), 1e-6);
    }
  }

  @Test
  void fixedWeightsAddTheAuxLoss() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDList out =
          new NDList(
              m.create(new float[] {1, 2, 3, 0, 0, 0}, new Shape(2, 3)),
              m.create(new float[] {0, 0, 2, 0}, new Shape(2, 2)),
              m.create(0.1f));
      NDArray ct = m.create(new float[] {0, 0, 1, 0.5f, 0.5f, 0}, new Shape(2, 3));
      NDArray st = m.create(new float[] {1, 0, 1, 0}, new Shape(2, 2));
      // size rows: log 2; log(1 + e^-2) + 0 ... row 1 logits (2, 0), target 0: log(1 + e^-2)
      double size = (Math.log(2) + 0.1269280110) / 2;
      double cls = (0.4076059644 + Math.log(3)) / 2;
      MultiTaskLoss loss =
          new MultiTaskLoss(new LossConfig("fixed", 1, 0.5, "l1", 1), SizeHead.LEVELS);
      MultiTaskLoss.Parts p = loss.compute(out, ct, st, null);
      assertEquals(size, p.sizeLoss().getFloat(), 1e-6);
      assertEquals(cls + 0.5 * size + 0.1, p.total().getFloat(), 1e-6);
      LossConfig two = new LossConfig("fixed", 2, 0.25, "l1", 1);
      assertEquals(
          2 * cls + 0.25 * size + 0.1,
          new MultiTaskLoss(two, SizeHead.LEVELS).compute(out, ct, st, null).total().getFloat(),
          1e-6);
    }
  }

  @Test
  void uncertaintyWeighting() {
    try (NDManager m = NDManager.newBaseManager()) {
      NDArray l = m.create(2f);
      NDArray s = m.create((float) Math.log(2));
      // exp(-ln 2) * 2 + ln 2 / 2 = 1 + 0.3465735903
      assertEquals(1.3465735903, MultiTaskLoss.uncertaintyTerm(l, s, 1).getFloat(), 1e-6);
      assertEquals(0.8465735903, MultiTaskLoss.uncertaintyTerm(l, s, 0.5).getFloat(), 1e-6);
      // Regression head: pred (1, 4) vs (0, 0): L1 = 2.5; class logits uniform: log 2.
      NDList out =
          new NDList(
              m.create(new float[] {0, 0, 0, 0}, new Shape(2, 2)),
              m.create(new float[] {1, 4}, new Shape(2, 1)),
              m.create(0f));
      NDArray ct = m.create(new float[] {1, 0, 0, 1}, new Shape(2, 2));
      NDArray logVars = m.create(new float[] {0.5f, -1f});
      double expected = Math.exp(-0.5) * Math.log(2) + 0.25 + 0.5 * Math.exp(1) * 2.5 - 0.5;
      MultiTaskLoss loss =
          new MultiTaskLoss(new LossConfig("uncertainty", 1, 1, "l1", 1), SizeHead.REGRESSION);
      assertEquals(
          expected,
          loss.compute(out, ct, m.create(new float[] {0, 0}), logVars).total().getFloat(),
          1e-5);
    }
  }
}
