package io.uatr.dsp.features;

import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming Hilbert-magnitude envelope {@code |x + i H{x}|}, computed by FFT on overlapping blocks.
 *
 * <p>Method: blocks of {@link #BLOCK} samples overlap by {@code 2 *} {@link #MARGIN}. For each
 * block the analytic signal is formed in the frequency domain (DC and Nyquist bins kept, positive
 * frequencies doubled, negative ones zeroed) and transformed back; only the central {@code BLOCK -
 * 2 * MARGIN} samples are emitted, so every output sample lies at least MARGIN samples from a block
 * edge, where the circular wrap-around of the block FFT has decayed. The signal is preceded by
 * MARGIN zeros and followed by zeros up to the end of the last block, so the output has exactly as
 * many samples as the input and does not depend on how the input was split into pushes. Output is
 * delayed by up to one block. Memory: O(BLOCK).
 */
public final class DemonHilbert {
  /** Block length in samples. */
  public static final int BLOCK = 16384;

  /** Samples discarded at each block edge. */
  public static final int MARGIN = 1024;

  /** Receives envelope samples. */
  @FunctionalInterface
  public interface Sink {
    /**
     * Accepts envelope samples; the array is reused.
     *
     * @param buf samples
     * @param off first sample
     * @param len number of samples
     */
    void accept(float[] buf, int off, int len);
  }

  private final Sink sink;
  private final DoubleFFT_1D fft = new DoubleFFT_1D(BLOCK);
  private final double[] block = new double[BLOCK];
  private final double[] work = new double[2 * BLOCK];
  private final float[] out = new float[BLOCK - 2 * MARGIN];
  private int fill = MARGIN; // the leading zeros
  private long pending; // input samples not yet emitted
  private boolean finished;

  /**
   * Creates a streaming envelope detector.
   *
   * @param sink receives the envelope, in signal units, one sample per input sample
   */
  public DemonHilbert(Sink sink) {
    this.sink = sink;
  }

  /**
   * Pushes samples.
   *
   * @param x samples, signal units
   * @param off first sample
   * @param len number of samples
   */
  public void push(float[] x, int off, int len) {
    if (finished) {
      throw new IllegalStateException("push after finish");
    }
    int i = off;
    int end = off + len;
    while (i < end) {
      int n = Math.min(end - i, BLOCK - fill);
      for (int k = 0; k < n; k++) {
        block[fill + k] = x[i + k];
      }
      fill += n;
      i += n;
      pending += n;
      if (fill == BLOCK) {
        emitBlock(BLOCK - 2 * MARGIN);
      }
    }
  }

  /** Ends the signal: zero-pads and emits the remaining envelope samples. */
  public void finish() {
    if (finished) {
      return;
    }
    finished = true;
    while (pending > 0) {
      java.util.Arrays.fill(block, fill, BLOCK, 0.0);
      int n = (int) Math.min(pending, BLOCK - 2 * MARGIN);
      fill = BLOCK;
      emitBlock(n);
    }
  }

  /**
   * One-shot envelope of a whole signal.
   *
   * @param x [n] signal
   * @return [n] Hilbert magnitude, signal units
   */
  public static float[] envelope(float[] x) {
    float[] e = new float[x.length];
    int[] pos = {0};
    DemonHilbert h =
        new DemonHilbert(
            (buf, off, len) -> {
              System.arraycopy(buf, off, e, pos[0], len);
              pos[0] += len;
            });
    h.push(x, 0, x.length);
    h.finish();
    return e;
  }

  /** Transforms the full block, emits {@code count} central samples, keeps the overlap. */
  private void emitBlock(int count) {
    System.arraycopy(block, 0, work, 0, BLOCK);
    fft.realForwardFull(work); // interleaved re/im of all BLOCK bins
    int half = BLOCK / 2;
    for (int k = 1; k < half; k++) {
      work[2 * k] *= 2;
      work[2 * k + 1] *= 2;
    }
    java.util.Arrays.fill(work, 2 * (half + 1), 2 * BLOCK, 0.0);
    fft.complexInverse(work, true);
    for (int k = 0; k < count; k++) {
      int j = MARGIN + k;
      double re = work[2 * j];
      double im = work[2 * j + 1];
      out[k] = (float) Math.sqrt(re * re + im * im);
    }
    sink.accept(out, 0, count);
    pending -= count;
    System.arraycopy(block, BLOCK - 2 * MARGIN, block, 0, 2 * MARGIN);
    fill = 2 * MARGIN;
  }
}
