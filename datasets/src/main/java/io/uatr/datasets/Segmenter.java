package io.uatr.datasets;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts recordings (or their time sections) into fixed-length segments. Segment k starts at section
 * start + k x hop. Full segments always; a tail segment (start inside the section, end past it)
 * only under {@code last_partial: pad|loop}, when the first such start leaves at least {@code
 * min_partial_s} of signal; a section shorter than one segment gives one segment under {@code
 * short_recordings: pad|loop}. Times are rounded to whole samples.
 */
public final class Segmenter {
  private final SegmentConfig config;

  /**
   * Creates a segmenter.
   *
   * @param config segment settings
   */
  public Segmenter(SegmentConfig config) {
    this.config = config;
  }

  /**
   * Segments of one recording.
   *
   * @param r the recording
   * @return its segments in time order
   */
  public List<Segment> segments(Recording r) {
    return segments(r, config);
  }

  /**
   * Segments of one recording (pure static form).
   *
   * @param r the recording
   * @param c segment settings
   * @return its segments in time order
   */
  public static List<Segment> segments(Recording r, SegmentConfig c) {
    List<Segment> out = new ArrayList<>();
    int fs = r.sampleRate();
    long len = Math.round(c.lengthS() * fs);
    long hop = Math.max(1, Math.round(c.hopS() * fs));
    long from = Math.round(r.startS() * fs);
    long to = Math.round(r.endS() * fs);
    long n = to - from;
    if (n <= 0) {
      return out;
    }
    if (n < len) {
      if (c.shortRecordings() != SegmentConfig.Policy.DROP) {
        out.add(new Segment(r, 0, from / (double) fs, len / (double) fs, c.shortRecordings()));
      }
      return out;
    }
    int k = 0;
    long start = from;
    for (; start + len <= to; start += hop) {
      out.add(
          new Segment(r, k++, start / (double) fs, len / (double) fs, SegmentConfig.Policy.DROP));
    }
    long minPartial = Math.round(c.minPartialS() * fs);
    if (c.lastPartial() != SegmentConfig.Policy.DROP && start < to && to - start >= minPartial) {
      out.add(new Segment(r, k, start / (double) fs, len / (double) fs, c.lastPartial()));
    }
    return out;
  }

  /**
   * Cuts a segment's samples out of the recording's samples.
   *
   * @param fileSamples [samples] the whole file, mono
   * @param s the segment
   * @return [round(lengthS x fs)] samples, zero-padded or looped over the section as the segment
   *     says
   */
  public static float[] extract(float[] fileSamples, Segment s) {
    Recording r = s.recording();
    int fs = r.sampleRate();
    int len = (int) Math.round(s.lengthS() * fs);
    int secFrom = (int) Math.round(r.startS() * fs);
    int secTo = (int) Math.min(fileSamples.length, Math.round(r.endS() * fs));
    int start = (int) Math.round(s.startS() * fs);
    float[] out = new float[len];
    int secLen = secTo - secFrom;
    if (secLen <= 0) {
      return out;
    }
    for (int i = 0; i < len; i++) {
      int pos = start + i;
      if (pos < secTo) {
        out[i] = fileSamples[pos];
      } else if (s.fill() == SegmentConfig.Policy.LOOP) {
        out[i] = fileSamples[secFrom + (pos - secFrom) % secLen];
      } else {
        out[i] = 0f;
      }
    }
    return out;
  }
}
