package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * Training-time augmentation (section {@code training.augment}), applied to each training batch in
 * this order: gain, additive noise, SpecAugment masks, then CutMix or mixup (see {@link
 * io.uatr.training.augment.Augmenter}).
 *
 * @param timeMasks SpecAugment time masks per segment, &gt;= 0 [{@code time_masks}, default 0]
 * @param timeWidth maximum width of a time mask in frames, &gt;= 0 [{@code time_width}, default 0]
 * @param freqMasks SpecAugment frequency masks per segment, &gt;= 0 [{@code freq_masks}, default 0]
 * @param freqWidth maximum width of a frequency mask in bins, &gt;= 0 [{@code freq_width}, default
 *     0]
 * @param cutmixProb probability that a batch is CutMixed, in [0, 1] [{@code cutmix_prob}, default
 *     0]
 * @param cutmixAlpha Beta(alpha, alpha) parameter of the CutMix ratio, &gt; 0 [{@code
 *     cutmix_alpha}, default 1]
 * @param mixupProb probability that a batch not CutMixed is mixed up, in [0, 1] [{@code
 *     mixup_prob}, default 0]
 * @param mixupAlpha Beta(alpha, alpha) parameter of the mixup weight, &gt; 0 [{@code mixup_alpha},
 *     default 0.2]
 * @param gainDb maximum random gain in dB (uniform in [-gain_db, gain_db]), &gt;= 0 [{@code
 *     gain_db}, default 0]
 * @param noiseProb probability that a segment gets additive noise, in [0, 1] [{@code noise_prob},
 *     default 0]
 * @param noiseSnrDb signal-to-noise ratio of the added noise in dB [{@code noise_snr_db}, default
 *     20]
 * @param featureScale {@code db} (features are levels in dB: gain adds dB) or {@code linear} (gain
 *     multiplies by 10^(dB/20)) [{@code feature_scale}, default db]
 */
public record AugmentConfig(
    int timeMasks,
    int timeWidth,
    int freqMasks,
    int freqWidth,
    double cutmixProb,
    double cutmixAlpha,
    double mixupProb,
    double mixupAlpha,
    double gainDb,
    double noiseProb,
    double noiseSnrDb,
    String featureScale) {

  /** Validates every field and names the bad key. */
  public AugmentConfig {
    nonNegative("time_masks", timeMasks);
    nonNegative("time_width", timeWidth);
    nonNegative("freq_masks", freqMasks);
    nonNegative("freq_width", freqWidth);
    prob("cutmix_prob", cutmixProb);
    prob("mixup_prob", mixupProb);
    prob("noise_prob", noiseProb);
    positive("cutmix_alpha", cutmixAlpha);
    positive("mixup_alpha", mixupAlpha);
    if (!(gainDb >= 0) || Double.isInfinite(gainDb)) {
      throw new IllegalArgumentException("gain_db must be finite and >= 0, was " + gainDb);
    }
    if (Double.isNaN(noiseSnrDb) || Double.isInfinite(noiseSnrDb)) {
      throw new IllegalArgumentException("noise_snr_db must be finite, was " + noiseSnrDb);
    }
    featureScale = featureScale.toLowerCase(Locale.ROOT);
    if (!featureScale.equals("db") && !featureScale.equals("linear")) {
      throw new IllegalArgumentException(
          "feature_scale must be db or linear, was '" + featureScale + "'");
    }
  }

  private static void nonNegative(String key, int v) {
    if (v < 0) {
      throw new IllegalArgumentException(key + " must be >= 0, was " + v);
    }
  }

  private static void prob(String key, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(key + " must be in [0, 1], was " + v);
    }
  }

  private static void positive(String key, double v) {
    if (!(v > 0) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(key + " must be finite and > 0, was " + v);
    }
  }

  /** No augmentation. */
  public static AugmentConfig none() {
    return new AugmentConfig(0, 0, 0, 0, 0, 1, 0, 0.2, 0, 0, 20, "db");
  }

  /** Whether any augmentation is enabled. */
  public boolean enabled() {
    return (timeMasks > 0 && timeWidth > 0)
        || (freqMasks > 0 && freqWidth > 0)
        || cutmixProb > 0
        || mixupProb > 0
        || gainDb > 0
        || noiseProb > 0;
  }

  /** Reads the section with the defaults above; unknown keys and bad values name their path. */
  public static AugmentConfig fromConfig(ConfigReader r) {
    int tm = r.getInt("time_masks", 0);
    int tw = r.getInt("time_width", 0);
    int fm = r.getInt("freq_masks", 0);
    int fw = r.getInt("freq_width", 0);
    double cp = r.getDouble("cutmix_prob", 0);
    double ca = r.getDouble("cutmix_alpha", 1);
    double mp = r.getDouble("mixup_prob", 0);
    double ma = r.getDouble("mixup_alpha", 0.2);
    double gain = r.getDouble("gain_db", 0);
    double np = r.getDouble("noise_prob", 0);
    double snr = r.getDouble("noise_snr_db", 20);
    String scale = r.getString("feature_scale", "db");
    r.rejectUnknown();
    return Configs.build(
        r, () -> new AugmentConfig(tm, tw, fm, fw, cp, ca, mp, ma, gain, np, snr, scale));
  }
}
