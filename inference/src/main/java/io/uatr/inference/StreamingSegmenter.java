package io.uatr.inference;

import io.uatr.datasets.SegmentConfig;
import java.util.function.Consumer;

/**
 * Cuts a stream of samples into the segments {@link io.uatr.datasets.Segmenter} makes of the whole
 * recording (one section from 0 to the end), without holding more than two segments of samples:
 * full segments at k x hop, then the tail or short-recording segment by the config's policies (zero
 * padding or looping from the start). Not thread-safe.
 */
public final class StreamingSegmenter {
  private final SegmentConfig config;
  private final int len;
  private final long hop;
  private final long minPartial;
  private final float[] ring;
  private final float[] head;
  private final Consumer<SegmentWindow> sink;
  private long total;
  private long nextStart;
  private int index;
  private boolean finished;

  /**
   * Creates a segmenter.
   *
   * @param config segment length, hop and policies
   * @param sampleRate rate of the pushed samples in Hz
   * @param sink receives each segment (its array is new and owned by the receiver)
   */
  public StreamingSegmenter(SegmentConfig config, int sampleRate, Consumer<SegmentWindow> sink) {
    this.config = config;
    long l = Math.round(config.lengthS() * sampleRate);
    if (l < 1 || l > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "segment.length_s x sample rate must be 1 .. 2^31 samples, was " + l);
    }
    this.len = (int) l;
    this.hop = Math.max(1, Math.round(config.hopS() * sampleRate));
    this.minPartial = Math.round(config.minPartialS() * sampleRate);
    this.ring = new float[len];
    this.head = new float[len];
    this.sink = sink;
  }

  /** Returns the segment length in samples. */
  public int segmentSamples() {
    return len;
  }

  /** Returns the number of samples pushed so far. */
  public long samplesSeen() {
    return total;
  }

  /**
   * Pushes samples; every segment completed by them is emitted before this returns.
   *
   * @param x samples
   * @param off first sample
   * @param n number of samples
   */
  public void push(float[] x, int off, int n) {
    if (finished) {
      throw new IllegalStateException("push after finish");
    }
    int i = 0;
    while (i < n) {
      long end = nextStart + len;
      int chunk = (int) Math.min(n - i, end > total ? end - total : n - i);
      store(x, off + i, chunk);
      i += chunk;
      while (total >= nextStart + len) {
        emitFull();
      }
    }
  }

  private void store(float[] x, int off, int n) {
    if (total < len) {
      int h = (int) Math.min(n, len - total);
      System.arraycopy(x, off, head, (int) total, h);
    }
    int pos = (int) (total % len);
    int first = Math.min(n, len - pos);
    if (n >= len) {
      // only the last len samples matter
      int skip = n - len;
      long t = total + skip;
      int p = (int) (t % len);
      int a = len - p;
      System.arraycopy(x, off + skip, ring, p, a);
      System.arraycopy(x, off + skip + a, ring, 0, len - a);
    } else {
      System.arraycopy(x, off, ring, pos, first);
      System.arraycopy(x, off + first, ring, 0, n - first);
    }
    total += n;
  }

  private void emitFull() {
    float[] s = new float[len];
    copyFromRing(nextStart, s, len);
    sink.accept(new SegmentWindow(index++, nextStart, len, s));
    nextStart += hop;
  }

  /** Copies stream samples [from, from + n) (all within the last len samples) into dst[0..n). */
  private void copyFromRing(long from, float[] dst, int n) {
    int p = (int) (from % len);
    int a = Math.min(n, len - p);
    System.arraycopy(ring, p, dst, 0, a);
    System.arraycopy(ring, 0, dst, a, n - a);
  }

  /** Ends the stream and emits the tail or short-recording segment the policies ask for. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    long n = total;
    if (n == 0) {
      return;
    }
    if (n < len) {
      if (config.shortRecordings() != SegmentConfig.Policy.DROP) {
        float[] s = new float[len];
        System.arraycopy(head, 0, s, 0, (int) n);
        if (config.shortRecordings() == SegmentConfig.Policy.LOOP) {
          for (int i = (int) n; i < len; i++) {
            s[i] = head[(int) (i % n)];
          }
        }
        sink.accept(new SegmentWindow(index++, 0, (int) n, s));
      }
      return;
    }
    long start = nextStart;
    if (config.lastPartial() != SegmentConfig.Policy.DROP && start < n && n - start >= minPartial) {
      int valid = (int) (n - start);
      float[] s = new float[len];
      copyFromRing(start, s, valid);
      if (config.lastPartial() == SegmentConfig.Policy.LOOP) {
        for (int i = valid; i < len; i++) {
          s[i] = head[(int) (start + i - n)];
        }
      }
      sink.accept(new SegmentWindow(index++, start, valid, s));
    }
  }
}
