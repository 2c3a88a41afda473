package io.uatr.datasets;

import java.util.Map;
import java.util.TreeMap;

/**
 * Per-class test fractions of a published recording-level split (pure static), for splits that
 * should keep its proportions (the vessel-disjoint ShipsEar split).
 */
public final class PublishedProportions {
  private PublishedProportions() {}

  /**
   * The test fraction of each class in a split of the split table: test IDs / (train + test IDs)
   * among the IDs whose type maps to the class (IDs the split table lists only; a time-cut
   * recording that it does not list is not counted).
   *
   * @param splits split table (columns split_name, part, ids)
   * @param splitName the split, e.g. {@code 9class}
   * @param types recording ID to its raw type (the metadata's {@code label})
   * @param labels the class grouping
   * @return class to test fraction in [0, 1], for classes with at least one listed ID; empty when
   *     the table has no such split
   */
  public static Map<String, Double> testFractions(
      TsvTable splits, String splitName, Map<String, String> types, LabelMap labels) {
    Map<String, int[]> counts = new TreeMap<>();
    for (Map<String, String> row : splits.rows()) {
      if (!row.get("split_name").equals(splitName)) {
        continue;
      }
      boolean test = row.get("part").equals("test");
      for (String id : row.get("ids").split(",")) {
        String type = id.isBlank() ? null : types.get(normalise(id));
        String cls = type == null ? null : labels.classOf(type);
        if (cls != null) {
          counts.computeIfAbsent(cls, k -> new int[2])[test ? 1 : 0]++;
        }
      }
    }
    Map<String, Double> out = new TreeMap<>();
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      out.put(e.getKey(), c[1] / (double) (c[0] + c[1]));
    }
    return out;
  }

  private static String normalise(String id) {
    try {
      return Integer.toString(Integer.parseInt(id.trim()));
    } catch (NumberFormatException e) {
      return id.trim();
    }
  }
}
