package io.uatr.dsp.filter;

import java.util.Objects;

/**
 * A digital Butterworth filter specification. Frequencies are in Hz.
 *
 * <p>For {@link FilterType#LOW_PASS} and {@link FilterType#HIGH_PASS} the single cut-off is {@code
 * lowHz} and {@code highHz} must be 0 (use {@link #lowPass} or {@link #highPass}). For {@link
 * FilterType#BAND_PASS} and {@link FilterType#BAND_STOP} the band is {@code [lowHz, highHz]}. All
 * edges are the -3.01 dB points (half power), as in SciPy's {@code butter}.
 *
 * <p>The order is the order of the low-pass prototype: low-pass and high-pass filters of order N
 * have {@code ceil(N/2)} second-order sections; band-pass and band-stop filters of order N have N
 * sections (as {@code scipy.signal.butter(N, [lo, hi], btype='band', output='sos')}).
 *
 * @param type response type
 * @param order prototype order, 1..64
 * @param lowHz cut-off (low/high-pass) or lower band edge (band types), in (0, sampleRate/2)
 * @param highHz upper band edge (band types), in (lowHz, sampleRate/2); 0 for low/high-pass
 * @param sampleRate sample rate in Hz, &gt; 0
 */
public record ButterworthSpec(
    FilterType type, int order, double lowHz, double highHz, double sampleRate) {

  /** Largest supported order. */
  public static final int MAX_ORDER = 64;

  /** Validates every field and names the bad value. */
  public ButterworthSpec {
    Objects.requireNonNull(type, "type");
    if (order < 1 || order > MAX_ORDER) {
      throw new IllegalArgumentException(
          "Butterworth order must be in 1.." + MAX_ORDER + ", got order=" + order);
    }
    if (!(sampleRate > 0) || Double.isInfinite(sampleRate)) {
      throw new IllegalArgumentException(
          "sampleRate must be a finite positive number of Hz, got sampleRate=" + sampleRate);
    }
    double nyquist = sampleRate / 2;
    boolean band = type == FilterType.BAND_PASS || type == FilterType.BAND_STOP;
    checkEdge("lowHz", lowHz, nyquist, sampleRate);
    if (band) {
      checkEdge("highHz", highHz, nyquist, sampleRate);
      if (!(lowHz < highHz)) {
        throw new IllegalArgumentException(
            type + " needs lowHz < highHz, got lowHz=" + lowHz + " >= highHz=" + highHz);
      }
    } else if (highHz != 0) {
      throw new IllegalArgumentException(
          type + " uses lowHz as its only cut-off; highHz must be 0, got highHz=" + highHz);
    }
  }

  private static void checkEdge(String name, double hz, double nyquist, double sampleRate) {
    if (!(hz > 0) || !(hz < nyquist)) {
      throw new IllegalArgumentException(
          name
              + " must lie strictly between 0 and the Nyquist frequency "
              + nyquist
              + " Hz (sampleRate="
              + sampleRate
              + "), got "
              + name
              + "="
              + hz);
    }
  }

  /** Low-pass of the given order with its -3 dB cut-off at {@code cutoffHz}. */
  public static ButterworthSpec lowPass(int order, double cutoffHz, double sampleRate) {
    return new ButterworthSpec(FilterType.LOW_PASS, order, cutoffHz, 0, sampleRate);
  }

  /** High-pass of the given order with its -3 dB cut-off at {@code cutoffHz}. */
  public static ButterworthSpec highPass(int order, double cutoffHz, double sampleRate) {
    return new ButterworthSpec(FilterType.HIGH_PASS, order, cutoffHz, 0, sampleRate);
  }

  /** Band-pass with -3 dB edges {@code lowHz} and {@code highHz}; {@code order} sections. */
  public static ButterworthSpec bandPass(
      int order, double lowHz, double highHz, double sampleRate) {
    return new ButterworthSpec(FilterType.BAND_PASS, order, lowHz, highHz, sampleRate);
  }

  /** Band-stop with -3 dB edges {@code lowHz} and {@code highHz}; {@code order} sections. */
  public static ButterworthSpec bandStop(
      int order, double lowHz, double highHz, double sampleRate) {
    return new ButterworthSpec(FilterType.BAND_STOP, order, lowHz, highHz, sampleRate);
  }

  /** Number of second-order sections the design has. */
  public int sectionCount() {
    return switch (type) {
      case LOW_PASS, HIGH_PASS -> (order + 1) / 2;
      case BAND_PASS, BAND_STOP -> order;
    };
  }
}
