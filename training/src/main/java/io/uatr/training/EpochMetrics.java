package io.uatr.training;

/**
 * Metrics of one epoch (one row of {@code metrics.csv}). Validation values are NaN when there is no
 * validation data.
 *
 * @param epoch 1-based epoch
 * @param lr learning rate of the epoch's last step
 * @param trainLoss mean total loss over the epoch's batches
 * @param trainClassLoss mean class loss
 * @param trainSizeLoss mean size loss
 * @param trainAuxLoss mean auxiliary gate loss
 * @param trainAccuracy class accuracy of the training batches against the unmixed labels
 * @param gradNorm mean global gradient L2 norm before clipping
 * @param valLoss validation class cross-entropy in nats
 * @param valAccuracy validation segment accuracy
 * @param valMacroF1 validation macro-F1
 * @param valRecordingAccuracy validation recording accuracy
 * @param valSize validation size accuracy (levels head) or MAE (regression head)
 * @param skippedSteps optimiser steps skipped in this epoch because the loss or a gradient was not
 *     finite
 * @param seconds wall time of the epoch in seconds; not written to {@code metrics.csv}, which must
 *     be bit-identical between reruns (it goes to {@code timing.csv})
 */
public record EpochMetrics(
    int epoch,
    double lr,
    double trainLoss,
    double trainClassLoss,
    double trainSizeLoss,
    double trainAuxLoss,
    double trainAccuracy,
    double gradNorm,
    double valLoss,
    double valAccuracy,
    double valMacroF1,
    double valRecordingAccuracy,
    double valSize,
    int skippedSteps,
    double seconds) {

  /** Returns the value of an {@link EarlyStoppingConfig#METRICS} name. */
  public double value(String metric) {
    return switch (metric) {
      case "val_loss" -> valLoss;
      case "val_accuracy" -> valAccuracy;
      case "val_macro_f1" -> valMacroF1;
      case "val_recording_accuracy" -> valRecordingAccuracy;
      default -> throw new IllegalArgumentException("unknown metric " + metric);
    };
  }

  /** Returns this row without the wall time, for comparing runs. */
  public EpochMetrics withoutTime() {
    return withSeconds(0);
  }

  /** Returns this row with another wall time in seconds. */
  public EpochMetrics withSeconds(double s) {
    return new EpochMetrics(
        epoch,
        lr,
        trainLoss,
        trainClassLoss,
        trainSizeLoss,
        trainAuxLoss,
        trainAccuracy,
        gradNorm,
        valLoss,
        valAccuracy,
        valMacroF1,
        valRecordingAccuracy,
        valSize,
        skippedSteps,
        s);
  }
}
