package io.uatr.models.spec;

/**
 * Weights of the auxiliary gate losses ({@code model.aux_loss.*}); each is applied per gate and the
 * weighted sums are averaged over the gates.
 *
 * @param importance weight of Shazeer's importance loss CV(sum over batch of G)^2
 * @param load weight of Shazeer's smooth load loss CV(load)^2 (noisy top-k gates only)
 * @param switchBalance weight alpha of the Switch balance loss N * sum_i f_i P_i
 * @param zLoss weight of the router z-loss mean(logsumexp(logits)^2)
 * @param mutualInformation weight of the mutual-information loss (mean_x H(G(x)) - H(mean_x G(x)))
 *     / log E, which rewards confident routing of each example AND balanced use of the experts over
 *     the batch (the importance loss alone is satisfied by uniform weights everywhere, which do not
 *     route at all)
 */
public record AuxLossWeights(
    double importance, double load, double switchBalance, double zLoss, double mutualInformation) {

  /** All weights zero: no auxiliary loss. */
  public static final AuxLossWeights NONE = new AuxLossWeights(0, 0, 0, 0, 0);

  /** Weights without the mutual-information loss. */
  public AuxLossWeights(double importance, double load, double switchBalance, double zLoss) {
    this(importance, load, switchBalance, zLoss, 0);
  }

  /** Validates that every weight is finite and non-negative. */
  public AuxLossWeights {
    check("importance", importance);
    check("load", load);
    check("switch_balance", switchBalance);
    check("z_loss", zLoss);
    check("mutual_information", mutualInformation);
  }

  /** Returns true if every weight is zero. */
  public boolean isZero() {
    return importance == 0
        && load == 0
        && switchBalance == 0
        && zLoss == 0
        && mutualInformation == 0;
  }

  private static void check(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          "model.aux_loss." + key + " must be finite and >= 0, was " + value);
    }
  }
}
