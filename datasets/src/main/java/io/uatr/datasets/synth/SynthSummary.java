package io.uatr.datasets.synth;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link SynthCorpus#generate} wrote.
 *
 * @param directory output directory
 * @param records one ground-truth row per WAV, in ID order
 * @param testIds IDs in the test part of the split
 * @param totalSeconds total audio duration in s
 * @param clippedSamples samples clipped at full scale over the whole corpus
 * @param clippedRecordings recordings with at least one clipped sample
 * @param elapsedMillis wall-clock generation time in ms
 */
public record SynthSummary(
    Path directory,
    List<SynthRecord> records,
    List<Integer> testIds,
    double totalSeconds,
    long clippedSamples,
    int clippedRecordings,
    long elapsedMillis) {

  /** Copies the lists. */
  public SynthSummary {
    records = List.copyOf(records);
    testIds = List.copyOf(testIds);
  }
}
