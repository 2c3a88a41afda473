package io.uatr.training;

import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import java.util.Objects;

/**
 * Settings of a training run (section {@code training} of a run config).
 *
 * @param epochs number of epochs, &gt;= 1 [{@code epochs}, default 30]
 * @param batchSize segments per batch, &gt;= 2 [{@code batch_size}, default 32]
 * @param optimizer [{@code optimizer.*}]
 * @param schedule [{@code schedule.*}]
 * @param clipGradNorm maximum global L2 norm of the gradient over all trainable parameters; a
 *     larger gradient is scaled down to this norm before the optimiser step. 0 disables clipping
 *     [{@code clip_grad_norm}: a number &gt; 0 or {@code none}, default {@value #DEFAULT_CLIP}:
 *     above the 0.3-2 that the demo's networks show in normal steps, so that it acts on outliers
 *     only]
 * @param loss [{@code loss.*}]
 * @param augment [{@code augment.*}]
 * @param balancedSampling draw each epoch's training segments with probability inversely
 *     proportional to their class's frequency (with replacement) instead of a shuffle [{@code
 *     balanced_sampling}, default false]
 * @param validationFraction share of each class's training recordings moved to validation when the
 *     data has no validation part, in [0, 1) [{@code validation_fraction}, default 0.15]
 * @param earlyStopping [{@code early_stopping.*}]
 * @param device {@code auto}, {@code cpu}, {@code gpu} or {@code gpu:N} [{@code device}, default
 *     auto]
 * @param threads intra-op threads of the engine; 0 keeps the engine's default [{@code threads},
 *     default 0]
 * @param resume continue from the newest checkpoint in the run directory when there is one [{@code
 *     resume}, default true]
 * @param keepCheckpoints how many epoch checkpoints to keep, &gt;= 1 [{@code keep_checkpoints},
 *     default 2]
 * @param maxSkippedSteps consecutive optimiser steps skipped for a non-finite loss or gradient
 *     after which training stops with an error, &gt;= 1 [{@code max_skipped_steps}, default 3]
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    OptimizerConfig optimizer,
    ScheduleConfig schedule,
    double clipGradNorm,
    LossConfig loss,
    AugmentConfig augment,
    boolean balancedSampling,
    double validationFraction,
    EarlyStoppingConfig earlyStopping,
    String device,
    int threads,
    boolean resume,
    int keepCheckpoints,
    int maxSkippedSteps) {

  /** Default of {@code clip_grad_norm}. */
  public static final double DEFAULT_CLIP = 5.0;

  /** Validates every field and names the bad key. */
  public TrainingConfig {
    Objects.requireNonNull(optimizer, "optimizer");
    Objects.requireNonNull(schedule, "schedule");
    Objects.requireNonNull(loss, "loss");
    Objects.requireNonNull(augment, "augment");
    Objects.requireNonNull(earlyStopping, "early_stopping");
    if (epochs < 1) {
      throw new IllegalArgumentException("epochs must be >= 1, was " + epochs);
    }
    if (batchSize < 2) {
      throw new IllegalArgumentException("batch_size must be >= 2, was " + batchSize);
    }
    if (!(clipGradNorm >= 0) || Double.isInfinite(clipGradNorm)) {
      throw new IllegalArgumentException(
          "clip_grad_norm must be a finite number > 0 or none, was " + clipGradNorm);
    }
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException(
          "validation_fraction must be in [0, 1), was " + validationFraction);
    }
    Devices.parse(device);
    if (threads < 0) {
      throw new IllegalArgumentException("threads must be >= 0, was " + threads);
    }
    if (keepCheckpoints < 1) {
      throw new IllegalArgumentException("keep_checkpoints must be >= 1, was " + keepCheckpoints);
    }
    if (maxSkippedSteps < 1) {
      throw new IllegalArgumentException("max_skipped_steps must be >= 1, was " + maxSkippedSteps);
    }
  }

  /** The defaults listed on the record. */
  public static TrainingConfig defaults() {
    return fromConfig(new ConfigReader(null, "training"));
  }

  /** Returns a copy with another epoch count. */
  public TrainingConfig withEpochs(int n) {
    return new TrainingConfig(
        n,
        batchSize,
        optimizer,
        schedule,
        clipGradNorm,
        loss,
        augment,
        balancedSampling,
        validationFraction,
        earlyStopping,
        device,
        threads,
        resume,
        keepCheckpoints,
        maxSkippedSteps);
  }

  /**
   * Reads the section with the defaults listed on the record.
   *
   * @param r the {@code training} section
   * @return the settings
   * @throws io.uatr.dsp.config.ConfigException naming the key path of an unknown key or a bad value
   */
  public static TrainingConfig fromConfig(ConfigReader r) {
    int epochs = r.getInt("epochs", 30);
    int batch = r.getInt("batch_size", 32);
    OptimizerConfig opt = OptimizerConfig.fromConfig(r.section("optimizer"));
    ScheduleConfig sched = ScheduleConfig.fromConfig(r.section("schedule"));
    if (r.has("grad_clip")) {
      throw new ConfigException(
          r.path("grad_clip"), "was renamed to clip_grad_norm (a number > 0, or none)");
    }
    double clip = clipGradNorm(r);
    LossConfig loss = LossConfig.fromConfig(r.section("loss"));
    AugmentConfig aug = AugmentConfig.fromConfig(r.section("augment"));
    boolean balanced = r.getBoolean("balanced_sampling", false);
    double valFraction = r.getDouble("validation_fraction", 0.15);
    EarlyStoppingConfig es = EarlyStoppingConfig.fromConfig(r.section("early_stopping"));
    String device = r.getString("device", "auto");
    int threads = r.getInt("threads", 0);
    boolean resume = r.getBoolean("resume", true);
    int keep = r.getInt("keep_checkpoints", 2);
    int maxSkipped = r.getInt("max_skipped_steps", 3);
    r.rejectUnknown();
    return Configs.build(
        r,
        () ->
            new TrainingConfig(
                epochs,
                batch,
                opt,
                sched,
                clip,
                loss,
                aug,
                balanced,
                valFraction,
                es,
                device,
                threads,
                resume,
                keep,
                maxSkipped));
  }

  private static double clipGradNorm(ConfigReader r) {
    if (!r.has("clip_grad_norm")) {
      return DEFAULT_CLIP;
    }
    Double v = r.getDoubleOrNull("clip_grad_norm");
    if (v == null) {
      return 0;
    }
    if (!(v > 0) || v.isInfinite()) {
      throw new ConfigException(
          r.path("clip_grad_norm"), "must be a finite number > 0 or none, was " + v);
    }
    return v;
  }
}
