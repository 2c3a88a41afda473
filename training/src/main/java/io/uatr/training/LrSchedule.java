package io.uatr.training;

/**
 * Learning rate per optimiser step. With W = round(warmup_epochs x steps_per_epoch) warm-up steps
 * and T total steps, step s (0-based) gets:
 *
 * <ul>
 *   <li>s &lt; W: base x (s + 1) / W (linear warm-up);
 *   <li>constant: base;
 *   <li>cosine: min + (base - min) x (1 + cos(pi x (s - W) / max(1, T - W - 1))) / 2, so the first
 *       step after warm-up has base and the last step has min;
 *   <li>step: base x gamma^floor(epoch / step_epochs), epoch = floor(s / steps_per_epoch).
 * </ul>
 */
public final class LrSchedule {

  private final ScheduleConfig config;
  private final double base;
  private final long stepsPerEpoch;
  private final long totalSteps;

  /**
   * Configures a schedule.
   *
   * @param config schedule settings
   * @param base base learning rate
   * @param stepsPerEpoch optimiser steps per epoch (&gt;= 1)
   * @param totalSteps optimiser steps of the whole run (&gt;= 1)
   */
  public LrSchedule(ScheduleConfig config, double base, long stepsPerEpoch, long totalSteps) {
    if (stepsPerEpoch < 1 || totalSteps < 1) {
      throw new IllegalArgumentException(
          "steps per epoch and total steps must be >= 1, were "
              + stepsPerEpoch
              + ", "
              + totalSteps);
    }
    this.config = config;
    this.base = base;
    this.stepsPerEpoch = stepsPerEpoch;
    this.totalSteps = totalSteps;
  }

  /** Returns the learning rate of 0-based step {@code step}. */
  public double lr(long step) {
    return lr(config, base, step, stepsPerEpoch, totalSteps);
  }

  /**
   * Returns the learning rate of 0-based step {@code step} (see the class comment).
   *
   * @param c schedule settings
   * @param base base learning rate
   * @param step 0-based optimiser step
   * @param stepsPerEpoch optimiser steps per epoch
   * @param totalSteps optimiser steps of the whole run
   */
  public static double lr(
      ScheduleConfig c, double base, long step, long stepsPerEpoch, long totalSteps) {
    long warm = Math.round(c.warmupEpochs() * stepsPerEpoch);
    if (step < warm) {
      return base * (step + 1) / warm;
    }
    switch (c.type()) {
      case "cosine":
        double span = Math.max(1, totalSteps - warm - 1);
        double t = Math.min(1.0, (step - warm) / span);
        return c.minLr() + (base - c.minLr()) * 0.5 * (1 + Math.cos(Math.PI * t));
      case "step":
        long epoch = step / stepsPerEpoch;
        return base * Math.pow(c.gamma(), Math.floorDiv(epoch, c.stepEpochs()));
      default:
        return base;
    }
  }
}
