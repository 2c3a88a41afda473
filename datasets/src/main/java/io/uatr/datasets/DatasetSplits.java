package io.uatr.datasets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded dataset, split at recording level.
 *
 * @param labels the class grouping used
 * @param sizes the size levels used
 * @param train training recordings (sections where a split cuts by time)
 * @param test test recordings
 * @param problems collection problems that were skipped ({@code on_error: skip}); empty otherwise
 * @param leakage recordings and ships shared between train and test
 * @param trainOnlyClasses classes a vessel-disjoint split keeps in train only because all their
 *     recordings are one vessel (empty for other splits)
 */
public record DatasetSplits(
    LabelMap labels,
    SizeMap sizes,
    List<Recording> train,
    List<Recording> test,
    List<DatasetProblem> problems,
    LeakageCheck.Report leakage,
    List<String> trainOnlyClasses) {

  /** Copies the lists. */
  public DatasetSplits {
    train = List.copyOf(train);
    test = List.copyOf(test);
    problems = List.copyOf(problems);
    trainOnlyClasses = List.copyOf(trainOnlyClasses);
  }

  /** A split without train-only classes. */
  public DatasetSplits(
      LabelMap labels,
      SizeMap sizes,
      List<Recording> train,
      List<Recording> test,
      List<DatasetProblem> problems,
      LeakageCheck.Report leakage) {
    this(labels, sizes, train, test, problems, leakage, List.of());
  }

  /** The parts by name (train, then test), for {@link LeakageCheck#check}. */
  public Map<String, List<Recording>> parts() {
    Map<String, List<Recording>> m = new LinkedHashMap<>();
    m.put("train", train);
    m.put("test", test);
    return m;
  }
}
