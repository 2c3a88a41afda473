package io.uatr.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps raw type names (as in the metadata) to class names and indices. Types absent from the map
 * are excluded from the dataset (e.g. pilot ship in the ShipsEar 9-class set).
 */
public final class LabelMap {
  /** The eleven ShipsEar vessel types and natural ambient noise, in metadata spelling. */
  public static final List<String> SHIPSEAR_TYPES =
      List.of(
          "Dredger",
          "Fishboat",
          "Motorboat",
          "Mussel boat",
          "Natural ambient noise",
          "Ocean liner",
          "Passengers",
          "Pilot ship",
          "RORO",
          "Sailboat",
          "Trawler",
          "Tugboat");

  private final String name;
  private final Map<String, String> typeToClass;
  private final List<String> classes;

  /**
   * Creates a map.
   *
   * @param name short name, e.g. "shipsear9"
   * @param typeToClass raw type to class name, in any order; classes are numbered in order of first
   *     appearance
   */
  public LabelMap(String name, Map<String, String> typeToClass) {
    this.name = name;
    this.typeToClass = Collections.unmodifiableMap(new LinkedHashMap<>(typeToClass));
    List<String> cls = new ArrayList<>();
    for (String c : typeToClass.values()) {
      if (!cls.contains(c)) {
        cls.add(c);
      }
    }
    if (cls.isEmpty()) {
      throw new IllegalArgumentException("label map '" + name + "' has no classes");
    }
    this.classes = List.copyOf(cls);
  }

  /** ShipsEar 12 classes: 11 vessel types + natural ambient noise, each its own class. */
  public static LabelMap shipsEar12() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t : SHIPSEAR_TYPES) {
      m.put(t, t);
    }
    return new LabelMap("shipsear12", m);
  }

  /** ShipsEar 9 classes: the 12 without pilot ship, trawler and tugboat. */
  public static LabelMap shipsEar9() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t : SHIPSEAR_TYPES) {
      if (!t.equals("Pilot ship") && !t.equals("Trawler") && !t.equals("Tugboat")) {
        m.put(t, t);
      }
    }
    return new LabelMap("shipsear9", m);
  }

  /**
   * ShipsEar 5 classes: A fishboat, trawler, mussel boat, tugboat, dredger; B motorboat, pilot
   * ship, sailboat; C passengers; D ocean liner, RO-RO; E natural ambient noise.
   */
  public static LabelMap shipsEar5() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String t : List.of("Fishboat", "Trawler", "Mussel boat", "Tugboat", "Dredger")) {
      m.put(t, "A");
    }
    for (String t : List.of("Motorboat", "Pilot ship", "Sailboat")) {
      m.put(t, "B");
    }
    m.put("Passengers", "C");
    m.put("Ocean liner", "D");
    m.put("RORO", "D");
    m.put("Natural ambient noise", "E");
    return new LabelMap("shipsear5", m);
  }

  /**
   * A named ShipsEar grouping.
   *
   * @param classes 5, 9 or 12
   * @return the map
   */
  public static LabelMap shipsEar(int classes) {
    switch (classes) {
      case 5:
        return shipsEar5();
      case 9:
        return shipsEar9();
      case 12:
        return shipsEar12();
      default:
        throw new IllegalArgumentException("ShipsEar class sets are 5, 9 or 12, was " + classes);
    }
  }

  /** Short name. */
  public String name() {
    return name;
  }

  /** Class names in index order. */
  public List<String> classes() {
    return classes;
  }

  /**
   * Class of a raw type, matched case-insensitively and ignoring spaces, '-' and '_'.
   *
   * @param type raw type name
   * @return class name, or null when the type is excluded
   */
  public String classOf(String type) {
    String key = normalise(type);
    for (Map.Entry<String, String> e : typeToClass.entrySet()) {
      if (normalise(e.getKey()).equals(key)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** Index of a class name, or -1. */
  public int indexOf(String className) {
    return classes.indexOf(className);
  }

  /** Raw types mapped to a class, in map order. */
  public List<String> types() {
    return List.copyOf(typeToClass.keySet());
  }

  static String normalise(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "");
  }
}
