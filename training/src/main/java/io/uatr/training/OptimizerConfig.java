package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * Optimiser settings (section {@code training.optimizer}).
 *
 * @param type {@code adam}, {@code adamw} (decoupled weight decay) or {@code sgd} (with momentum)
 *     [{@code type}, default adam]
 * @param lr base learning rate, &gt; 0 [{@code lr}, default 1e-3]
 * @param weightDecay weight decay, &gt;= 0: an L2 term added to the gradient for adam and sgd,
 *     decoupled (w -= lr * wd * w) for adamw [{@code weight_decay}, default 0]
 * @param momentum SGD momentum in [0, 1) [{@code momentum}, default 0.9]
 * @param nesterov SGD Nesterov momentum [{@code nesterov}, default false]
 * @param beta1 Adam first-moment decay in [0, 1) [{@code beta1}, default 0.9]
 * @param beta2 Adam second-moment decay in [0, 1) [{@code beta2}, default 0.999]
 * @param eps Adam denominator epsilon, &gt; 0 [{@code eps}, default 1e-8]
 */
public record OptimizerConfig(
    String type,
    double lr,
    double weightDecay,
    double momentum,
    boolean nesterov,
    double beta1,
    double beta2,
    double eps) {

  /** Validates every field and names the bad key. */
  public OptimizerConfig {
    type = type.toLowerCase(Locale.ROOT);
    if (!type.equals("adam") && !type.equals("adamw") && !type.equals("sgd")) {
      throw new IllegalArgumentException("type must be adam, adamw or sgd, was '" + type + "'");
    }
    if (!(lr > 0) || Double.isInfinite(lr)) {
      throw new IllegalArgumentException("lr must be finite and > 0, was " + lr);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException(
          "weight_decay must be finite and >= 0, was " + weightDecay);
    }
    unit("momentum", momentum);
    unit("beta1", beta1);
    unit("beta2", beta2);
    if (!(eps > 0)) {
      throw new IllegalArgumentException("eps must be > 0, was " + eps);
    }
  }

  private static void unit(String key, double v) {
    if (!(v >= 0 && v < 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1), was " + v);
    }
  }

  /** Adam with learning rate 1e-3 and no weight decay. */
  public static OptimizerConfig defaults() {
    return new OptimizerConfig("adam", 1e-3, 0, 0.9, false, 0.9, 0.999, 1e-8);
  }

  /** Reads the section with the defaults above; unknown keys and bad values name their path. */
  public static OptimizerConfig fromConfig(ConfigReader r) {
    String type = r.getString("type", "adam");
    double lr = r.getDouble("lr", 1e-3);
    double wd = r.getDouble("weight_decay", 0);
    double momentum = r.getDouble("momentum", 0.9);
    boolean nesterov = r.getBoolean("nesterov", false);
    double b1 = r.getDouble("beta1", 0.9);
    double b2 = r.getDouble("beta2", 0.999);
    double eps = r.getDouble("eps", 1e-8);
    r.rejectUnknown();
    return Configs.build(
        r, () -> new OptimizerConfig(type, lr, wd, momentum, nesterov, b1, b2, eps));
  }
}
