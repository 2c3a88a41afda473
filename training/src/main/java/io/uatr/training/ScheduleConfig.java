package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * Learning-rate schedule (section {@code training.schedule}); see {@link LrSchedule} for the
 * formulas.
 *
 * @param type {@code constant}, {@code cosine} (to min_lr at the last step) or {@code step}
 *     (multiply by gamma every step_epochs epochs) [{@code type}, default constant]
 * @param warmupEpochs linear warm-up length in epochs (may be fractional), &gt;= 0 [{@code
 *     warmup_epochs}, default 0]
 * @param minLr final learning rate of the cosine schedule, &gt;= 0 [{@code min_lr}, default 0]
 * @param stepEpochs epochs between decays of the step schedule, &gt;= 1 [{@code step_epochs},
 *     default 10]
 * @param gamma decay factor of the step schedule, in (0, 1] [{@code gamma}, default 0.1]
 */
public record ScheduleConfig(
    String type, double warmupEpochs, double minLr, int stepEpochs, double gamma) {

  /** Validates every field and names the bad key. */
  public ScheduleConfig {
    type = type.toLowerCase(Locale.ROOT);
    if (!type.equals("constant") && !type.equals("cosine") && !type.equals("step")) {
      throw new IllegalArgumentException(
          "type must be constant, cosine or step, was '" + type + "'");
    }
    if (!(warmupEpochs >= 0) || Double.isInfinite(warmupEpochs)) {
      throw new IllegalArgumentException(
          "warmup_epochs must be finite and >= 0, was " + warmupEpochs);
    }
    if (!(minLr >= 0)) {
      throw new IllegalArgumentException("min_lr must be >= 0, was " + minLr);
    }
    if (stepEpochs < 1) {
      throw new IllegalArgumentException("step_epochs must be >= 1, was " + stepEpochs);
    }
    if (!(gamma > 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma must be in (0, 1], was " + gamma);
    }
  }

  /** A constant learning rate without warm-up. */
  public static ScheduleConfig defaults() {
    return new ScheduleConfig("constant", 0, 0, 10, 0.1);
  }

  /** Reads the section with the defaults above; unknown keys and bad values name their path. */
  public static ScheduleConfig fromConfig(ConfigReader r) {
    String type = r.getString("type", "constant");
    double warm = r.getDouble("warmup_epochs", 0);
    double minLr = r.getDouble("min_lr", 0);
    int stepEpochs = r.getInt("step_epochs", 10);
    double gamma = r.getDouble("gamma", 0.1);
    r.rejectUnknown();
    return Configs.build(r, () -> new ScheduleConfig(type, warm, minLr, stepEpochs, gamma));
  }
}
