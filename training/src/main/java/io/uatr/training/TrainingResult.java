package io.uatr.training;

import java.util.List;

/**
 * Outcome of {@link MultiTaskTrainer#fit}.
 *
 * @param history metrics of every epoch run so far, including epochs before a resume
 * @param bestEpoch 1-based epoch with the best selection metric (0 without validation data)
 * @param bestValue its value (NaN without validation data)
 * @param stoppedEarly whether early stopping ended the run
 * @param resumedFromEpoch the checkpoint epoch the run continued from (0 for a fresh run)
 * @param data the data as trained on, with the validation split carved out
 */
public record TrainingResult(
    List<EpochMetrics> history,
    int bestEpoch,
    double bestValue,
    boolean stoppedEarly,
    int resumedFromEpoch,
    SegmentSet data) {}
