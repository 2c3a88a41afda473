package io.uatr.collab;

import io.uatr.training.FeatureSegment;
import io.uatr.training.SegmentSet;
import io.uatr.training.Split;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits a data set among parties by recording, non-IID: vessel type (class) c is held by the
 * {@code perType} parties c, c+1, ... (mod n), so each party sees a different mix of types and
 * every type appears at {@code perType} parties. The training recordings of a type are dealt
 * round-robin (in recording-id order) among its parties; no training recording is at two parties.
 * Each party's test set is every test recording of the types it holds (its own test distribution;
 * test recordings are only evaluated on, never trained on).
 */
public final class NonIidSplit {

  private NonIidSplit() {}

  /** Returns the parties that hold class {@code c}. */
  public static List<Integer> partiesOf(int c, int parties, int perType) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < perType; i++) {
      out.add((c + i) % parties);
    }
    return out;
  }

  /**
   * Splits {@code all}.
   *
   * @param all every segment with its TRAIN/TEST split (VALIDATION segments count as training)
   * @param parties number of parties n (&gt;= 1)
   * @param perType parties per type, 1 &lt;= perType &lt;= n
   * @return one segment set per party (same class names)
   * @throws IllegalArgumentException when a party would get no training recording
   */
  public static List<SegmentSet> split(SegmentSet all, int parties, int perType) {
    if (parties < 1 || perType < 1 || perType > parties) {
      throw new IllegalArgumentException(
          "need 1 <= collab.parties_per_type <= collab.parties, were "
              + perType
              + " and "
              + parties);
    }
    Map<Integer, TreeSet<String>> trainRecs = new TreeMap<>();
    for (FeatureSegment s : all.segments()) {
      if (s.split() != Split.TEST) {
        trainRecs.computeIfAbsent(s.classLabel(), k -> new TreeSet<>()).add(s.recordingId());
      }
    }
    Map<String, Integer> owner = new TreeMap<>();
    for (Map.Entry<Integer, TreeSet<String>> e : trainRecs.entrySet()) {
      List<Integer> ps = partiesOf(e.getKey(), parties, perType);
      int i = 0;
      for (String rec : e.getValue()) {
        owner.put(rec, ps.get(i++ % ps.size()));
      }
    }
    List<List<FeatureSegment>> parts = new ArrayList<>();
    for (int p = 0; p < parties; p++) {
      parts.add(new ArrayList<>());
    }
    for (FeatureSegment s : all.segments()) {
      if (s.split() == Split.TEST) {
        for (int p : partiesOf(s.classLabel(), parties, perType)) {
          parts.get(p).add(s);
        }
      } else {
        parts.get(owner.get(s.recordingId())).add(s.withSplit(Split.TRAIN));
      }
    }
    List<SegmentSet> out = new ArrayList<>();
    for (int p = 0; p < parties; p++) {
      if (parts.get(p).stream().noneMatch(s -> s.split() == Split.TRAIN)) {
        throw new IllegalArgumentException("party " + p + " would hold no training recording");
      }
      out.add(new SegmentSet(parts.get(p), all.classNames(), all.nuisanceNames()));
    }
    return out;
  }

  /** Returns the training segments of every party together (the centralised setting's data). */
  public static SegmentSet pooled(SegmentSet all) {
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : all.segments()) {
      out.add(s.split() == Split.TEST ? s : s.withSplit(Split.TRAIN));
    }
    return new SegmentSet(out, all.classNames(), all.nuisanceNames());
  }

  /** Returns {@code all}'s TRAIN segments plus the TEST segments of the classes party p holds. */
  public static SegmentSet withTestOf(SegmentSet pooled, int party, int parties, int perType) {
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : pooled.segments()) {
      if (s.split() != Split.TEST || partiesOf(s.classLabel(), parties, perType).contains(party)) {
        out.add(s);
      }
    }
    return new SegmentSet(out, pooled.classNames(), pooled.nuisanceNames());
  }
}
