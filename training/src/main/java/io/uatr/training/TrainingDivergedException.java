package io.uatr.training;

/**
 * Training stopped because it diverged: too many consecutive optimiser steps had a non-finite loss
 * or gradient, a validation metric was NaN, or a parameter became non-finite before a checkpoint or
 * bundle write. The message names the epoch, the batch (when there is one) and the first non-finite
 * tensor. Nothing non-finite has been written to a checkpoint when this is thrown.
 */
public final class TrainingDivergedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int epoch;
  private final int batch;
  private final String tensor;

  /**
   * Creates the exception.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch, or 0 when the failure is not tied to a batch
   * @param tensor name of the first non-finite tensor (a parameter, a gradient, a loss part or a
   *     validation metric)
   * @param detail what happened
   */
  public TrainingDivergedException(int epoch, int batch, String tensor, String detail) {
    super(
        "training diverged at epoch "
            + epoch
            + (batch > 0 ? ", batch " + batch : "")
            + ": "
            + tensor
            + " is not finite; "
            + detail);
    this.epoch = epoch;
    this.batch = batch;
    this.tensor = tensor;
  }

  /** Returns the 1-based epoch. */
  public int epoch() {
    return epoch;
  }

  /** Returns the 1-based batch, 0 when not tied to a batch. */
  public int batch() {
    return batch;
  }

  /** Returns the name of the first non-finite tensor. */
  public String tensor() {
    return tensor;
  }
}
