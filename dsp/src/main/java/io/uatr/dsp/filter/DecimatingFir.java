package io.uatr.dsp.filter;

import java.util.Arrays;

/**
 * Streaming zero-phase FIR filter with integer decimation: {@code y[m] = sum_{t=-J..J} h[t] x[m D +
 * t]} for {@code m = firstIndex, firstIndex + 1, ...}, with {@code x[n] = 0} for {@code n < 0}
 * (and, once the caller appends zeros, after the end).
 *
 * <p><b>Transposed form.</b> Outputs are computed in rounds of {@value #ROUND} consecutive outputs
 * {@code m0 .. m0+R-1}, held with the partial sums of the following outputs in a window {@code
 * acc[k]} (output {@code m0 + k}). A round adds the contributions of the next {@code R D} input
 * samples {@code n = m0 D + J + rho}: {@code acc[k] += x[n] * C_rho[k]} with the precomputed
 * coefficient rows {@code C_rho[k] = h[J + rho - k D]} (0 outside the support), four samples per
 * pass ({@code acc[k] += ((x0 C0[k] + x1 C1[k]) + x2 C2[k]) + x3 C3[k]}). After the round {@code
 * acc[0, R)} are complete and the window shifts by R. Every array in the inner loop is indexed by
 * the loop variable itself, the only shape HotSpot C2 of JDK 17 compiles to SIMD code here (a
 * direct-form loop reading {@code x[o + i]} at a run-time offset {@code o} stays scalar: measured 8
 * times slower per multiply-add). Only the kept outputs are computed, with about {@code 2J + 3 + D}
 * multiply-adds each (the zeros at the ends of a group's rows included).
 *
 * <p>Each output is the sum of its terms in input order, grouped four by four at input positions
 * fixed by {@code firstIndex} alone, in float (Java never fuses into FMA implicitly), so results do
 * not depend on how the input is split into blocks. The rounds start {@code ceil(2J / D)} outputs
 * before {@code firstIndex} so the first outputs get every term; those warm-up outputs are dropped.
 * Memory: an input buffer of {@code R D + 8192} floats and the window, plus the {@code R D}
 * coefficient rows of {@code R + 2J/D + 1} floats, which are immutable and shared between filters
 * of one design. Not thread-safe.
 */
final class DecimatingFir {

  /** Outputs per round R. */
  static final int ROUND = 32;

  private static final int CHUNK = 8192;

  private final int half;
  private final int factor;
  private final long firstIndex;

  /** First output index of the first round (firstIndex minus the warm-up outputs). */
  private final long startIndex;

  /** C_rho[k] = h[J + rho - k D], [R D][window]. */
  private final float[][] rows;

  /** For each group of four rows: the first k where any of them is non-zero, and the end. */
  private final int[] groupFrom;

  private final int[] groupTo;

  /** Partial sums of outputs m0 .. m0 + window - 1. */
  private final float[] acc;

  /** Input samples; buf[0] is input index bufStart. */
  private final float[] buf;

  private long bufStart;
  private int bufLen;

  /** First output of the next round. */
  private long roundStart;

  /** Completed outputs of the last round not yet delivered: ready[readyPos, ROUND). */
  private final float[] ready = new float[ROUND];

  private int readyPos;

  /** Index of ready[0]. */
  private long readyIndex;

  /**
   * The coefficient rows of the transposed form: {@code C_rho[k] = h[J + rho - k D]} for {@code rho
   * in [0, R D)}, {@code k in [0, R + floor(2J / D) + 1)}, 0 outside the support. Immutable once
   * built; share it between filters of one design.
   *
   * @param taps the impulse response {@code h[-J..J]} (odd length {@code 2J + 1})
   * @param factor decimation factor D &gt;= 1
   * @return {@code [R D][R + floor(2J / D) + 1]} coefficients
   */
  static float[][] rows(float[] taps, int factor) {
    if (taps.length % 2 != 1) {
      throw new IllegalArgumentException("taps must have odd length, got " + taps.length);
    }
    int half = taps.length / 2;
    int window = ROUND + (2 * half) / factor + 1;
    int nRows = ROUND * factor;
    float[][] rows = new float[nRows][window];
    for (int rho = 0; rho < nRows; rho++) {
      for (int k = 0; k < window; k++) {
        long t = (long) half + rho - (long) k * factor; // tap offset of input rho for output k
        if (Math.abs(t) <= half) {
          rows[rho][k] = taps[(int) (t + half)];
        }
      }
    }
    return rows;
  }

