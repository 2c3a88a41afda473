package io.uatr.collab;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One party's outcome in one setting, as the coordinator receives it.
 *
 * @param segmentAccuracy accuracy over the party's test segments, in [0, 1]
 * @param recordingAccuracy accuracy over its test recordings (mean segment probabilities)
 * @param parametersHeld scalars in the parameter arrays the party holds while training
 * @param peakHeapBytes peak Java heap in use while training (sampled), bytes
 */
public record PartyResult(
    double segmentAccuracy, double recordingAccuracy, long parametersHeld, long peakHeapBytes) {

  /** Returns this result with the peak heap of {@code other} (heap figures vary run to run). */
  public PartyResult withHeap(PartyResult other) {
    return new PartyResult(segmentAccuracy, recordingAccuracy, parametersHeld, other.peakHeapBytes);
  }

  /** Encodes as {@code key=value;...} (the note of a reply). */
  public String toNote() {
    return String.format(
        Locale.ROOT,
        "segment_accuracy=%s;recording_accuracy=%s;parameters_held=%d;peak_heap_bytes=%d",
        Double.toString(segmentAccuracy),
        Double.toString(recordingAccuracy),
        parametersHeld,
        peakHeapBytes);
  }

  /** Parses {@link #toNote()}. */
  public static PartyResult parse(String note) {
    Map<String, String> m = new HashMap<>();
    for (String kv : note.split(";")) {
      int i = kv.indexOf('=');
      if (i > 0) {
        m.put(kv.substring(0, i), kv.substring(i + 1));
      }
    }
    try {
      return new PartyResult(
          Double.parseDouble(m.get("segment_accuracy")),
          Double.parseDouble(m.get("recording_accuracy")),
          Long.parseLong(m.get("parameters_held")),
          Long.parseLong(m.get("peak_heap_bytes")));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("not a party result: '" + note + "'", e);
    }
  }
}
