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
 * Seeded, class-stratified split by vessel (pure static): the recordings of one vessel ({@link
 * StratifiedSplitter#defaultGroup}: the {@code ship} metadata where known, else the recording
 * alone) all go to the same part, so no vessel is in both train and test.
 *
 * <p>Per class with n recordings in g groups and test fraction f, the target is t = f n recordings.
 * Among the subsets of groups that leave at least one group on each side, those whose recording
 * count is closest to t are found (exhaustively up to {@value #EXHAUSTIVE_GROUPS} groups, else
 * greedily: groups in a seeded random order, each taken when it brings the count closer to t), and
 * one of them is drawn with a {@code SplittableRandom} seeded from the seed and the class name. A
 * class with a single group cannot be tested vessel-disjointly: it stays in train only and is named
 * in {@link Result#trainOnlyClasses()}. Every class with two or more groups is in both parts.
 */
public final class VesselSplitter {
  /** Classes with at most this many groups are split by exhaustive search over subsets. */
  public static final int EXHAUSTIVE_GROUPS = 16;

  private VesselSplitter() {}

  /**
   * A vessel-disjoint split.
   *
   * @param train training recordings, in input order
   * @param test test recordings, in input order
   * @param trainOnlyClasses classes with a single vessel (group), kept in train only, sorted
   */
  public record Result(List<Recording> train, List<Recording> test, List<String> trainOnlyClasses) {
    /** Copies the lists. */
    public Result {
      train = List.copyOf(train);
      test = List.copyOf(test);
      trainOnlyClasses = List.copyOf(trainOnlyClasses);
    }
  }

  /**
   * Splits by vessel with the default group key.
   *
   * @param recordings the recordings
   * @param testFractions class label to its test fraction in [0, 1)
   * @param defaultFraction fraction of a class not in {@code testFractions}, in [0, 1)
   * @param seed random seed
   * @return the parts and the train-only classes
   */
  public static Result split(
      List<Recording> recordings,
      Map<String, Double> testFractions,
      double defaultFraction,
      long seed) {
    return split(
        recordings, testFractions, defaultFraction, seed, StratifiedSplitter::defaultGroup);
  }

  /**
   * As {@link #split(List, Map, double, long)} with a custom group key.
   *
   * @param recordings the recordings
   * @param testFractions class label to its test fraction in [0, 1)
   * @param defaultFraction fraction of a class not in {@code testFractions}, in [0, 1)
   * @param seed random seed
   * @param groupKey recordings with the same key stay on the same side
   * @return the parts and the train-only classes
   */
  public static Result split(
      List<Recording> recordings,
      Map<String, Double> testFractions,
      double defaultFraction,
      long seed,
      Function<Recording, String> groupKey) {
    Map<String, Map<String, List<Recording>>> byClass = new TreeMap<>();
    for (Recording r : recordings) {
      byClass
          .computeIfAbsent(r.label(), k -> new TreeMap<>())
          .computeIfAbsent(groupKey.apply(r), k -> new ArrayList<>())
          .add(r);
    }
    Set<Recording> inTest = Collections.newSetFromMap(new IdentityHashMap<>());
    List<String> trainOnly = new ArrayList<>();
    for (Map.Entry<String, Map<String, List<Recording>>> e : byClass.entrySet()) {
      List<List<Recording>> groups = new ArrayList<>(e.getValue().values());
      if (groups.size() < 2) {
        trainOnly.add(e.getKey());
        continue;
      }
      double f = testFractions.getOrDefault(e.getKey(), defaultFraction);
      if (!(f >= 0 && f < 1)) {
        throw new IllegalArgumentException(
            "test fraction of class " + e.getKey() + " must be in [0, 1), was " + f);
      }
      int[] sizes = groups.stream().mapToInt(List::size).toArray();
      int n = 0;
      for (int s : sizes) {
        n += s;
      }
      SplittableRandom rng =
          new SplittableRandom(seed ^ (e.getKey().hashCode() * 0x9E3779B97F4A7C15L));
      boolean[] take = choose(sizes, f * n, rng);
      for (int g = 0; g < groups.size(); g++) {
        if (take[g]) {
          inTest.addAll(groups.get(g));
        }
      }
    }
    List<Recording> train = new ArrayList<>();
    List<Recording> test = new ArrayList<>();
    for (Recording r : recordings) {
      (inTest.contains(r) ? test : train).add(r);
    }
    return new Result(train, test, trainOnly);
  }

  /**
   * Which groups go to test: a proper non-empty subset whose size is closest to the target.
   *
   * @param sizes [g] recordings per group, g &gt;= 2
   * @param target wanted test recordings
   * @param rng draws among equally close subsets
   * @return [g] true for test groups
   */
  static boolean[] choose(int[] sizes, double target, SplittableRandom rng) {
    int g = sizes.length;
    boolean[] take = new boolean[g];
    if (g <= EXHAUSTIVE_GROUPS) {
      List<Integer> best = new ArrayList<>();
      double bestGap = Double.POSITIVE_INFINITY;
      for (int mask = 1; mask < (1 << g) - 1; mask++) {
        int count = 0;
        for (int i = 0; i < g; i++) {
          if ((mask & (1 << i)) != 0) {
            count += sizes[i];
          }
        }
        double gap = Math.abs(count - target);
        if (gap < bestGap - 1e-9) {
          bestGap = gap;
          best.clear();
        }
        if (gap < bestGap + 1e-9) {
          best.add(mask);
        }
      }
      int mask = best.get(rng.nextInt(best.size()));
      for (int i = 0; i < g; i++) {
        take[i] = (mask & (1 << i)) != 0;
      }
      return take;
    }
    int[] order = new int[g];
    for (int i = 0; i < g; i++) {
      order[i] = i;
    }
    for (int i = g - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int count = 0;
    int taken = 0;
    for (int i : order) {
      if (taken < g - 1 && Math.abs(count + sizes[i] - target) < Math.abs(count - target)) {
        take[i] = true;
        count += sizes[i];
        taken++;
      }
    }
    if (taken == 0) {
      take[order[0]] = true;
    }
    return take;
  }
}
