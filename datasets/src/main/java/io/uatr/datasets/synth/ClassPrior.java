package io.uatr.datasets.synth;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prior ranges of the physical parameters of one ShipsEar vessel type, from which each synthetic
 * vessel is drawn uniformly. The values are project choices guided by the typical mechanics listed
 * in the domain reference (large ships: shaft 1-2 Hz, 4-6 blades; tugs and fishing boats: shaft
 * 3-10 Hz; motorboats: propeller 15-35 Hz, 3 blades) and by the ShipsEar geometry (ranges mostly
 * under 50 m, some 50-100 m, large ships farther); they are not measurements.
 *
 * @param label ShipsEar type name, e.g. "Motorboat"
 * @param category JOMOPANS-ECHO category of the source spectrum
 * @param lengthM vessel length in m
 * @param speedKn speed through water in knots
 * @param shaftHz propeller shaft rate in Hz
 * @param blades propeller blade count
 * @param cylinders diesel engine cylinder count
 * @param gearRatio engine speed / shaft speed
 * @param cpaRangeM horizontal range at the closest point of approach in m
 * @param sourceDepthM effective source (propeller) depth in m
 * @param modulationIndex cavitation modulation index above inception
 * @param inceptionKn cavitation inception speed in knots (no modulation below)
 * @param generator whether the vessel has a 50/60 Hz diesel generator
 */
public record ClassPrior(
    String label,
    Jomopans.Category category,
    Interval lengthM,
    Interval speedKn,
    Interval shaftHz,
    Interval blades,
    Interval cylinders,
    Interval gearRatio,
    Interval cpaRangeM,
    Interval sourceDepthM,
    Interval modulationIndex,
    double inceptionKn,
    boolean generator) {

  /** The label of natural ambient noise (no vessel). */
  public static final String AMBIENT = "Natural ambient noise";

  private static final Map<String, ClassPrior> TABLE = buildTable();

  /** Validates the values that are not intervals. */
  public ClassPrior {
    if (label == null || label.isBlank()) {
      throw new IllegalArgumentException("label must be set");
    }
    if (blades.lo() < 2 || modulationIndex.hi() > 0.95 || modulationIndex.lo() < 0) {
      throw new IllegalArgumentException(
          label + ": blades must be >= 2 and modulation index in [0, 0.95]");
    }
  }

  /**
   * The prior of a ShipsEar vessel type.
   *
   * @param label one of {@link #vesselLabels()}
   * @return the prior
   * @throws IllegalArgumentException naming the label and the known ones
   */
  public static ClassPrior of(String label) {
    ClassPrior p = TABLE.get(label);
    if (p == null) {
      throw new IllegalArgumentException(
          "no synthetic prior for vessel type '" + label + "' (known: " + vesselLabels() + ")");
    }
    return p;
  }

  /** The eleven ShipsEar vessel types with a prior, in a fixed order. */
  public static List<String> vesselLabels() {
    return List.copyOf(TABLE.keySet());
  }

  private static Interval iv(double lo, double hi) {
    return new Interval(lo, hi);
  }

  private static Map<String, ClassPrior> buildTable() {
    Map<String, ClassPrior> m = new LinkedHashMap<>();
    Jomopans.Category fishing = Jomopans.Category.FISHING;
    Jomopans.Category rec = Jomopans.Category.RECREATIONAL;
    // Shaft-rate ranges overlap little between types of the same size group, so that the
    // modulation lines (DEMON) carry the type as well as the size.
    put(
        m,
        "Dredger",
        Jomopans.Category.DREDGER,
        iv(80, 120),
        iv(2, 6),
        iv(2.5, 3.5),
        iv(4, 4),
        iv(6, 8),
        iv(3, 5),
        iv(60, 150),
        iv(4, 6),
        iv(0.3, 0.6),
        1.5,
        true);
    put(
        m,
        "Fishboat",
        fishing,
        iv(15, 30),
        iv(6, 10),
        iv(4, 6.5),
        iv(4, 4),
        iv(6, 6),
        iv(2, 4),
        iv(15, 50),
        iv(1.5, 3),
        iv(0.4, 0.8),
        3,
        false);
    put(
        m,
        "Motorboat",
        rec,
        iv(5, 15),
        iv(15, 30),
        iv(20, 35),
        iv(3, 3),
        iv(4, 8),
        iv(1.5, 2.5),
        iv(10, 80),
        iv(0.5, 1),
        iv(0.4, 0.8),
        5,
        false);
    put(
        m,
        "Mussel boat",
        fishing,
        iv(15, 25),
        iv(4, 8),
        iv(6.5, 9),
        iv(3, 3),
        iv(6, 8),
        iv(2, 4),
        iv(15, 60),
        iv(1.5, 3),
        iv(0.3, 0.7),
        3,
        false);
    put(
        m,
        "Ocean liner",
        Jomopans.Category.CRUISE,
        iv(200, 330),
        iv(5, 10),
        iv(1.0, 1.6),
        iv(5, 6),
        iv(8, 12),
        iv(4, 8),
        iv(60, 150),
        iv(6, 9),
        iv(0.3, 0.6),
        2,
        true);
    put(
        m,
        "Passengers",
        Jomopans.Category.PASSENGER,
        iv(20, 45),
        iv(9, 14),
        iv(9, 12),
        iv(5, 5),
        iv(6, 12),
        iv(2, 3),
        iv(15, 80),
        iv(1.5, 3),
        iv(0.4, 0.8),
        4,
        true);
    put(
        m,
        "RORO",
        Jomopans.Category.VEHICLE_CARRIER,
        iv(100, 200),
        iv(8, 15),
        iv(1.7, 2.4),
        iv(4, 4),
        iv(6, 9),
        iv(1, 1),
        iv(60, 200),
        iv(5, 8),
        iv(0.3, 0.6),
        3,
        true);
    put(
        m,
        "Sailboat",
        rec,
        iv(8, 15),
        iv(4, 7),
        iv(10, 18),
        iv(2, 2),
        iv(2, 4),
        iv(2, 3),
        iv(10, 50),
        iv(0.5, 1.2),
        iv(0.2, 0.5),
        3,
        false);
    put(
        m,
        "Pilot ship",
        Jomopans.Category.OTHER,
        iv(12, 20),
        iv(8, 20),
        iv(12, 25),
        iv(4, 4),
        iv(6, 12),
        iv(2, 3),
        iv(15, 60),
        iv(1, 2),
        iv(0.4, 0.8),
        5,
        true);
    put(
        m,
        "Trawler",
        fishing,
        iv(20, 40),
        iv(3, 5),
        iv(3, 6),
        iv(4, 4),
        iv(6, 8),
        iv(3, 5),
        iv(20, 60),
        iv(2, 4),
        iv(0.3, 0.6),
        2,
        true);
    put(
        m,
        "Tugboat",
        Jomopans.Category.TUG,
        iv(25, 35),
        iv(2, 10),
        iv(3, 7),
        iv(4, 5),
        iv(6, 16),
        iv(3, 6),
        iv(15, 60),
        iv(2, 4),
        iv(0.4, 0.8),
        2,
        true);
    return Collections.unmodifiableMap(m);
  }

  private static void put(
      Map<String, ClassPrior> m,
      String label,
      Jomopans.Category cat,
      Interval length,
      Interval speed,
      Interval shaft,
      Interval blades,
      Interval cyl,
      Interval gear,
      Interval cpa,
      Interval depth,
      Interval mod,
      double inception,
      boolean generator) {
    m.put(
        label,
        new ClassPrior(
            label, cat, length, speed, shaft, blades, cyl, gear, cpa, depth, mod, inception,
            generator));
  }
}
