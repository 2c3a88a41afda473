package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Learning-rate schedules against their closed forms. */
class ScheduleTest {

  @Test
  void cosineWithWarmup() {
    ScheduleConfig c = new ScheduleConfig("cosine", 1, 0.1, 10, 0.1);
    LrSchedule s = new LrSchedule(c, 1.0, 4, 20);
    assertEquals(0.25, s.lr(0), 1e-12);
    assertEquals(0.75, s.lr(2), 1e-12);
    assertEquals(1.0, s.lr(3), 1e-12);
    assertEquals(1.0, s.lr(4), 1e-12); // first step after warm-up: t = 0
    // t = 5 / 15: 0.1 + 0.9 * (1 + cos(pi / 3)) / 2 = 0.775
    assertEquals(0.775, s.lr(9), 1e-12);
    assertEquals(0.1, s.lr(19), 1e-12); // last step: t = 1
    for (int k = 4; k < 19; k++) {
      double t = (k - 4) / 15.0;
      assertEquals(0.1 + 0.45 * (1 + Math.cos(Math.PI * t)), s.lr(k), 1e-12);
    }
  }

  @Test
  void stepAndConstant() {
    ScheduleConfig step = new ScheduleConfig("step", 0, 0, 2, 0.5);
    LrSchedule s = new LrSchedule(step, 0.1, 3, 30);
    assertEquals(0.1, s.lr(5), 1e-12); // epoch 1
    assertEquals(0.05, s.lr(6), 1e-12); // epoch 2
    assertEquals(0.025, s.lr(12), 1e-12); // epoch 4
    LrSchedule constant = new LrSchedule(new ScheduleConfig("constant", 0.5, 0, 1, 1), 0.2, 4, 8);
    assertEquals(0.1, constant.lr(0), 1e-12); // warm-up of 2 steps
    assertEquals(0.2, constant.lr(1), 1e-12);
    assertEquals(0.2, constant.lr(7), 1e-12);
  }
}
