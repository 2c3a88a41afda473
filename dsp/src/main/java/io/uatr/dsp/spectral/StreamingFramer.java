package io.uatr.dsp.spectral;

import java.util.Arrays;

/**
 * Cuts a pushed signal into frames of {@code frameLength} samples every {@code hop} samples, with
 * librosa's centring: when centred, {@code frameLength / 2} samples of reflect or zero padding are
 * added at each end and frame {@code t} covers padded samples {@code [t * hop, t * hop +
 * frameLength)}. Memory is O(frameLength + block), independent of the signal length. Not
 * thread-safe.
 */
public final class StreamingFramer {

  /** Receives raw (unwindowed) frames; the data is only valid during the call. */
  @FunctionalInterface
  public interface RawFrameSink {
    /**
     * Accepts one frame.
     *
     * @param buf buffer holding the frame
     * @param offset index of the frame's first sample in buf; the frame is {@code buf[offset ..
     *     offset + frameLength)}
     * @param index frame index, from 0
     */
    void accept(float[] buf, int offset, long index);
  }

  /** Receives the padded signal itself, in order, block by block (see {@link #padded}). */
  @FunctionalInterface
  public interface PaddedSink {
    /**
     * Accepts the next {@code len} samples of the padded signal.
     *
     * @param buf buffer holding them; only valid during the call
     * @param offset index of the first of them in buf
     * @param len number of samples, at least 1
     */
    void accept(float[] buf, int offset, int len);
  }

  private final int frameLength;
  private final int hop;
  private final boolean center;
  private final PadMode padMode;
  private final RawFrameSink sink;
  private final PaddedSink paddedSink;
  private long forwarded; // padded samples handed to paddedSink
  private final int pad;

  private float[] buf;
  private long bufStart; // padded-signal index of buf[0]
  private int bufLen;
  private long nextFrame;
  private long samplesIn;
  private final float[] head; // first pad+1 samples, held until the left reflection is known
  private boolean headFlushed;
  private final float[] tail; // last pad+1 samples, for the right reflection
  private boolean finished;

  /**
   * Creates a framer.
   *
   * @param frameLength frame length in samples (n_fft), at least 1
   * @param hop hop in samples, at least 1
   * @param center pad {@code frameLength / 2} at each end so that frame t is centred on t * hop
   * @param padMode padding of the ends when centred
   * @param sink receives the frames
   */
  public StreamingFramer(
      int frameLength, int hop, boolean center, PadMode padMode, RawFrameSink sink) {
    this(frameLength, hop, center, padMode, sink, null);
  }

  /**
   * Creates a framer that hands on the padded signal instead of frames: the sink receives every
   * sample of the padded signal once, in order, as soon as it is known (the left reflection after
   * the first {@code frameLength / 2 + 1} samples, the right one at {@link #finish()}). Frame
   * {@code t} is then padded samples {@code [t * hop, t * hop + frameLength)}, for {@code t} below
   * {@link #frames(long) frames}({@link #samplesPushed()}).
   *
   * @param frameLength frame length in samples (n_fft), at least 1
   * @param hop hop in samples, at least 1
   * @param center pad {@code frameLength / 2} at each end
   * @param padMode padding of the ends when centred
   * @param sink receives the padded signal
   * @return the framer
   */
  public static StreamingFramer padded(
      int frameLength, int hop, boolean center, PadMode padMode, PaddedSink sink) {
    return new StreamingFramer(
        frameLength, hop, center, padMode, null, java.util.Objects.requireNonNull(sink, "sink"));
  }

  private StreamingFramer(
      int frameLength,
      int hop,
      boolean center,
      PadMode padMode,
      RawFrameSink sink,
      PaddedSink paddedSink) {
    if (frameLength < 1 || hop < 1) {
      throw new IllegalArgumentException(
          "frame length and hop must be >= 1, were " + frameLength + ", " + hop);
    }
    this.frameLength = frameLength;
    this.hop = hop;
    this.center = center;
    this.padMode = padMode;
    this.sink = sink;
    this.paddedSink = paddedSink;
    this.pad = center ? frameLength / 2 : 0;
    this.buf = new float[Math.max(2 * frameLength, frameLength + 8192)];
    this.head = new float[pad + 1];
    this.tail = new float[pad + 1];
    this.headFlushed = !center;
    if (center && padMode == PadMode.CONSTANT) {
      appendZeros(pad);
      headFlushed = true;
    }
  }

