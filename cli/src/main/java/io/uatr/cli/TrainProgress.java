package io.uatr.cli;

import io.uatr.training.EpochMetrics;
import io.uatr.training.ProgressListener;

/** Shows training progress (batches of the current epoch) with {@link Progress}. */
final class TrainProgress implements ProgressListener {
  private final String label;
  private Progress bar;
  private int epochs;

  TrainProgress(String label) {
    this.label = label;
  }

  @Override
  public void onStart(int firstEpoch, int epochs, int batchesPerEpoch) {
    this.epochs = epochs;
  }

  @Override
  public void onBatch(int epoch, int batch, int batches, double meanLoss, double meanAccuracy) {
    if (bar == null) {
      bar = new Progress(label + " epoch " + epoch + "/" + epochs, batches, "batches");
    }
    bar.update(
        batch,
        String.format(java.util.Locale.ROOT, "loss %.4f, accuracy %.3f", meanLoss, meanAccuracy));
  }

  @Override
  public void onEpoch(EpochMetrics metrics) {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
