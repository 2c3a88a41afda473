package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.List;
import java.util.Locale;

/**
 * Model selection and early stopping on a validation metric (section {@code
 * training.early_stopping}).
 *
 * @param metric {@code val_loss} (class cross-entropy, lower is better), {@code val_accuracy},
 *     {@code val_macro_f1} or {@code val_recording_accuracy} (higher is better) [{@code metric},
 *     default val_loss]
 * @param patience epochs without improvement before stopping; 0 never stops early [{@code
 *     patience}, default 0]
 * @param minDelta smallest change that counts as an improvement, &gt;= 0 [{@code min_delta},
 *     default 0]
 * @param restoreBest load the best epoch's parameters when training ends [{@code restore_best},
 *     default true]
 */
public record EarlyStoppingConfig(
    String metric, int patience, double minDelta, boolean restoreBest) {

  /** The metric names. */
  public static final List<String> METRICS =
      List.of("val_loss", "val_accuracy", "val_macro_f1", "val_recording_accuracy");

  /** Validates every field and names the bad key. */
  public EarlyStoppingConfig {
    metric = metric.toLowerCase(Locale.ROOT);
    if (!METRICS.contains(metric)) {
      throw new IllegalArgumentException(
          "metric must be one of " + METRICS + ", was '" + metric + "'");
    }
    if (patience < 0) {
      throw new IllegalArgumentException("patience must be >= 0, was " + patience);
    }
    if (!(minDelta >= 0)) {
      throw new IllegalArgumentException("min_delta must be >= 0, was " + minDelta);
    }
  }

  /** Select on val_loss, never stop early, restore the best parameters. */
  public static EarlyStoppingConfig defaults() {
    return new EarlyStoppingConfig("val_loss", 0, 0, true);
  }

  /** Whether a lower value of the metric is better. */
  public boolean lowerIsBetter() {
    return metric.equals("val_loss");
  }

  /** Reads the section with the defaults above; unknown keys and bad values name their path. */
  public static EarlyStoppingConfig fromConfig(ConfigReader r) {
    String metric = r.getString("metric", "val_loss");
    int patience = r.getInt("patience", 0);
    double minDelta = r.getDouble("min_delta", 0);
    boolean restore = r.getBoolean("restore_best", true);
    r.rejectUnknown();
    return Configs.build(r, () -> new EarlyStoppingConfig(metric, patience, minDelta, restore));
  }
}
