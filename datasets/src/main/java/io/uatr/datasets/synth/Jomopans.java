package io.uatr.datasets.synth;

/**
 * JOMOPANS-ECHO ship source spectrum (MacGillivray and de Jong, J. Mar. Sci. Eng. 9(4):369, 2021),
 * pure static. Levels are source spectral densities in dB re 1 uPa^2/Hz at 1 m.
 */
public final class Jomopans {
  /** Reference length L0 = 300 ft in metres. */
  public static final double L0_M = 300 * 0.3048;

  private static final double K = 191;
  private static final double K_LF = 208;

  private Jomopans() {}

  /** JOMOPANS-ECHO vessel categories with reference speed Vc (kn) and shape constants. */
  public enum Category {
    /** Bulk carrier. */
    BULKER(13.9, 3, true),
    /** Container ship. */
    CONTAINER(18.0, 3, true),
    /** Cruise ship (D = 4). */
    CRUISE(17.1, 4, false),
    /** Dredger. */
    DREDGER(9.5, 3, false),
    /** Fishing vessel. */
    FISHING(6.4, 3, false),
    /** Passenger vessel. */
    PASSENGER(9.7, 3, false),
    /** Recreational vessel. */
    RECREATIONAL(10.6, 3, false),
    /** Tanker. */
    TANKER(12.4, 3, true),
    /** Tug. */
    TUG(3.7, 3, false),
    /** Vehicle carrier (RO-RO). */
    VEHICLE_CARRIER(15.8, 3, true),
    /** Other. */
    OTHER(7.4, 3, false);

    private final double vcKn;
    private final double d;
    private final boolean cargo;

    Category(double vcKn, double d, boolean cargo) {
      this.vcKn = vcKn;
      this.d = d;
      this.cargo = cargo;
    }

    /** Reference speed Vc in knots. */
    public double vcKn() {
      return vcKn;
    }

    /** Shape constant D of the broadband term. */
    public double d() {
      return d;
    }

    /** Whether the cargo low-frequency form applies below 100 Hz. */
    public boolean cargo() {
      return cargo;
    }
  }

  /**
   * Source spectral density.
   *
   * @param fHz frequency in Hz (&gt; 0)
   * @param speedKn speed through water in knots (&gt; 0)
   * @param lengthM vessel length in metres (&gt; 0)
   * @param c category
   * @return PSD in dB re 1 uPa^2/Hz at 1 m: 60 log10(V/Vc) + 20 log10(L/L0) + S(f)
   */
  public static double sourcePsdDb(double fHz, double speedKn, double lengthM, Category c) {
    return 60 * Math.log10(speedKn / c.vcKn)
        + 20 * Math.log10(lengthM / L0_M)
        + baselineDb(fHz, c, 0.9);
  }

  /**
   * Baseline spectrum S(f) for a vessel at its reference speed and length L0.
   *
   * @param fHz frequency in Hz (&gt; 0)
   * @param c category
   * @param dLf D_lf of the cargo low-frequency form (0.8 to 1.0)
   * @return S(f) in dB re 1 uPa^2/Hz at 1 m
   */
  public static double baselineDb(double fHz, Category c, double dLf) {
    if (c.cargo && fHz < 100) {
      double f1 = 600 / c.vcKn;
      double q = fHz / f1;
      return K_LF
          - 40 * Math.log10(f1)
          + 10 * Math.log10(fHz)
          - 10 * Math.log10((1 - q * q) * (1 - q * q) + dLf * dLf);
    }
    double f1 = 480 / c.vcKn;
    double q = 1 - fHz / f1;
    return K - 20 * Math.log10(f1) - 10 * Math.log10(q * q + c.d * c.d);
  }
}
