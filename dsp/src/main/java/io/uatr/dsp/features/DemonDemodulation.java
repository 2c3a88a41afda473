package io.uatr.dsp.features;

import java.util.Locale;

/** How DEMON turns the band-passed signal into an envelope ({@code demodulation} key). */
public enum DemonDemodulation {
  /** Square law: {@code e = y^2} (envelope power). */
  SQUARE,
  /** Hilbert magnitude: {@code e = |y + i H{y}|}; see {@link DemonHilbert}. */
  HILBERT;

  /**
   * Parses {@code square} or {@code hilbert}, case-insensitive.
   *
   * @param name the key value
   * @return the demodulation
   */
  public static DemonDemodulation parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "square":
        return SQUARE;
      case "hilbert":
        return HILBERT;
      default:
        throw new IllegalArgumentException(
            "unknown demodulation '" + name + "' (expected square or hilbert)");
    }
  }

  /** The key value, {@code square} or {@code hilbert}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
