package io.uatr.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * An in-memory set of equally shaped feature segments with class names. All segments share one
 * [bins][frames] shape, and all segments of one recording share one split and one class.
 */
public final class SegmentSet {

  private final List<FeatureSegment> segments;
  private final List<String> classNames;
  private final int bins;
  private final int frames;
  private final List<String> nuisanceNames;

  /**
   * Creates a set without nuisance features.
   *
   * @param segments the segments (at least one), all [bins][frames] with the same shape
   * @param classNames class names indexed by class label; every label must be below its size
   */
  public SegmentSet(List<FeatureSegment> segments, List<String> classNames) {
    this(segments, classNames, List.of());
  }

  /**
   * Creates a set whose segments carry nuisance features.
   *
   * @param segments the segments (at least one), all [bins][frames] with the same shape
   * @param classNames class names indexed by class label; every label must be below its size
   * @param nuisanceNames names of the [n] nuisance features of every segment (e.g. range, depth,
   *     wind), distinct; every segment's nuisance vector must have this length
   */
  public SegmentSet(
      List<FeatureSegment> segments, List<String> classNames, List<String> nuisanceNames) {
    this.nuisanceNames = List.copyOf(nuisanceNames);
    if (new java.util.HashSet<>(this.nuisanceNames).size() != this.nuisanceNames.size()) {
      throw new IllegalArgumentException("nuisance names must be distinct, were " + nuisanceNames);
    }
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a segment set needs at least one segment");
    }
    this.segments = List.copyOf(segments);
    this.classNames = List.copyOf(classNames);
    this.bins = segments.get(0).bins();
    this.frames = segments.get(0).frames();
    Map<String, FeatureSegment> firstOfRecording = new LinkedHashMap<>();
    for (FeatureSegment s : this.segments) {
      if (s.bins() != bins || s.frames() != frames) {
        throw new IllegalArgumentException(
            "segment of "
                + s.recordingId()
                + " is ["
                + s.bins()
                + "]["
                + s.frames()
                + "], expected ["
                + bins
                + "]["
                + frames
                + "]");
      }
      if (s.classLabel() >= classNames.size()) {
        throw new IllegalArgumentException(
            "segment of "
                + s.recordingId()
                + " has class "
                + s.classLabel()
                + " but there are "
                + classNames.size()
                + " class names");
      }
      if (s.nuisance().length != this.nuisanceNames.size()) {
        throw new IllegalArgumentException(
            "segment of "
                + s.recordingId()
                + " has "
                + s.nuisance().length
                + " nuisance features, expected "
                + this.nuisanceNames.size()
                + " "
                + this.nuisanceNames);
      }
      FeatureSegment first = firstOfRecording.putIfAbsent(s.recordingId(), s);
      if (first != null && (first.split() != s.split() || first.classLabel() != s.classLabel())) {
        throw new IllegalArgumentException(
            "recording " + s.recordingId() + " has segments in different splits or classes");
      }
    }
  }

  /** Returns the segments, in order. */
  public List<FeatureSegment> segments() {
    return segments;
  }

  /** Returns segment {@code i}. */
  public FeatureSegment get(int i) {
    return segments.get(i);
  }

  /** Returns the number of segments. */
  public int size() {
    return segments.size();
  }

  /** Returns the class names, indexed by label. */
  public List<String> classNames() {
    return classNames;
  }

  /** Returns the names of the segments' nuisance features, in vector order (empty if none). */
  public List<String> nuisanceNames() {
    return nuisanceNames;
  }

  /** Returns the number of classes. */
  public int numClasses() {
    return classNames.size();
  }

  /** Returns the rows of every feature matrix. */
  public int bins() {
    return bins;
  }

  /** Returns the columns of every feature matrix. */
  public int frames() {
    return frames;
  }

  /** Returns the indices of the segments in {@code split}, ascending. */
  public int[] indices(Split split) {
    return java.util.stream.IntStream.range(0, segments.size())
        .filter(i -> segments.get(i).split() == split)
        .toArray();
  }

  /** Returns the segments of {@code split} as a list (empty if none). */
  public List<FeatureSegment> part(Split split) {
    return segments.stream().filter(s -> s.split() == split).toList();
  }

  /** Returns the number of segments of each class in {@code split}: [num_classes]. */
  public int[] classCounts(Split split) {
    int[] c = new int[classNames.size()];
    for (FeatureSegment s : segments) {
      if (s.split() == split) {
        c[s.classLabel()]++;
      }
    }
    return c;
  }

  /**
   * Moves whole training recordings to the validation split, per class: in each class with n
   * training recordings, round(n x fraction) of them (at least one when fraction &gt; 0 and n &gt;=
   * 2, never all), chosen by a shuffle seeded with {@code seed}. Test segments are never touched.
   *
   * @param fraction share of each class's training recordings, in [0, 1)
   * @param seed shuffle seed
   * @return a new set (this one when fraction is 0)
   */
  public SegmentSet withValidation(double fraction, long seed) {
    if (!(fraction >= 0 && fraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), was " + fraction);
    }
    if (fraction == 0) {
      return this;
    }
    Map<Integer, List<String>> byClass = new TreeMap<>();
    Map<String, Boolean> seen = new LinkedHashMap<>();
    for (FeatureSegment s : segments) {
      if (s.split() == Split.TRAIN && seen.put(s.recordingId(), true) == null) {
        byClass.computeIfAbsent(s.classLabel(), k -> new ArrayList<>()).add(s.recordingId());
      }
    }
    SplittableRandom rng = new SplittableRandom(seed);
    java.util.Set<String> val = new java.util.HashSet<>();
    for (List<String> ids : byClass.values()) {
      List<String> sorted = new ArrayList<>(ids);
      Collections.sort(sorted);
      for (int i = sorted.size() - 1; i > 0; i--) {
        Collections.swap(sorted, i, rng.nextInt(i + 1));
      }
      int k = (int) Math.round(sorted.size() * fraction);
      if (k == 0 && sorted.size() >= 2) {
        k = 1;
      }
      k = Math.min(k, sorted.size() - 1);
      val.addAll(sorted.subList(0, k));
    }
    List<FeatureSegment> out = new ArrayList<>(segments.size());
    for (FeatureSegment s : segments) {
      out.add(val.contains(s.recordingId()) ? s.withSplit(Split.VALIDATION) : s);
    }
    return new SegmentSet(out, classNames, nuisanceNames);
  }
}
