package io.uatr.datasets.synth;

/**
 * Shallow-water propagation from a point source to a hydrophone: spherical spreading (20 log10 R)
 * up to a slant range equal to the water depth, then 15 log10 R (mode stripping); Thorp absorption;
 * and the Lloyd's mirror interference of the direct path with the surface-reflected path
 * (coefficient -mu, where mu = exp(-2 (k sigma sin(theta))^2) is the Rayleigh roughness loss of a
 * surface with rms wave height sigma). Geometry in metres, frequency in Hz.
 *
 * @param soundSpeed sound speed in m/s
 * @param waterDepth channel depth in m (also the spherical-to-cylindrical transition range)
 * @param receiverDepth hydrophone depth in m
 * @param roughnessRms rms surface wave height in m (0 means a flat, perfectly reflecting surface)
 * @param surfaceReflection whether the surface-reflected path is included
 * @param absorption whether Thorp absorption is included
 */
public record Propagation(
    double soundSpeed,
    double waterDepth,
    double receiverDepth,
    double roughnessRms,
    boolean surfaceReflection,
    boolean absorption) {

  /** Validates and names the bad value. */
  public Propagation {
    if (!(soundSpeed > 0)) {
      throw new IllegalArgumentException("soundSpeed must be > 0, was " + soundSpeed);
    }
    if (!(waterDepth > 0)) {
      throw new IllegalArgumentException("waterDepth must be > 0, was " + waterDepth);
    }
    if (!(receiverDepth > 0) || receiverDepth > waterDepth) {
      throw new IllegalArgumentException(
          "receiverDepth must be in (0, waterDepth=" + waterDepth + "], was " + receiverDepth);
    }
    if (!(roughnessRms >= 0)) {
      throw new IllegalArgumentException("roughnessRms must be >= 0, was " + roughnessRms);
    }
  }

  /**
   * Spreading loss.
   *
   * @param slantRange source-receiver distance in m (clamped below at 1 m)
   * @return loss in dB (positive)
   */
  public double spreadingLossDb(double slantRange) {
    double r = Math.max(1, slantRange);
    if (r <= waterDepth) {
      return 20 * Math.log10(r);
    }
    return 20 * Math.log10(waterDepth) + 15 * Math.log10(r / waterDepth);
  }

  /**
   * Thorp's absorption coefficient.
   *
   * @param fHz frequency in Hz
   * @return absorption in dB/km
   */
  public static double thorpDbPerKm(double fHz) {
    double f2 = (fHz / 1000) * (fHz / 1000);
    return 0.11 * f2 / (1 + f2) + 44 * f2 / (4100 + f2) + 2.75e-4 * f2 + 0.003;
  }

  /**
   * Direct-path slant range.
   *
   * @param horizontalRange horizontal distance in m
   * @param sourceDepth source depth in m
   * @return slant range in m
   */
  public double directRange(double horizontalRange, double sourceDepth) {
    double dz = receiverDepth - sourceDepth;
    return Math.sqrt(horizontalRange * horizontalRange + dz * dz);
  }

  /**
   * Power transfer from the source spectral density at 1 m to the received spectral density.
   *
   * @param freqs [n] frequencies in Hz
   * @param horizontalRange horizontal distance in m
   * @param sourceDepth source depth in m
   * @param out [n] received/source power ratio (linear) at each frequency
   */
  public void powerGain(double[] freqs, double horizontalRange, double sourceDepth, double[] out) {
    double r1 = directRange(horizontalRange, sourceDepth);
    double dz2 = receiverDepth + sourceDepth;
    double r2 = Math.sqrt(horizontalRange * horizontalRange + dz2 * dz2);
    double spread = Math.pow(10, -spreadingLossDb(r1) / 10);
    double ratio = r1 / r2;
    double pathDiff = r2 - r1;
    double sinTheta = dz2 / r2;
    for (int i = 0; i < freqs.length; i++) {
      double f = freqs[i];
      double g = spread;
      if (absorption) {
        g *= Math.exp(-thorpDbPerKm(f) * r1 * (Math.log(10) / 10000));
      }
      if (surfaceReflection) {
        double k = 2 * Math.PI * f / soundSpeed;
        double ks = k * roughnessRms * sinTheta;
        double mu = Math.exp(-2 * ks * ks) * ratio;
        g *= 1 + mu * mu - 2 * mu * Math.cos(k * pathDiff);
      }
      out[i] = g;
    }
  }

  /**
   * Power transfer at one frequency (see {@link #powerGain(double[], double, double, double[])}).
   *
   * @param fHz frequency in Hz
   * @param horizontalRange horizontal distance in m
   * @param sourceDepth source depth in m
   * @return received/source power ratio (linear)
   */
  public double powerGain(double fHz, double horizontalRange, double sourceDepth) {
    double[] out = new double[1];
    powerGain(new double[] {fHz}, horizontalRange, sourceDepth, out);
    return out[0];
  }
}
