package io.uatr.dsp.features;

import io.uatr.dsp.spectral.StftConfig;

/**
 * Log-mel spectrogram settings, named as in librosa ({@code melspectrogram} + {@code power_to_db}).
 *
 * @param stft STFT settings ({@code n_fft}, {@code hop_length}, {@code win_length}, {@code window},
 *     {@code center}, {@code pad_mode})
 * @param nMels number of mel bands ({@code n_mels}, default 128)
 * @param fmin lowest filter edge in Hz ({@code fmin}, default 0)
 * @param fmax highest filter edge in Hz ({@code fmax}); null for {@code sr / 2}
 * @param htk HTK mel formula instead of Slaney's ({@code htk}, default false)
 * @param norm filter normalisation ({@code norm}, default slaney)
 * @param power exponent of the magnitude spectrogram ({@code power}, default 2.0 = power, 1.0 =
 *     magnitude)
 * @param amin floor before the logarithm ({@code amin}, default 1e-10); dB = {@code 10 log10(max(S,
 *     amin))} with {@code ref = 1.0}
 * @param topDb clip to {@code max - top_db} where max is over the whole matrix ({@code top_db});
 *     null for no clipping (the default here; librosa's {@code power_to_db} defaults to 80)
 */
public record MelConfig(
    StftConfig stft,
    int nMels,
    double fmin,
    Double fmax,
    boolean htk,
    MelNorm norm,
    double power,
    double amin,
    Double topDb) {

  /** Validates every field and names the bad one by its librosa key. */
  public MelConfig {
    if (stft == null) {
      throw new IllegalArgumentException("stft settings must be set");
    }
    if (nMels < 1) {
      throw new IllegalArgumentException("n_mels must be >= 1, was " + nMels);
    }
    if (!(fmin >= 0) || Double.isInfinite(fmin)) {
      throw new IllegalArgumentException("fmin must be >= 0, was " + fmin);
    }
    if (fmax != null && !(fmax > fmin && !fmax.isInfinite())) {
      throw new IllegalArgumentException("fmax must be > fmin=" + fmin + ", was " + fmax);
    }
    if (norm == null) {
      throw new IllegalArgumentException("norm must be set (slaney or none)");
    }
    if (!(power > 0) || Double.isInfinite(power)) {
      throw new IllegalArgumentException("power must be > 0, was " + power);
    }
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new IllegalArgumentException("amin must be > 0, was " + amin);
    }
    if (topDb != null && !(topDb >= 0 && !topDb.isInfinite())) {
      throw new IllegalArgumentException("top_db must be >= 0 or null, was " + topDb);
    }
  }

  /** librosa's defaults: n_fft 2048, hop 512, 128 Slaney mels, power 2, amin 1e-10, no top_db. */
  public static MelConfig defaults() {
    return of(StftConfig.defaults(), 128);
  }

  /**
   * Slaney mels with Slaney normalisation over 0 to sr/2, power 2, amin 1e-10, no top_db.
   *
   * @param stft STFT settings
   * @param nMels number of bands
   * @return the config
   */
  public static MelConfig of(StftConfig stft, int nMels) {
    return new MelConfig(stft, nMels, 0.0, null, false, MelNorm.SLANEY, 2.0, 1e-10, null);
  }

  /**
   * The same settings with another {@code top_db}.
   *
   * @param db clip range in dB, or null for none
   * @return the new config
   */
  public MelConfig withTopDb(Double db) {
    return new MelConfig(stft, nMels, fmin, fmax, htk, norm, power, amin, db);
  }

  /**
   * The upper filter edge for a sample rate.
   *
   * @param sampleRate sampling rate in Hz
   * @return {@code fmax}, or {@code sr / 2} when unset
   */
  public double fmaxFor(double sampleRate) {
    return fmax == null ? sampleRate / 2 : fmax;
  }

  /**
   * Builds the filterbank for a sample rate.
   *
   * @param sampleRate sampling rate in Hz
   * @return the filterbank, [n_mels] bands over [n_fft/2+1] bins
   */
  public MelFilterbank filterbank(double sampleRate) {
    return MelFilterbank.create(sampleRate, stft.nFft(), nMels, fmin, fmax, htk, norm);
  }
}
