package io.uatr.dsp.spectral;

import java.util.Locale;

/** Analysis window shapes, named as in scipy/librosa ({@code hann}, {@code hamming}, ...). */
public enum WindowType {
  /** Hann (raised cosine), zero at the ends. */
  HANN,
  /** Hamming: 0.54 - 0.46 cos. */
  HAMMING,
  /** Blackman: 0.42 - 0.5 cos + 0.08 cos 2x. */
  BLACKMAN,
  /** Rectangular (all ones), scipy's {@code boxcar}. */
  RECTANGULAR;

  /**
   * Parses a window name as librosa accepts it ({@code hann}, {@code hamming}, {@code blackman},
   * {@code boxcar}/{@code rectangular}/{@code ones}), case-insensitive.
   *
   * @param name the window name
   * @return the window type
   * @throws IllegalArgumentException naming the unknown window
   */
  public static WindowType parse(String name) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "hann":
      case "hanning":
        return HANN;
      case "hamming":
        return HAMMING;
      case "blackman":
        return BLACKMAN;
      case "boxcar":
      case "rectangular":
      case "ones":
        return RECTANGULAR;
      default:
        throw new IllegalArgumentException(
            "unknown window '" + name + "' (expected hann, hamming, blackman or boxcar)");
    }
  }

  /** Returns the librosa/scipy name of this window. */
  public String key() {
    return this == RECTANGULAR ? "boxcar" : name().toLowerCase(Locale.ROOT);
  }
}
