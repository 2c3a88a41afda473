package io.uatr.datasets.synth;

import java.util.random.RandomGenerator;

/** Stationary Wenz ambient noise (pure static). */
public final class AmbientNoise {
  private AmbientNoise() {}

  /**
   * Renders ambient noise whose PSD is the Wenz spectrum shifted by {@code offsetDb}.
   *
   * @param windMs wind speed in m/s
   * @param shipping distant shipping activity in [0, 1]
   * @param offsetDb level shift in dB applied to the whole spectrum (0 = the closed-form level)
   * @param sampleRate sample rate in Hz
   * @param samples output length
   * @param rng random source
   * @return [samples] pressure in uPa
   */
  public static double[] render(
      double windMs,
      double shipping,
      double offsetDb,
      double sampleRate,
      int samples,
      RandomGenerator rng) {
    double[] cached = new double[VesselRenderer.BLOCK / 2 + 1];
    boolean[] init = {false};
    return ShapedNoise.synthesize(
        samples,
        sampleRate,
        VesselRenderer.BLOCK,
        (t, freqs, psd) -> {
          if (!init[0]) {
            for (int k = 1; k < freqs.length; k++) {
              cached[k] = Math.pow(10, (Wenz.psdDb(freqs[k], windMs, shipping) + offsetDb) / 10);
            }
            init[0] = true;
          }
          System.arraycopy(cached, 0, psd, 0, psd.length);
        },
        rng);
  }

  /**
   * Band power of the Wenz spectrum.
   *
   * @param windMs wind speed in m/s
   * @param shipping shipping activity in [0, 1]
   * @param fLo lower band edge in Hz (&gt; 0)
   * @param fHi upper band edge in Hz
   * @param sampleRate sample rate giving the integration grid (bins of the synthesis block)
   * @return band power in dB re 1 uPa^2
   */
  public static double bandPowerDb(
      double windMs, double shipping, double fLo, double fHi, double sampleRate) {
    double df = sampleRate / VesselRenderer.BLOCK;
    double sum = 0;
    for (int k = 1; k < VesselRenderer.BLOCK / 2; k++) {
      double f = k * df;
      if (f >= fLo && f <= fHi) {
        sum += Math.pow(10, Wenz.psdDb(f, windMs, shipping) / 10) * df;
      }
    }
    return 10 * Math.log10(sum);
  }
}