  /**
   * @param rows the coefficient rows from {@link #rows(float[], int)} (shared, not modified)
   * @param half the half-length J of the impulse response
   * @param factor decimation factor D &gt;= 1, as given to {@link #rows}
   * @param firstIndex index of the first output, at most 0
   */
  DecimatingFir(float[][] rows, int half, int factor, long firstIndex) {
    this.half = half;
    this.factor = factor;
    this.firstIndex = firstIndex;
    this.startIndex = firstIndex - ((2L * half + factor - 1) / factor);
    int window = ROUND + (2 * half) / factor + 1;
    int nRows = ROUND * factor;
    if (rows.length != nRows || rows[0].length != window) {
      throw new IllegalArgumentException("rows do not match J=" + half + ", D=" + factor);
    }
    this.rows = rows;
    this.groupFrom = new int[nRows / 4 + 1];
    this.groupTo = new int[nRows / 4 + 1];
    for (int rho = 0; rho < nRows; rho += 4) {
      int last = Math.min(rho + 3, nRows - 1);
      // rows rho..last are non-zero only for k in [ceil(rho / D), floor((2J + last) / D)]
      groupFrom[rho / 4] = (rho + factor - 1) / factor;
      groupTo[rho / 4] = Math.min(window, (2 * half + last) / factor + 1);
    }
    this.acc = new float[window];
    this.buf = new float[nRows + CHUNK];
    reset();
  }

  /** Back to the state after construction. */
  void reset() {
    Arrays.fill(acc, 0f);
    Arrays.fill(buf, 0f);
    roundStart = startIndex;
    // the first round reads input from startIndex D + J (at most -J): zeros up to index 0
    bufStart = startIndex * factor + half;
    bufLen = (int) -bufStart;
    readyPos = ROUND;
    readyIndex = startIndex - ROUND;
  }

  /** Number of input samples (from index 0) needed before output {@code m} can be delivered. */
  long inputNeeded(long m) {
    long round = startIndex + Math.floorDiv(m - startIndex, ROUND) * ROUND;
    return round * factor + half + (long) ROUND * factor;
  }

  /** Capacity of the buffers in samples (constant). */
  int bufferCapacity() {
    return buf.length + acc.length + ready.length;
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
        // drop warm-up outputs
        readyPos = (int) Math.max(0, Math.min(ROUND, firstIndex - readyIndex));
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
    final int d = factor;
    final int nRows = ROUND * d;
    long from = roundStart * d + half; // first input of the round
    if (from + nRows > bufStart + bufLen) {
      return false;
    }
    final int b = (int) (from - bufStart);
    final float[] a = acc;
    final float[] x = buf;
    for (int rho = 0; rho < nRows; rho += 4) {
      final int k0 = groupFrom[rho / 4];
      final int k1 = groupTo[rho / 4];
      if (rho + 3 < nRows) {
        final float x0 = x[b + rho];
        final float x1 = x[b + rho + 1];
        final float x2 = x[b + rho + 2];
        final float x3 = x[b + rho + 3];
        final float[] c0 = rows[rho];
        final float[] c1 = rows[rho + 1];
        final float[] c2 = rows[rho + 2];
        final float[] c3 = rows[rho + 3];
        for (int k = k0; k < k1; k++) {
          a[k] += x0 * c0[k] + x1 * c1[k] + x2 * c2[k] + x3 * c3[k];
        }
      } else {
        for (int r = rho; r < nRows; r++) {
          final float x0 = x[b + r];
          final float[] c0 = rows[r];
          for (int k = k0; k < k1; k++) {
            a[k] += x0 * c0[k];
          }
        }
      }
    }
    System.arraycopy(a, 0, ready, 0, ROUND);
    System.arraycopy(a, ROUND, a, 0, a.length - ROUND);
    Arrays.fill(a, a.length - ROUND, a.length, 0f);
    readyIndex = roundStart;
    readyPos = 0;
    roundStart += ROUND;
    return true;
  }

  /** Drops buffered input that no future round needs. */
  private void compact() {
    long keepFrom = Math.min(roundStart * factor + half, bufStart + bufLen);
    int shift = (int) (keepFrom - bufStart);
    if (shift > 0) {
      System.arraycopy(buf, shift, buf, 0, bufLen - shift);
      bufLen -= shift;
      bufStart = keepFrom;
    }
  }
}
