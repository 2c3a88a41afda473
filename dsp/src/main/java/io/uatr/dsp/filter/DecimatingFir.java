package io.uatr.dsp.filter;

import java.util.Arrays;

/**
 * Streaming zero-phase FIR filter with integer decimation: {@code y[m] = sum_{t=-J..J} h[t] x[m D +
 * t]} for {@code m = firstIndex, firstIndex + 1, ...}, with {@code x[n] = 0} for {@code n < 0}
 * (and, once the caller appends zeros, after the end).
 *
 * <p><b>Polyphase direct form.</b> Outputs are computed in rounds of {@value #ROUND} consecutive
 * outputs {@code m0 .. m0+R-1} as soon as their input {@code x[m0 D - J .. (m0+R-1) D + J]} is
 * buffered. The round's input is split into its D phases {@code p_r[i] = x[m0 D - J + r + i D]}, so
 * that {@code y[m0 + k] = sum_r sum_j c_r[j] p_r[k + j]} with {@code c_r[j] = h[j D + r - J]}:
 * every term is a contiguous run over k, which the Vector API computes 64 outputs at a time with
 * the sums held in registers ({@link FirKernels}; plain loops without it). Each output is the sum
 * of its terms in the order (r, j), in float (Java never fuses into FMA), so results do not depend
 * on how the input is split into blocks nor on whether the Vector API is in use. Only the kept
 * outputs are computed, {@code 2J + 1} multiply-adds each.
 *
 * <p>Memory: an input buffer of {@code (R - 1) D + 2J + 1 + 8192} floats, the round's phases, plus
 * the coefficient table ({@code 2J + 1} floats), which is immutable and shared between filters of
 * one design. Not thread-safe.
 */
final class DecimatingFir {

  /**
   * Outputs per round R. A round copies {@code R + 2J/D} samples per phase, so longer rounds copy
   * less per output: 256 made stage 1 of 52 734 to 16 000 Hz about 15% faster than 64 (measured,
   * alternating runs).
   */
  static final int ROUND = 256;

  private static final int CHUNK = 8192;

  private final int half;
  private final int factor;
  private final long firstIndex;

  /** c_r[j] = h[j D + r - J], [D][count of r]. */
  private final float[][] coef;

  private final FirKernels.Taps flat;

  /** Phases of the current round back to back: p_r[i] = x[m0 D - J + r + i D] at r * stride + i. */
  private final float[] phases;

  private final int stride;

  /** Input samples in the round's span; buf[0] is input index bufStart. */
  private final float[] buf;

  private final int span;
  private long bufStart;
  private int bufLen;

  /** First output of the next round. */
  private long roundStart;

  /** Outputs of the last round not yet delivered: ready[readyPos, ROUND). */
  private final float[] ready = new float[ROUND];

  private int readyPos;

  /** Index of ready[0]. */
  private long readyIndex;

  /**
   * The polyphase coefficient table: {@code c_r[j] = h[j D + r - J]} for {@code r in [0, D)} and
   * every j with {@code j D + r <= 2J}. Immutable once built; share it between filters of one
   * design.
   *
   * @param taps the impulse response {@code h[-J..J]} (odd length {@code 2J + 1})
   * @param factor decimation factor D &gt;= 1
   * @return [D][ceil((2J + 1 - r) / D)] coefficients
   */
  static float[][] rows(float[] taps, int factor) {
    if (taps.length % 2 != 1) {
      throw new IllegalArgumentException("taps must have odd length, got " + taps.length);
    }
    if (factor < 1) {
      throw new IllegalArgumentException("factor must be >= 1, got " + factor);
    }
    float[][] c = new float[factor][];
    for (int r = 0; r < factor; r++) {
      int count = r < taps.length ? (taps.length - 1 - r) / factor + 1 : 0;
      c[r] = new float[count];
      for (int j = 0; j < count; j++) {
        c[r][j] = taps[j * factor + r];
      }
    }
    return c;
  }

