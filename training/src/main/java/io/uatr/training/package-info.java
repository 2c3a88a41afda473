/**
 * Training of multi-task models: {@link io.uatr.training.SegmentSet} of {@link
 * io.uatr.training.FeatureSegment}s in, {@link io.uatr.training.MultiTaskTrainer} with its {@link
 * io.uatr.training.TrainingConfig} (multi-task loss, optimisers, schedules, augmentation,
 * validation carving, early stopping), atomic epoch {@link io.uatr.training.Checkpoints} with exact
 * resume, per-epoch {@link io.uatr.training.MetricsCsv} and a {@link
 * io.uatr.training.ProgressListener}. Model input is [B][1][bins][frames].
 */
package io.uatr.training;
