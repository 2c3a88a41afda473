package io.uatr.datasets.synth;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The physical parameters of one synthetic vessel: source spectrum, propeller, cavitation
 * modulation and machinery tonals.
 *
 * @param label ShipsEar type name
 * @param category JOMOPANS-ECHO category
 * @param lengthM length in m
 * @param speedKn speed through water in knots
 * @param shaftHz mean shaft rate in Hz
 * @param blades blade count
 * @param cylinders engine cylinders
 * @param gearRatio engine speed / shaft speed
 * @param sourceDepthM source depth in m
 * @param modulationIndex cavitation modulation index beta (0 below inception)
 * @param harmonicAmps [N] relative amplitudes a_n of the shaft harmonics n = 1..N, summing to 1
 * @param harmonicPhases [N] phases of the shaft harmonics in rad
 * @param shaftJitter relative amplitude of the slow shaft-rate wander
 * @param tonals machinery lines
 */
public record VesselParams(
    String label,
    Jomopans.Category category,
    double lengthM,
    double speedKn,
    double shaftHz,
    int blades,
    int cylinders,
    double gearRatio,
    double sourceDepthM,
    double modulationIndex,
    double[] harmonicAmps,
    double[] harmonicPhases,
    double shaftJitter,
    List<Tonal> tonals) {

  /** Validates and names the bad value. */
  public VesselParams {
    if (!(lengthM > 0) || !(speedKn > 0) || !(shaftHz > 0) || blades < 1 || !(sourceDepthM > 0)) {
      throw new IllegalArgumentException(
          label + ": length, speed, shaft rate, blades and source depth must be > 0");
    }
    if (!(modulationIndex >= 0 && modulationIndex < 1)) {
      throw new IllegalArgumentException(
          label + ": modulationIndex must be in [0,1), was " + modulationIndex);
    }
    if (harmonicAmps.length != harmonicPhases.length) {
      throw new IllegalArgumentException(label + ": harmonic amplitudes and phases differ in size");
    }
    tonals = List.copyOf(tonals);
  }

  /**
   * The same vessel with another source depth.
   *
   * @param depthM source depth in m
   * @return a copy
   */
  public VesselParams withSourceDepth(double depthM) {
    return new VesselParams(
        label,
        category,
        lengthM,
        speedKn,
        shaftHz,
        blades,
        cylinders,
        gearRatio,
        depthM,
        modulationIndex,
        harmonicAmps,
        harmonicPhases,
        shaftJitter,
        tonals);
  }

  /** Blade-pass frequency blades x shaft rate in Hz. */
  public double bladePassHz() {
    return blades * shaftHz;
  }

  /** Diesel firing rate rpm x cylinders / 2 in Hz (4-stroke), with rpm = gear ratio x shaft. */
  public double firingHz() {
    return shaftHz * gearRatio * cylinders / 2;
  }

  /**
   * Source spectral density of the broadband noise.
   *
   * @param fHz frequency in Hz
   * @return dB re 1 uPa^2/Hz at 1 m (JOMOPANS-ECHO)
   */
  public double sourcePsdDb(double fHz) {
    return Jomopans.sourcePsdDb(fHz, speedKn, lengthM, category);
  }

  /**
   * Draws a vessel from a class prior.
   *
   * @param p the class prior
   * @param rng random source, consumed in a fixed order
   * @param maxToneHz tonals above this frequency are left out (e.g. a third of the sample rate)
   * @return the vessel
   */
  public static VesselParams draw(ClassPrior p, RandomGenerator rng, double maxToneHz) {
    double length = p.lengthM().draw(rng);
    double speed = p.speedKn().draw(rng);
    double shaft = p.shaftHz().draw(rng);
    int blades = p.blades().drawInt(rng);
    int cylinders = p.cylinders().drawInt(rng);
    double gear = p.gearRatio().draw(rng);
    double depth = p.sourceDepthM().draw(rng);
    double beta = p.modulationIndex().draw(rng);
    if (speed < p.inceptionKn()) {
      beta = 0;
    }
    int perBlade = 3 + rng.nextInt(3);
    int n = perBlade * blades;
    double boost = 2 + 0.5 * rng.nextDouble();
    double[] amps = new double[n];
    double[] phases = new double[n];
    double sum = 0;
    for (int k = 1; k <= n; k++) {
      double a = Math.pow(k, -1.5) * (1 + 0.1 * (2 * rng.nextDouble() - 1));
      if (k % blades == 0) {
        a *= boost;
      }
      amps[k - 1] = a;
      phases[k - 1] = 2 * Math.PI * rng.nextDouble();
      sum += a;
    }
    for (int k = 0; k < n; k++) {
      amps[k] /= sum;
    }
    double jitter = 0.001 + 0.002 * rng.nextDouble();
    VesselParams base =
        new VesselParams(
            p.label(),
            p.category(),
            length,
            speed,
            shaft,
            blades,
            cylinders,
            gear,
            depth,
            beta,
            amps,
            phases,
            jitter,
            List.of());
    List<Tonal> tonals = new ArrayList<>();
    double firing = base.firingHz();
    for (int h = 1; h <= 3; h++) {
      addTonal(tonals, base, h * firing, 12 - 4 * (h - 1), 6, rng, maxToneHz, "firing");
    }
    if (p.generator()) {
      double mains = rng.nextBoolean() ? 50 : 60;
      for (int h = 1; h <= 3; h++) {
        addTonal(tonals, base, h * mains, 10 - 3 * (h - 1), 6, rng, maxToneHz, "generator");
      }
    }
    addTonal(tonals, base, shaft, 8, 6, rng, maxToneHz, "shaft");
    addTonal(tonals, base, base.bladePassHz(), 12, 6, rng, maxToneHz, "blade");
    return new VesselParams(
        p.label(),
        p.category(),
        length,
        speed,
        shaft,
        blades,
        cylinders,
        gear,
        depth,
        beta,
        amps,
        phases,
        jitter,
        tonals);
  }

  private static void addTonal(
      List<Tonal> out,
      VesselParams v,
      double f,
      double excessDb,
      double spreadDb,
      RandomGenerator rng,
      double maxHz,
      String source) {
    double excess = excessDb + spreadDb * (rng.nextDouble() - 0.5);
    double jitter = 0.05 + 0.1 * rng.nextDouble();
    double width = 0.02 + 0.08 * rng.nextDouble();
    if (f < maxHz) {
      out.add(new Tonal(f, v.sourcePsdDb(f) + excess, jitter, width, source));
    }
  }
}
