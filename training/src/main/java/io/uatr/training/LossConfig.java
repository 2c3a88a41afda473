package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * Multi-task loss settings (section {@code training.loss}); see {@link MultiTaskLoss}.
 *
 * @param weighting {@code fixed} (class_weight x L_class + size_weight x L_size) or {@code
 *     uncertainty} (learned task weights, Kendall et al. 2018) [{@code weighting}, default fixed]
 * @param classWeight weight of the class loss with fixed weighting, &gt;= 0 [{@code class_weight},
 *     default 1]
 * @param sizeWeight weight of the size loss with fixed weighting, &gt;= 0 [{@code size_weight},
 *     default 0.5]
 * @param sizeLoss loss of a regression size head: {@code l1} or {@code huber}; a levels head always
 *     uses cross-entropy [{@code size_loss}, default huber]
 * @param huberDelta threshold of the Huber loss, &gt; 0 [{@code huber_delta}, default 1]
 * @param nuisanceWeight fixed weight of the nuisance-head loss (mean squared error on standardised
 *     targets, added to the total under either weighting), &gt;= 0 [{@code nuisance_weight},
 *     default 0.1]; unused without nuisance heads
 */
public record LossConfig(
    String weighting,
    double classWeight,
    double sizeWeight,
    String sizeLoss,
    double huberDelta,
    double nuisanceWeight) {

  /** Validates every field and names the bad key. */
  public LossConfig {
    weighting = weighting.toLowerCase(Locale.ROOT);
    sizeLoss = sizeLoss.toLowerCase(Locale.ROOT);
    if (!weighting.equals("fixed") && !weighting.equals("uncertainty")) {
      throw new IllegalArgumentException(
          "weighting must be fixed or uncertainty, was '" + weighting + "'");
    }
    if (!sizeLoss.equals("l1") && !sizeLoss.equals("huber")) {
      throw new IllegalArgumentException("size_loss must be l1 or huber, was '" + sizeLoss + "'");
    }
    if (!(classWeight >= 0) || Double.isInfinite(classWeight)) {
      throw new IllegalArgumentException(
          "class_weight must be finite and >= 0, was " + classWeight);
    }
    if (!(sizeWeight >= 0) || Double.isInfinite(sizeWeight)) {
      throw new IllegalArgumentException("size_weight must be finite and >= 0, was " + sizeWeight);
    }
    if (!(nuisanceWeight >= 0) || Double.isInfinite(nuisanceWeight)) {
      throw new IllegalArgumentException(
          "nuisance_weight must be finite and >= 0, was " + nuisanceWeight);
    }
    if (!(huberDelta > 0)) {
      throw new IllegalArgumentException("huber_delta must be > 0, was " + huberDelta);
    }
  }

  /** Settings with the default nuisance weight 0.1. */
  public LossConfig(
      String weighting, double classWeight, double sizeWeight, String sizeLoss, double huberDelta) {
    this(weighting, classWeight, sizeWeight, sizeLoss, huberDelta, 0.1);
  }

  /** Fixed weights 1 and 0.5, Huber size loss with delta 1, nuisance weight 0.1. */
  public static LossConfig defaults() {
    return new LossConfig("fixed", 1, 0.5, "huber", 1, 0.1);
  }

  /** Whether the task weights are learned. */
  public boolean uncertainty() {
    return weighting.equals("uncertainty");
  }

  /** Reads the section with the defaults above; unknown keys and bad values name their path. */
  public static LossConfig fromConfig(ConfigReader r) {
    String weighting = r.getString("weighting", "fixed");
    double cw = r.getDouble("class_weight", 1);
    double sw = r.getDouble("size_weight", 0.5);
    String sizeLoss = r.getString("size_loss", "huber");
    double delta = r.getDouble("huber_delta", 1);
    double nw = r.getDouble("nuisance_weight", 0.1);
    r.rejectUnknown();
    return Configs.build(r, () -> new LossConfig(weighting, cw, sw, sizeLoss, delta, nw));
  }
}