  /**
   * Number of frames for a signal of {@code samples} samples: {@code 1 + samples / hop} when
   * centred, else {@code 1 + (samples - frameLength) / hop} (0 when shorter).
   *
   * @param samples signal length
   * @return frame count
   */
  public long frames(long samples) {
    if (center) {
      return 1 + samples / hop;
    }
    return samples < frameLength ? 0 : 1 + (samples - frameLength) / hop;
  }

  /** Number of signal samples pushed so far (padding not counted). */
  public long samplesPushed() {
    return samplesIn;
  }

  /** Number of frames emitted so far. */
  public long framesEmitted() {
    return nextFrame;
  }

  /**
   * Pushes {@code len} samples.
   *
   * @param x samples, signal units
   * @param off first sample in x
   * @param len number of samples
   */
  public void push(float[] x, int off, int len) {
    if (finished) {
      throw new IllegalStateException("push after finish");
    }
    updateTail(x, off, len);
    int i = off;
    int end = off + len;
    if (!headFlushed) {
      while (i < end && samplesIn < head.length) {
        head[(int) samplesIn++] = x[i++];
      }
      if (samplesIn < head.length) {
        return;
      }
      for (int k = pad; k >= 1; k--) {
        append(head[k]);
      }
      for (float v : head) {
        append(v);
      }
      headFlushed = true;
      emitReady(Long.MAX_VALUE);
    }
    while (i < end) {
      int n = Math.min(end - i, 8192);
      appendBlock(x, i, n);
      samplesIn += n;
      i += n;
      emitReady(Long.MAX_VALUE);
    }
  }

  /**
   * Ends the signal: pads the right end and emits the remaining frames.
   *
   * @throws IllegalArgumentException when reflect padding is asked of a signal not longer than
   *     frameLength / 2 samples
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    long total = frames(samplesIn);
    if (center) {
      if (!headFlushed) {
        throw new IllegalArgumentException(
            "signal of "
                + samplesIn
                + " samples is too short for reflect padding of n_fft/2 = "
                + pad
                + " samples");
      }
      if (padMode == PadMode.REFLECT) {
        // tail holds the last pad+1 samples in order; mirror without the edge sample
        for (int k = pad - 1; k >= 0; k--) {
          append(tail[k]);
        }
      } else {
        appendZeros(pad);
      }
    }
    emitReady(total);
  }

  private void updateTail(float[] x, int off, int len) {
    int t = tail.length;
    if (len >= t) {
      System.arraycopy(x, off + len - t, tail, 0, t);
    } else {
      System.arraycopy(tail, len, tail, 0, t - len);
      System.arraycopy(x, off, tail, t - len, len);
    }
  }

  private void emitReady(long limit) {
    if (paddedSink != null) {
      long end = bufStart + bufLen;
      if (end > forwarded) {
        paddedSink.accept(buf, (int) (forwarded - bufStart), (int) (end - forwarded));
        forwarded = end;
      }
      return;
    }
    while (nextFrame < limit) {
      long start = nextFrame * hop;
      if (start + frameLength > bufStart + bufLen) {
        break;
      }
      sink.accept(buf, (int) (start - bufStart), nextFrame);
      nextFrame++;
    }
  }

  private void append(float v) {
    ensureRoom(1);
    buf[bufLen++] = v;
  }

  private void appendZeros(int n) {
    ensureRoom(n);
    Arrays.fill(buf, bufLen, bufLen + n, 0f);
    bufLen += n;
  }

  private void appendBlock(float[] x, int off, int n) {
    ensureRoom(n);
    System.arraycopy(x, off, buf, bufLen, n);
    bufLen += n;
  }

  private void ensureRoom(int n) {
    if (bufLen + n <= buf.length) {
      return;
    }
    long keepFrom = Math.min(paddedSink != null ? forwarded : nextFrame * hop, bufStart + bufLen);
    int drop = (int) Math.max(0, keepFrom - bufStart);
    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
    bufLen -= drop;
    bufStart += drop;
    if (bufLen + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + n));
    }
  }
}
