package io.uatr.dsp.spectral;

import java.util.Locale;

/** How a centred STFT pads the signal ends by {@code n_fft / 2} samples. */
public enum PadMode {
  /** Mirror without repeating the edge sample (numpy {@code reflect}; torch's default). */
  REFLECT,
  /** Zeros (numpy {@code constant}; librosa 0.10's default). */
  CONSTANT;

  /**
   * Parses {@code reflect} or {@code constant}.
   *
   * @param name the mode name
   * @return the mode
   */
  public static PadMode parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "reflect":
        return REFLECT;
      case "constant":
        return CONSTANT;
      default:
        throw new IllegalArgumentException(
            "unknown pad_mode '" + name + "' (expected reflect or constant)");
    }
  }
}
