package io.uatr.models.spec;

/**
 * How the gates start and what keeps them from collapsing early in training (keys {@code
 * model.gate_init}, {@code model.gate_noise}, {@code model.gate_noise_epochs}).
 *
 * @param zeroInit {@code gate_init: zeros} (the default): the routers' weights and biases start at
 *     zero, so every gate starts exactly uniform over its experts and each expert receives the same
 *     share of the gradient until the experts differ; {@code default}: DJL's default initialiser
 *     (random routing from the first step)
 * @param noise standard deviation of Gaussian noise added to the dense gates' logits in training at
 *     the first epoch, &gt;= 0 [{@code gate_noise}, default 1.0]; it decays linearly to 0 over the
 *     warm-up and is never applied at inference
 * @param noiseEpochs warm-up length in epochs, &gt;= 0 [{@code gate_noise_epochs}, default 5]; 0
 *     switches the noise off
 */
public record GateTraining(boolean zeroInit, double noise, int noiseEpochs) {

  /** The defaults listed above. */
  public static final GateTraining DEFAULT = new GateTraining(true, 1.0, 5);

  /** What models built before these keys existed did: random routers, no gate noise. */
  public static final GateTraining LEGACY = new GateTraining(false, 0, 0);

  /** Validates the values and names the key. */
  public GateTraining {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("model.gate_noise must be finite and >= 0, was " + noise);
    }
    if (noiseEpochs < 0) {
      throw new IllegalArgumentException(
          "model.gate_noise_epochs must be >= 0, was " + noiseEpochs);
    }
  }

  /**
   * The gate noise standard deviation in a 1-based epoch: {@code noise * (1 - (epoch - 1) /
   * noise_epochs)} during the warm-up, 0 after it.
   *
   * @param epoch 1-based epoch
   * @return the standard deviation, &gt;= 0
   */
  public double noiseAt(int epoch) {
    if (noiseEpochs == 0 || epoch > noiseEpochs) {
      return 0;
    }
    return noise * (1 - (epoch - 1) / (double) noiseEpochs);
  }
}
