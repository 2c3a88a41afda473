package io.uatr.datasets;

/**
 * One problem found while collecting a dataset.
 *
 * @param kind what kind of problem
 * @param file the file name (or the expected name pattern for a missing file)
 * @param detail explanation
 */
public record DatasetProblem(Kind kind, String file, String detail) {

  /** Kinds of collection problems. */
  public enum Kind {
    /** The metadata lists a recording the split needs, but no WAV has its ID. */
    MISSING_FILE,
    /** A WAV whose ID is not in the metadata, or whose name carries no ID. */
    NOT_IN_METADATA,
    /** A WAV that cannot be read (bad header, truncated, unsupported encoding, I/O error). */
    UNREADABLE,
    /** Two WAVs with the same ID. */
    DUPLICATE_ID
  }

  @Override
  public String toString() {
    return kind + " " + file + ": " + detail;
  }
}