  /**
   * @param coef the coefficient table from {@link #rows(float[], int)} (shared, not modified)
   * @param half the half-length J of the impulse response
   * @param factor decimation factor D &gt;= 1, as given to {@link #rows}
   * @param firstIndex index of the first output, at most 0
   */
  DecimatingFir(float[][] coef, int half, int factor, long firstIndex) {
    if (coef.length != factor || coef[0].length != 2 * half / factor + 1) {
      throw new IllegalArgumentException("coefficients do not match J=" + half + ", D=" + factor);
    }
    if (firstIndex > 0) {
      throw new IllegalArgumentException("firstIndex must be <= 0, got " + firstIndex);
    }
    this.half = half;
    this.factor = factor;
    this.firstIndex = firstIndex;
    this.coef = coef;
    this.stride = ROUND + coef[0].length;
    this.flat = FirKernels.Taps.of(coef, stride);
    this.span = (ROUND - 1) * factor + 2 * half + 1;
    this.phases = new float[factor * stride];
    this.buf = new float[span + CHUNK];
    reset();
  }

  /** Back to the state after construction. */
  void reset() {
    Arrays.fill(buf, 0f);
    roundStart = firstIndex;
    // the first round reads input from firstIndex D - J (negative): zeros up to index 0
    bufStart = firstIndex * factor - half;
    bufLen = (int) -bufStart;
    readyPos = ROUND;
    readyIndex = firstIndex - ROUND;
  }

  /** Number of input samples (from index 0) needed before output {@code m} can be delivered. */
  long inputNeeded(long m) {
    long round = firstIndex + Math.floorDiv(m - firstIndex, ROUND) * ROUND;
    return (round + ROUND - 1) * factor + half + 1;
  }

  /** Capacity of the buffers in samples (constant). */
  int bufferCapacity() {
    return buf.length + ready.length + phases.length;
  }

  /**
   * Appends input samples, as many as fit; call {@link #produce} until it returns 0 before feeding
   * again.
   *
   * @param in samples, or null for zeros
   * @return the number of samples taken from {@code in[off, off+len)}
   */
  int feed(float[] in, int off, int len) {
    if (bufLen == buf.length) {
      compact();
    }
    int n = Math.min(len, buf.length - bufLen);
    if (in == null) {
      Arrays.fill(buf, bufLen, bufLen + n, 0f);
    } else {
      System.arraycopy(in, off, buf, bufLen, n);
    }
    bufLen += n;
    return n;
  }

  /**
   * Writes the next outputs whose input is buffered, at most {@code max} and none with index {@code
   * >= end}.
   *
   * @return the number of outputs written to {@code y} from {@code yOff}
   */
  int produce(float[] y, int yOff, int max, long end) {
    int written = 0;
    while (written < max) {
      if (readyPos == ROUND) {
        if (!runRound()) {
          break;
        }
        continue;
      }
      long limit = end - ROUND >= readyIndex ? ROUND : end - readyIndex; // no overflow
      int n = (int) Math.min(max - written, limit - readyPos);
      if (n <= 0) {
        break;
      }
      System.arraycopy(ready, readyPos, y, yOff + written, n);
      readyPos += n;
      written += n;
    }
    return written;
  }

  /** Runs the next round if its input is buffered; its outputs go to ready. */
  private boolean runRound() {
    long from = roundStart * factor - half; // first input of the round
    if (from + span > bufStart + bufLen) {
      return false;
    }
    int b = (int) (from - bufStart);
    for (int r = 0; r < factor; r++) {
      int n = ROUND + coef[r].length - 1;
      for (int i = r * stride, e = i + n, o = b + r; i < e; i++, o += factor) {
        phases[i] = buf[o];
      }
    }
    FirKernels.polyphase(phases, stride, coef, flat, ready, ROUND, FirKernels.WARM_UP.done());
    readyIndex = roundStart;
    readyPos = 0;
    roundStart += ROUND;
    return true;
  }

  /** Drops buffered input that no future round needs. */
  private void compact() {
    long keepFrom = Math.min(roundStart * factor - half, bufStart + bufLen);
    int shift = (int) (keepFrom - bufStart);
    if (shift > 0) {
      System.arraycopy(buf, shift, buf, 0, bufLen - shift);
      bufLen -= shift;
      bufStart = keepFrom;
    }
  }
}
