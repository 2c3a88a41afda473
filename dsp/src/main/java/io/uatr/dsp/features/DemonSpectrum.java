package io.uatr.dsp.features;

/**
 * A DEMON spectrum averaged over frames, for analysis.
 *
 * @param frequencies [bins] bin frequencies in Hz, fmin..fmax in steps of {@link DemonLayout#binHz}
 * @param spectrum [bins] mean over frames of the normalised DEMON frames
 * @param frames number of frames averaged
 * @param layout the resolved rates and lengths
 */
public record DemonSpectrum(
    double[] frequencies, float[] spectrum, int frames, DemonLayout layout) {

  /**
   * Frequency of the largest bin with {@code lo <= f <= hi}.
   *
   * @param lo lower bound in Hz
   * @param hi upper bound in Hz
   * @return the peak bin's frequency in Hz
   * @throws IllegalArgumentException if no bin lies in [lo, hi]
   */
  public double peakFrequency(double lo, double hi) {
    return Demon.peakFrequency(frequencies, spectrum, lo, hi);
  }
}
