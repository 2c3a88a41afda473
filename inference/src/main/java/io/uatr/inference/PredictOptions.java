package io.uatr.inference;

import io.uatr.dsp.io.ChannelSelection;
import java.util.Objects;

/**
 * Options of one prediction.
 *
 * @param channel mix-down (default) or one channel of multichannel audio
 * @param gateWeights whether to report the gates' expert weights
 * @param keepSegments whether to return the per-segment predictions
 * @param batchSize segments per forward pass, &gt;= 1
 */
public record PredictOptions(
    ChannelSelection channel, boolean gateWeights, boolean keepSegments, int batchSize) {

  /** Validates and names the bad value. */
  public PredictOptions {
    Objects.requireNonNull(channel, "channel");
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
    }
  }

  /** Mix-down, no gate weights, segments kept, batches of 4. */
  public static PredictOptions defaults() {
    return new PredictOptions(ChannelSelection.mixDown(), false, true, 4);
  }

  /** Returns a copy with another channel selection. */
  public PredictOptions withChannel(ChannelSelection c) {
    return new PredictOptions(c, gateWeights, keepSegments, batchSize);
  }

  /** Returns a copy with gate weights on or off. */
  public PredictOptions withGateWeights(boolean on) {
    return new PredictOptions(channel, on, keepSegments, batchSize);
  }

  /** Returns a copy with segment predictions kept or dropped. */
  public PredictOptions withKeepSegments(boolean on) {
    return new PredictOptions(channel, gateWeights, on, batchSize);
  }

  /** Returns a copy with another batch size. */
  public PredictOptions withBatchSize(int n) {
    return new PredictOptions(channel, gateWeights, keepSegments, n);
  }
}
