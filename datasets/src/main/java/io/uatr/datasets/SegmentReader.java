package io.uatr.datasets;

import io.uatr.dsp.io.AudioStream;
import io.uatr.dsp.io.ChannelSelection;
import io.uatr.dsp.io.WavReader;
import java.io.IOException;

/**
 * Reads one segment's samples from its WAV without decoding the rest of the file (pure static):
 * seeks to the segment start and reads only what the segment needs (the whole section when it
 * loops).
 */
public final class SegmentReader {
  private SegmentReader() {}

  /**
   * Reads a segment, mixing channels down to mono.
   *
   * @param s the segment
   * @return [round(lengthS x fs)] samples in [-1, 1), padded or looped as the segment says; equal
   *     to {@link Segmenter#extract} applied to the whole file
   * @throws IOException if the file cannot be read
   */
  public static float[] read(Segment s) throws IOException {
    return read(s, ChannelSelection.mixDown());
  }

  /**
   * Reads a segment.
   *
   * @param s the segment
   * @param channels channel selection
   * @return [round(lengthS x fs)] samples
   * @throws IOException if the file cannot be read
   */
  public static float[] read(Segment s, ChannelSelection channels) throws IOException {
    Recording r = s.recording();
    int fs = r.sampleRate();
    int len = (int) Math.round(s.lengthS() * fs);
    long secFrom = Math.round(r.startS() * fs);
    long start = Math.round(s.startS() * fs);
    float[] out = new float[len];
    try (AudioStream in = WavReader.open(r.file(), channels)) {
      long secTo = Math.min(in.info().frames(), Math.round(r.endS() * fs));
      if (secTo <= secFrom) {
        return out;
      }
      if (s.fill() == SegmentConfig.Policy.LOOP) {
        float[] section = readRange(in, secFrom, secTo);
        int secLen = section.length;
        for (int i = 0; i < len; i++) {
          long pos = start + i - secFrom;
          out[i] = section[(int) (pos < secLen ? pos : pos % secLen)];
        }
        return out;
      }
      float[] part = readRange(in, start, Math.min(secTo, start + len));
      System.arraycopy(part, 0, out, 0, part.length);
      return out;
    }
  }

  private static float[] readRange(AudioStream in, long from, long to) throws IOException {
    float[] buf = new float[(int) Math.max(0, to - from)];
    in.seek(from);
    int done = 0;
    while (done < buf.length) {
      int n = in.read(buf, done, buf.length - done);
      if (n < 0) {
        throw new IOException(in.info().file() + ": ended at frame " + (from + done));
      }
      done += n;
    }
    return buf;
  }
}
