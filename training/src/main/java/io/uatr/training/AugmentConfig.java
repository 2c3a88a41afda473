package io.uatr.training;

import io.uatr.dsp.config.ConfigReader;
import java.util.Locale;

/**
 * Training-time augmentation (section {@code training.augment}). Waveform augmentation ({@code
 * wave_*} keys: gain and white Gaussian noise at an SNR relative to the segment's own power) acts
 * on each training segment's audio before its features are recomputed for the epoch (see {@link
 * io.uatr.training.augment.WaveformAugment}); then each training batch gets, in this order, the
 * feature-domain gain and additive noise ({@code gain_db}, {@code noise_*}; note that with
 * per-segment feature normalisation a feature gain has no effect), SpecAugment masks, then CutMix
 * or mixup (see {@link io.uatr.training.augment.Augmenter}).
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
 * @param waveGainDbMin lower end of the waveform gain in dB [{@code wave_gain_db_min}, default 0]
 * @param waveGainDbMax upper end of the waveform gain in dB, &gt;= wave_gain_db_min; each training
 *     segment's audio is scaled by 10^(g/20) with g uniform in [min, max] before its features are
 *     computed [{@code wave_gain_db_max}, default 0]
 * @param waveNoiseProb probability that a training segment's audio gets white Gaussian noise, in
 *     [0, 1] [{@code wave_noise_prob}, default 0]
 * @param waveSnrDbMin lower end of the waveform SNR in dB [{@code wave_snr_db_min}, default 20]
 * @param waveSnrDbMax upper end of the waveform SNR in dB, &gt;= wave_snr_db_min; the noise power
 *     is the segment's own mean power / 10^(snr/10) with snr uniform in [min, max] [{@code
 *     wave_snr_db_max}, default 20]
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
    String featureScale,
    double waveGainDbMin,
    double waveGainDbMax,
    double waveNoiseProb,
    double waveSnrDbMin,
    double waveSnrDbMax) {

  /**
   * Feature-domain settings only (no waveform augmentation).
   *
   * @see #AugmentConfig(int, int, int, int, double, double, double, double, double, double, double,
   *     String, double, double, double, double, double)
   */
  public AugmentConfig(
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
    this(
        timeMasks,
        timeWidth,
        freqMasks,
        freqWidth,
        cutmixProb,
        cutmixAlpha,
        mixupProb,
        mixupAlpha,
        gainDb,
        noiseProb,
        noiseSnrDb,
        featureScale,
        0,
        0,
        0,
        20,
        20);
  }

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
    range("wave_gain_db", waveGainDbMin, waveGainDbMax);
    range("wave_snr_db", waveSnrDbMin, waveSnrDbMax);
    prob("wave_noise_prob", waveNoiseProb);
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

  private static void range(String key, double min, double max) {
    if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
      throw new IllegalArgumentException(
          key + "_min/" + key + "_max must be finite with min <= max, were " + min + ", " + max);
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
        || noiseProb > 0
        || waveformEnabled();
  }

  /**
   * Whether waveform augmentation (a gain range other than [0, 0], or noise) is enabled; then the
   * training segments must carry their audio ({@link WaveformFeatures}).
   */
  public boolean waveformEnabled() {
    return waveGainDbMin != 0 || waveGainDbMax != 0 || waveNoiseProb > 0;
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
    double wgMin = r.getDouble("wave_gain_db_min", 0);
    double wgMax = r.getDouble("wave_gain_db_max", 0);
    double wnp = r.getDouble("wave_noise_prob", 0);
    double wsMin = r.getDouble("wave_snr_db_min", 20);
    double wsMax = r.getDouble("wave_snr_db_max", 20);
    r.rejectUnknown();
    return Configs.build(
        r,
        () ->
            new AugmentConfig(
                tm, tw, fm, fw, cp, ca, mp, ma, gain, np, snr, scale, wgMin, wgMax, wnp, wsMin,
                wsMax));
  }
}
