package io.uatr.datasets;

/**
 * One fixed-length segment of a recording.
 *
 * @param recording the recording (or section) it comes from
 * @param index segment number within the recording, from 0
 * @param startS start time in the file in s
 * @param lengthS segment length in s (the output length, including padding or looping)
 * @param fill how samples past the section end are made: DROP means none are needed
 */
public record Segment(
    Recording recording, int index, double startS, double lengthS, SegmentConfig.Policy fill) {

  /** Whether the segment needs samples beyond the section end. */
  public boolean incomplete() {
    return fill != SegmentConfig.Policy.DROP;
  }
}
