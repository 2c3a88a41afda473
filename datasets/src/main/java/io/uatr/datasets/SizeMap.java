package io.uatr.datasets;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps raw type names to size levels, the auxiliary task of multi-task models. The default is the
 * project's M3 choice: 0 none (ambient noise); 1 small (motorboat, sailboat, pilot ship; 5-15 m); 2
 * medium (fishboat, mussel boat, trawler, tugboat, passengers; 15-40 m); 3 large (dredger, RO-RO,
 * ocean liner; 80-300 m).
 */
public final class SizeMap {
  private final List<String> levels;
  private final Map<String, Integer> typeToLevel;

  /**
   * Creates a map.
   *
   * @param levels level names in index order
   * @param typeToLevel raw type to level index
   */
  public SizeMap(List<String> levels, Map<String, Integer> typeToLevel) {
    this.levels = List.copyOf(levels);
    for (Map.Entry<String, Integer> e : typeToLevel.entrySet()) {
      if (e.getValue() < 0 || e.getValue() >= levels.size()) {
        throw new IllegalArgumentException(
            "size of '"
                + e.getKey()
                + "' must be in [0, "
                + levels.size()
                + "), was "
                + e.getValue());
      }
    }
    this.typeToLevel = Collections.unmodifiableMap(new LinkedHashMap<>(typeToLevel));
  }

  /** The M3 size levels (none, small, medium, large) for the ShipsEar types. */
  public static SizeMap m3Default() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("Natural ambient noise", 0);
    for (String t : List.of("Motorboat", "Sailboat", "Pilot ship")) {
      m.put(t, 1);
    }
    for (String t : List.of("Fishboat", "Mussel boat", "Trawler", "Tugboat", "Passengers")) {
      m.put(t, 2);
    }
    for (String t : List.of("Dredger", "RORO", "Ocean liner")) {
      m.put(t, 3);
    }
    return new SizeMap(List.of("none", "small", "medium", "large"), m);
  }

  /** A map without levels: every type has size -1 (unknown). */
  public static SizeMap none() {
    return new SizeMap(List.of(), Map.of());
  }

  /** Level names in index order. */
  public List<String> levels() {
    return levels;
  }

  /**
   * Size level of a raw type (matched like {@link LabelMap#classOf}).
   *
   * @param type raw type name
   * @return level index, or -1 when unknown
   */
  public int levelOf(String type) {
    String key = LabelMap.normalise(type);
    for (Map.Entry<String, Integer> e : typeToLevel.entrySet()) {
      if (LabelMap.normalise(e.getKey()).equals(key)) {
        return e.getValue();
      }
    }
    return -1;
  }
}
