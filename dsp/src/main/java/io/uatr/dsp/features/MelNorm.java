package io.uatr.dsp.features;

import java.util.Locale;

/** Normalisation of mel filters, librosa's {@code norm} argument of {@code filters.mel}. */
public enum MelNorm {
  /** Area normalisation: each triangle is scaled by {@code 2 / (f_hi - f_lo)} (librosa default). */
  SLANEY,
  /** No normalisation: triangles of peak height 1 (torchaudio's default). */
  NONE;

  /**
   * Parses {@code slaney} or {@code none} (also {@code null}).
   *
   * @param name the norm name, or null for none
   * @return the norm
   */
  public static MelNorm parse(String name) {
    if (name == null) {
      return NONE;
    }
    switch (name.toLowerCase(Locale.ROOT)) {
      case "slaney":
        return SLANEY;
      case "none":
      case "null":
        return NONE;
      default:
        throw new IllegalArgumentException("unknown norm '" + name + "' (expected slaney or none)");
    }
  }
}
