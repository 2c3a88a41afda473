package io.uatr.datasets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Seeded, class-stratified, recording-level split (pure static). Recordings of the same ship (the
 * {@code ship} metadata, where known) are kept together, so no ship appears on both sides.
 */
public final class StratifiedSplitter {
  private StratifiedSplitter() {}

  /**
   * A two-way split.
   *
   * @param train recordings of the first part, in input order
   * @param test recordings of the second part, in input order
   */
  public record Parts(List<Recording> train, List<Recording> test) {}

  /**
   * Splits recordings: in each class, whole groups (ship, or the recording alone) are moved to
   * {@code test} in a seeded random order until it holds at least round(n x fraction) recordings
   * (at least one when the fraction is positive and the class has two or more groups; never every
   * group of a class, so a class whose recordings are all one ship stays in {@code train}).
   *
   * @param recordings the recordings
   * @param testFraction fraction for the second part, in [0, 1)
   * @param seed random seed
   * @return the parts
   */
  public static Parts split(List<Recording> recordings, double testFraction, long seed) {
    return split(recordings, testFraction, seed, StratifiedSplitter::defaultGroup);
  }

  /**
   * The default group of a recording: its ship where known, else its multi-file recording ({@code
   * recording} metadata), else itself.
   *
   * @param r the recording
   * @return group key
   */
  public static String defaultGroup(Recording r) {
    if (r.ship() != null) {
      return "ship:" + r.ship();
    }
    String rec = r.metadata().get(Recording.GROUP);
    return rec != null ? "recording:" + rec : "id:" + r.id();
  }

  /**
   * As {@link #split(List, double, long)} with a custom group key.
   *
   * @param recordings the recordings
   * @param testFraction fraction for the second part, in [0, 1)
   * @param seed random seed
   * @param groupKey recordings with the same key stay on the same side
   * @return the parts
   */
  public static Parts split(
      List<Recording> recordings,
      double testFraction,
      long seed,
      Function<Recording, String> groupKey) {
    if (!(testFraction >= 0 && testFraction < 1)) {
      throw new IllegalArgumentException("test_fraction must be in [0, 1), was " + testFraction);
    }
    Map<String, Map<String, List<Recording>>> byClass = new TreeMap<>();
    for (Recording r : recordings) {
      String group = groupKey.apply(r);
      byClass
          .computeIfAbsent(r.label(), k -> new TreeMap<>())
          .computeIfAbsent(group, k -> new ArrayList<>())
          .add(r);
    }
    List<Recording> test = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Recording>>> e : byClass.entrySet()) {
      List<List<Recording>> groups = new ArrayList<>(e.getValue().values());
      int n = 0;
      for (List<Recording> g : groups) {
        n += g.size();
      }
      SplittableRandom rng =
          new SplittableRandom(seed ^ (e.getKey().hashCode() * 0x9E3779B97F4A7C15L));
      for (int i = groups.size() - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        List<Recording> t = groups.get(i);
        groups.set(i, groups.get(j));
        groups.set(j, t);
      }
      int want = (int) Math.round(n * testFraction);
      if (want == 0 && testFraction > 0 && groups.size() >= 2) {
        want = 1;
      }
      int got = 0;
      for (int g = 0; g < groups.size() && got < want; g++) {
        if (g == groups.size() - 1) {
          break; // never the whole class: a class of one group stays in the first part
        }
        test.addAll(groups.get(g));
        got += groups.get(g).size();
      }
    }
    List<Recording> trainOut = new ArrayList<>();
    List<Recording> testOut = new ArrayList<>();
    Set<Recording> inTest = Collections.newSetFromMap(new IdentityHashMap<>());
    inTest.addAll(test);
    for (Recording r : recordings) {
      (inTest.contains(r) ? testOut : trainOut).add(r);
    }
    return new Parts(trainOut, testOut);
  }
}
