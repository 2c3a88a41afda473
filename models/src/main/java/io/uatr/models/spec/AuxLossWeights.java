package io.uatr.models.spec;

/**
 * Weights of the auxiliary gate losses ({@code model.aux_loss.*}); each is applied per gate and the
 * weighted sums are averaged over the gates.
 *
 * @param importance weight of Shazeer's importance loss CV(sum over batch of G)^2
 * @param load weight of Shazeer's smooth load loss CV(load)^2 (noisy top-k gates only)
 * @param switchBalance weight alpha of the Switch balance loss N * sum_i f_i P_i
 * @param zLoss weight of the router z-loss mean(logsumexp(logits)^2)
 */
public record AuxLossWeights(double importance, double load, double switchBalance, double zLoss) {

  /** All weights zero: no auxiliary loss. */
  public static final AuxLossWeights NONE = new AuxLossWeights(0, 0, 0, 0);

  /** Validates that every weight is finite and non-negative. */
  public AuxLossWeights {
    check("importance", importance);
    check("load", load);
    check("switch_balance", switchBalance);
    check("z_loss", zLoss);
  }

  /** Returns true if every weight is zero. */
  public boolean isZero() {
    return importance == 0 && load == 0 && switchBalance == 0 && zLoss == 0;
  }

  private static void check(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "model.aux_loss." + key + " must be finite and >= 0, was " + value);
    }
  }
}
