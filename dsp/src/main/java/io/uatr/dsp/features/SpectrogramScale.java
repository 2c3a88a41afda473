package io.uatr.dsp.features;

import java.util.Locale;

/** Value scale of a linear-frequency spectrogram. */
public enum SpectrogramScale {
  /** |X|^2, signal units squared. */
  POWER,
  /** |X|, signal units. */
  MAGNITUDE,
  /** {@code 10 log10(max(|X|^2, amin))}, dB re 1 (librosa {@code power_to_db}, ref 1.0). */
  DB;

  /**
   * Parses {@code power}, {@code magnitude} or {@code db}.
   *
   * @param name the scale name
   * @return the scale
   */
  public static SpectrogramScale parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "power":
        return POWER;
      case "magnitude":
        return MAGNITUDE;
      case "db":
        return DB;
      default:
        throw new IllegalArgumentException(
            "unknown scale '" + name + "' (expected power, magnitude or db)");
    }
  }
}
