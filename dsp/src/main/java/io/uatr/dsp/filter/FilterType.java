package io.uatr.dsp.filter;

/** Response type of a frequency-selective filter. */
public enum FilterType {
  /** Passes frequencies below the cut-off. */
  LOW_PASS,
  /** Passes frequencies above the cut-off. */
  HIGH_PASS,
  /** Passes frequencies between the lower and upper edge. */
  BAND_PASS,
  /** Rejects frequencies between the lower and upper edge. */
  BAND_STOP
}
