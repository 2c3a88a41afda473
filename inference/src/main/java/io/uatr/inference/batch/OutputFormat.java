package io.uatr.inference.batch;

/** Output formats of batch prediction. */
public enum OutputFormat {
  /** Comma-separated values with a header row. */
  CSV,
  /** One JSON object per line. */
  JSONL
}
