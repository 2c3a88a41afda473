package io.uatr.dsp.spectral;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * A streaming short-time Fourier transform: push samples in blocks of any size, frames come out as
 * soon as they are complete. Memory is O(n_fft + block), independent of the signal length, and the
 * frames equal those of the one-shot {@link Stft} for any block sizes.
 *
 * <p>Centred frames pad {@code n_fft / 2} samples at each end (reflect or zeros); frame {@code t}
 * covers padded samples {@code [t * hop, t * hop + n_fft)}. Not thread-safe.
 */
public final class StreamingStft {
  private final StftConfig config;
  private final SpectrumKind kind;
  private final FrameSink sink;
  private final float[] window;
  private final FloatFFT_1D fft;
  private final float[] work;
  private final float[] out;
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
   * Creates a streaming STFT.
   *
   * @param config transform settings
   * @param kind what each frame holds (power, magnitude, or complex)
   * @param sink receives frames: [n_fft/2+1] values for power or magnitude, [2*(n_fft/2+1)] for
   *     complex
   */
  public StreamingStft(StftConfig config, SpectrumKind kind, FrameSink sink) {
    this.config = config;
    this.kind = kind;
    this.sink = sink;
    this.window = Windows.padded(config.window(), config.winLength(), config.nFft());
    this.fft = new FloatFFT_1D(config.nFft());
    this.work = new float[config.nFft()];
    this.out = new float[kind == SpectrumKind.COMPLEX ? 2 * config.bins() : config.bins()];
    this.pad = config.center() ? config.nFft() / 2 : 0;
    this.buf = new float[Math.max(2 * config.nFft(), config.nFft() + 8192)];
    this.head = new float[pad + 1];
    this.tail = new float[pad + 1];
    this.headFlushed = !config.center();
    if (config.center() && config.padMode() == PadMode.CONSTANT) {
      appendZeros(pad);
      headFlushed = true;
    }
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
      int n = Math.min(end - i, 4096);
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
   *     n_fft / 2 samples
   */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    long total = config.frames(samplesIn);
    if (config.center()) {
      if (!headFlushed) {
        throw new IllegalArgumentException(
            "signal of "
                + samplesIn
                + " samples is too short for reflect padding of n_fft/2 = "
                + pad
                + " samples");
      }
      if (config.padMode() == PadMode.REFLECT) {
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
    int nFft = config.nFft();
    long hop = config.hopLength();
    while (nextFrame < limit) {
      long start = nextFrame * hop;
      if (start + nFft > bufStart + bufLen) {
        break;
      }
      int s = (int) (start - bufStart);
      for (int k = 0; k < nFft; k++) {
        work[k] = buf[s + k] * window[k];
      }
      fft.realForward(work);
      Spectra.unpack(work, kind, out);
      sink.accept(out, nextFrame);
      nextFrame++;
    }
  }

  private void append(float v) {
    ensureRoom(1);
    buf[bufLen++] = v;
  }

  private void appendZeros(int n) {
    ensureRoom(n);
    java.util.Arrays.fill(buf, bufLen, bufLen + n, 0f);
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
    long keepFrom = Math.min(nextFrame * config.hopLength(), bufStart + bufLen);
    int drop = (int) Math.max(0, keepFrom - bufStart);
    System.arraycopy(buf, drop, buf, 0, bufLen - drop);
    bufLen -= drop;
    bufStart += drop;
    if (bufLen + n > buf.length) {
      buf = java.util.Arrays.copyOf(buf, Math.max(buf.length * 2, bufLen + n));
    }
  }
}
