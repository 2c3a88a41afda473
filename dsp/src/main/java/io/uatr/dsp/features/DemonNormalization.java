package io.uatr.dsp.features;

import java.util.Locale;

/** How each DEMON frame is normalised ({@code normalisation} key). */
public enum DemonNormalization {
  /** Divide by the TPSW background (computed over the whole 0..rate/2 envelope spectrum). */
  TPSW,
  /** Divide by the median of the kept bins [fmin, fmax] of the frame. */
  MEDIAN,
  /** Divide by the largest kept bin of the frame (peak becomes 1). */
  MAX,
  /** No normalisation: the single-sided amplitude spectrum of the envelope. */
  NONE;

  /**
   * Parses {@code tpsw}, {@code median}, {@code max} or {@code none}, case-insensitive.
   *
   * @param name the key value
   * @return the normalisation
   */
  public static DemonNormalization parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "tpsw":
        return TPSW;
      case "median":
        return MEDIAN;
      case "max":
        return MAX;
      case "none":
        return NONE;
      default:
        throw new IllegalArgumentException(
            "unknown normalisation '" + name + "' (expected tpsw, median, max or none)");
    }
  }

  /** The key value, lower case. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
