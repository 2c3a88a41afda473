package io.uatr.datasets.synth;

/**
 * Wenz-type ambient noise spectrum in closed form (pure static): turbulence, distant shipping,
 * wind-driven surface noise and thermal noise, summed in power. Levels in dB re 1 uPa^2/Hz.
 */
public final class Wenz {
  private Wenz() {}

  /**
   * Ambient noise spectral density.
   *
   * @param fHz frequency in Hz (&gt; 0)
   * @param windMs wind speed in m/s (&gt;= 0)
   * @param shipping distant shipping activity in [0, 1]
   * @return PSD in dB re 1 uPa^2/Hz
   */
  public static double psdDb(double fHz, double windMs, double shipping) {
    double f = fHz / 1000.0;
    double lf = Math.log10(f);
    double turbulence = 17 - 30 * lf;
    double ships = 40 + 20 * (shipping - 0.5) + 26 * lf - 60 * Math.log10(f + 0.03);
    double wind = 50 + 7.5 * Math.sqrt(windMs) + 20 * lf - 40 * Math.log10(f + 0.4);
    double thermal = -15 + 20 * lf;
    return 10
        * Math.log10(
            Math.pow(10, turbulence / 10)
                + Math.pow(10, ships / 10)
                + Math.pow(10, wind / 10)
                + Math.pow(10, thermal / 10));
  }
}
