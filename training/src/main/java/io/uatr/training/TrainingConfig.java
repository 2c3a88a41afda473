package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Objects;

/**
 * Settings of a training run (section {@code training} of a run config).
 *
 * @param epochs number of epochs, &gt;= 1 [{@code epochs}, default 30]
 * @param batchSize segments per batch, &gt;= 2 [{@code batch_size}, default 32]
 * @param optimizer [{@code optimizer.*}]
 * @param schedule [{@code schedule.*}]
 * @param gradClip maximum global L2 norm of the gradient; 0 disables clipping [{@code grad_clip},
 *     default 0]
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
 */
public record TrainingConfig(
    int epochs,
    int batchSize,
    OptimizerConfig optimizer,
    ScheduleConfig schedule,
    double gradClip,
    LossConfig loss,
    AugmentConfig augment,
    boolean balancedSampling,
    double validationFraction,
    EarlyStoppingConfig earlyStopping,
    String device,
    int threads,
    boolean resume,
    int keepCheckpoints) {

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
    if (!(gradClip >= 0) || Double.isInfinite(gradClip)) {
      throw new IllegalArgumentException("grad_clip must be finite and >= 0, was " + gradClip);
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
        gradClip,
        loss,
        augment,
        balancedSampling,
        validationFraction,
        earlyStopping,
        device,
        threads,
        resume,
        keepCheckpoints);
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
    double clip = r.getDouble("grad_clip", 0);
    LossConfig loss = LossConfig.fromConfig(r.section("loss"));
    AugmentConfig aug = AugmentConfig.fromConfig(r.section("augment"));
    boolean balanced = r.getBoolean("balanced_sampling", false);
    double valFraction = r.getDouble("validation_fraction", 0.15);
    EarlyStoppingConfig es = EarlyStoppingConfig.fromConfig(r.section("early_stopping"));
    String device = r.getString("device", "auto");
    int threads = r.getInt("threads", 0);
    boolean resume = r.getBoolean("resume", true);
    int keep = r.getInt("keep_checkpoints", 2);
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
                keep));
  }
}
