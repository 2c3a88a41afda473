package io.uatr.datasets;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One labelled recording, or a time section of one.
 *
 * @param file the WAV file
 * @param id recording ID (unique within a dataset, e.g. the ShipsEar number)
 * @param label class name after grouping (e.g. "Motorboat" or "B")
 * @param classIndex index of {@code label} in the label map's class list
 * @param size size level (0 none, 1 small, 2 medium, 3 large with the default size map; -1 unknown)
 * @param metadata further facts in key order: {@code type} (the raw vessel type), {@code range},
 *     {@code channel_depth}, {@code wind}, {@code date}, {@code ship} (ship identity where known)
 *     and any extra columns of the metadata table; values as written there
 * @param durationS duration of the whole file in s
 * @param sampleRate sample rate in Hz
 * @param startS start of the used section in s (0 for the whole file)
 * @param endS end of the used section in s ({@code durationS} for the whole file)
 */
public record Recording(
    Path file,
    String id,
    String label,
    int classIndex,
    int size,
    Map<String, String> metadata,
    double durationS,
    int sampleRate,
    double startS,
    double endS) {

  /** Metadata key of the ship identity used by the leakage check. */
  public static final String SHIP = "ship";

  /** Metadata key of the multi-file recording a file belongs to (e.g. a DeepShip folder). */
  public static final String GROUP = "recording";

  /** Metadata key of the raw (ungrouped) type name. */
  public static final String TYPE = "type";

  /** Validates and copies the metadata. */
  public Recording {
    if (file == null || id == null || id.isBlank() || label == null) {
      throw new IllegalArgumentException("a recording needs a file, an id and a label");
    }
    if (!(durationS >= 0) || sampleRate <= 0) {
      throw new IllegalArgumentException(
          file
              + ": duration must be >= 0 and sample rate > 0, was "
              + durationS
              + ", "
              + sampleRate);
    }
    if (!(startS >= 0 && endS >= startS && endS <= durationS + 1e-9)) {
      throw new IllegalArgumentException(
          file
              + ": section ["
              + startS
              + ", "
              + endS
              + "] s must lie within [0, "
              + durationS
              + "] s");
    }
    metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  /** Length of the used section in s. */
  public double sectionS() {
    return endS - startS;
  }

  /** Whether only a time section of the file is used. */
  public boolean isSection() {
    return startS > 0 || endS < durationS;
  }

  /**
   * The same recording restricted to [startS, endS] (clamped to the file).
   *
   * @param start section start in s
   * @param end section end in s
   * @return the section
   */
  public Recording section(double start, double end) {
    double s = Math.max(0, Math.min(start, durationS));
    double e = Math.max(s, Math.min(end, durationS));
    return new Recording(file, id, label, classIndex, size, metadata, durationS, sampleRate, s, e);
  }

  /** The ship identity, or null when the metadata gives none. */
  public String ship() {
    return metadata.get(SHIP);
  }
}
