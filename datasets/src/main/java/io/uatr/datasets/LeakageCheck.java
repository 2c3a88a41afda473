package io.uatr.datasets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds recordings and ships that appear in more than one split part (pure static). A recording in
 * two parts is a leak unless its time sections there are disjoint (as for ShipsEar trawler 28 in
 * the 12-class split), which is reported separately.
 */
public final class LeakageCheck {
  private LeakageCheck() {}

  /**
   * What the check found.
   *
   * @param recordings recording ID to the parts it leaks into (overlapping sections)
   * @param timeSplitRecordings recording ID to the parts holding disjoint time sections of it
   * @param ships ship identity to the parts its recordings are in
   */
  public record Report(
      Map<String, List<String>> recordings,
      Map<String, List<String>> timeSplitRecordings,
      Map<String, List<String>> ships) {

    /** Whether no recording leaks (ships may still be shared). */
    public boolean recordingsClean() {
      return recordings.isEmpty();
    }

    /** Whether neither recordings nor ships are shared. */
    public boolean clean() {
      return recordings.isEmpty() && ships.isEmpty();
    }

    @Override
    public String toString() {
      if (clean() && timeSplitRecordings.isEmpty()) {
        return "no leakage";
      }
      return "recordings in several parts: "
          + recordings
          + "; time-split recordings: "
          + timeSplitRecordings
          + "; ships in several parts: "
          + ships;
    }
  }

  /**
   * Checks split parts against each other.
   *
   * @param parts part name (e.g. train, validation, test) to its recordings
   * @return the overlaps, in part order
   */
  public static Report check(Map<String, List<Recording>> parts) {
    Map<String, Map<String, List<Recording>>> byId = new LinkedHashMap<>();
    Map<String, Set<String>> byShip = new LinkedHashMap<>();
    for (Map.Entry<String, List<Recording>> e : parts.entrySet()) {
      for (Recording r : e.getValue()) {
        byId.computeIfAbsent(r.id(), k -> new LinkedHashMap<>())
            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
            .add(r);
        if (r.ship() != null) {
          byShip.computeIfAbsent(r.ship(), k -> new LinkedHashSet<>()).add(e.getKey());
        }
      }
    }
    Map<String, List<String>> leaks = new LinkedHashMap<>();
    Map<String, List<String>> timeSplit = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, List<Recording>>> e : byId.entrySet()) {
      if (e.getValue().size() < 2) {
        continue;
      }
      List<String> names = new ArrayList<>(e.getValue().keySet());
      (overlapAcrossParts(e.getValue()) ? leaks : timeSplit).put(e.getKey(), names);
    }
    Map<String, List<String>> ships = new LinkedHashMap<>();
    for (Map.Entry<String, Set<String>> e : byShip.entrySet()) {
      if (e.getValue().size() > 1) {
        ships.put(e.getKey(), new ArrayList<>(e.getValue()));
      }
    }
    return new Report(leaks, timeSplit, ships);
  }

  private static boolean overlapAcrossParts(Map<String, List<Recording>> perPart) {
    List<String> names = new ArrayList<>(perPart.keySet());
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        for (Recording x : perPart.get(names.get(a))) {
          for (Recording y : perPart.get(names.get(b))) {
            if (x.startS() < y.endS() && y.startS() < x.endS()) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }
}
