package io.uatr.dsp.features;

import io.uatr.dsp.spectral.StftConfig;

/**
 * Linear-frequency spectrogram settings.
 *
 * @param stft STFT settings ({@code n_fft}, {@code hop_length}, ...)
 * @param scale power, magnitude, or dB of the power
 * @param amin floor before the logarithm for dB ({@code amin}, default 1e-10)
 * @param topDb for dB only: clip to {@code max - top_db} over the whole matrix ({@code top_db});
 *     null for none
 */
public record SpectrogramConfig(
    StftConfig stft, SpectrogramScale scale, double amin, Double topDb) {

  /** Validates every field and names the bad one. */
  public SpectrogramConfig {
    if (stft == null) {
      throw new IllegalArgumentException("stft settings must be set");
    }
    if (scale == null) {
      throw new IllegalArgumentException("scale must be set (power, magnitude or db)");
    }
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new IllegalArgumentException("amin must be > 0, was " + amin);
    }
    if (topDb != null && !(topDb >= 0 && !topDb.isInfinite())) {
      throw new IllegalArgumentException("top_db must be >= 0 or null, was " + topDb);
    }
    if (topDb != null && scale != SpectrogramScale.DB) {
      throw new IllegalArgumentException("top_db applies only to the db scale, scale was " + scale);
    }
  }

  /**
   * A spectrogram with amin 1e-10 and no top_db.
   *
   * @param stft STFT settings
   * @param scale value scale
   * @return the config
   */
  public static SpectrogramConfig of(StftConfig stft, SpectrogramScale scale) {
    return new SpectrogramConfig(stft, scale, 1e-10, null);
  }
}
