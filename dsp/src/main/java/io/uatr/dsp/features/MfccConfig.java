package io.uatr.dsp.features;

/**
 * MFCC settings, named as in librosa's {@code feature.mfcc} (DCT type 2, {@code norm='ortho'}, no
 * liftering).
 *
 * <p>Note: librosa's {@code mfcc} computes the log-mel with {@code power_to_db}'s default {@code
 * top_db=80}; set {@code mel.topDb()} to 80 to match it exactly (one-shot {@link Mfcc#compute}
 * only: the streaming {@link MfccExtractor} cannot clip to the global maximum).
 *
 * @param mel log-mel settings
 * @param nMfcc number of coefficients kept ({@code n_mfcc}, default 20), 1 to n_mels
 */
public record MfccConfig(MelConfig mel, int nMfcc) {

  /** Validates every field and names the bad one by its librosa key. */
  public MfccConfig {
    if (mel == null) {
      throw new IllegalArgumentException("mel settings must be set");
    }
    if (nMfcc < 1 || nMfcc > mel.nMels()) {
      throw new IllegalArgumentException(
          "n_mfcc must be in [1, n_mels=" + mel.nMels() + "], was " + nMfcc);
    }
  }

  /** librosa-like defaults: 20 coefficients over 128 Slaney mels, n_fft 2048, hop 512. */
  public static MfccConfig defaults() {
    return new MfccConfig(MelConfig.defaults(), 20);
  }
}
