package io.uatr.experiments.data;

import io.uatr.datasets.DatasetSplits;
import io.uatr.training.SegmentSet;
import java.util.List;
import java.util.Map;

/**
 * A dataset ready for training: feature segments with labels, and what they came from.
 *
 * @param segments every segment, [bins][frames] each, with TRAIN or TEST split by recording
 * @param splits the loader's recording-level split (with problems and the leakage report)
 * @param sizeLevels size level names (empty when the data has no size labels)
 * @param features the feature settings
 * @param splitHash SHA-256 over the sorted (recording, split, class) lines: identifies the split
 * @param examples class index to one training segment's [bins][frames] features, for plots
 * @param synthetic whether the data is the synthetic corpus
 */
public record PreparedData(
    SegmentSet segments,
    DatasetSplits splits,
    List<String> sizeLevels,
    FeatureSettings features,
    String splitHash,
    Map<Integer, float[][]> examples,
    boolean synthetic) {

  /** Whether every segment has a size level. */
  public boolean hasSizes() {
    return !sizeLevels.isEmpty() && segments.segments().stream().allMatch(s -> s.sizeLevel() >= 0);
  }
}
