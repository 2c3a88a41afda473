package io.uatr.training;

/** Receives training progress (for a progress bar or a log). All methods default to nothing. */
public interface ProgressListener {

  /**
   * Called once before the first epoch that runs.
   *
   * @param firstEpoch 1-based epoch that runs first (greater than 1 after a resume)
   * @param epochs total epochs of the run
   * @param batchesPerEpoch training batches per epoch
   */
  default void onStart(int firstEpoch, int epochs, int batchesPerEpoch) {}

  /**
   * Called after every training batch.
   *
   * @param epoch 1-based epoch
   * @param batch 1-based batch within the epoch
   * @param batches batches per epoch
   * @param meanLoss mean loss of the epoch so far
   * @param meanAccuracy training accuracy of the epoch so far
   */
  default void onBatch(int epoch, int batch, int batches, double meanLoss, double meanAccuracy) {}

  /**
   * Called after each epoch's validation, once its checkpoint and metrics are on disk.
   *
   * @param metrics the epoch's metrics
   */
  default void onEpoch(EpochMetrics metrics) {}
}
