package io.uatr.collab;

import java.util.List;
import java.util.Locale;

/**
 * One row of {@code results.csv}.
 *
 * @param setting centralised, alone or collaborative
 * @param party the party whose test set was used (and, except for centralised, whose model)
 * @param seed the seed
 * @param r the figures
 */
public record ResultRow(String setting, int party, long seed, PartyResult r) {

  /** Column names of results.csv. */
  public static final List<String> HEADER =
      List.of(
          "setting",
          "party",
          "seed",
          "segment_accuracy",
          "recording_accuracy",
          "parameters_held",
          "peak_heap_bytes");

  /** Returns the CSV cells. */
  public List<String> cells() {
    return List.of(
        setting,
        Integer.toString(party),
        Long.toString(seed),
        String.format(Locale.ROOT, "%.4f", r.segmentAccuracy()),
        String.format(Locale.ROOT, "%.4f", r.recordingAccuracy()),
        Long.toString(r.parametersHeld()),
        Long.toString(r.peakHeapBytes()));
  }
}
