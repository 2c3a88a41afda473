package io.uatr.dsp.filter;

import java.util.Arrays;

/**
 * Streaming evaluation of a {@link ResamplingKernel} at the exact positions {@code k * p / q} of a
 * sample stream {@code s[n]}, {@code n >= firstIndex} (s taken as 0 before {@code firstIndex}).
 *
 * <p>Output k is {@code sum_{j=1-J..J} s[i+j] * h(r/q - j)} with {@code k p = i q + r} (exact
 * integer bookkeeping: no drift however long the stream). It is written as soon as {@code s[i+J]}
 * has been pushed, so a push writes every output that became complete; {@link #finish} appends
 * zeros and writes the outputs up to a given count. The order of operations per output is fixed, so
 * the outputs do not depend on how the stream is split into blocks. Memory is a fixed buffer of
 * {@code 2 J + 8192} floats (plus the shared kernel). Not thread-safe.
 */
final class PolyphaseStage {

  private static final int CHUNK = 8192;

  private final ResamplingKernel kernel;
  private final long firstIndex;
  private final int p;
  private final int q;

  /** p / q and p % q: the step of the output position. */
  private final long stepInt;

  private final int stepRem;
  private final int halfTaps;
  private final float[] buf;

  /** Absolute stream index of buf[0]. */
  private long bufStart;

  private int bufLen;

  /** Integer part and remainder (of q) of the next output's stream position. */
  private long nextPos;

  private int nextRem;

  /** Index of the next output modulo q. */
  private int nextRow;

  /** Outputs written since the last reset. */
  private long outputCount;

  /**
   * @param kernel the shared kernel (p/q = stream rate / output rate, in lowest terms)
   * @param firstIndex stream index of the first pushed sample, at most {@code 0}
   */
  PolyphaseStage(ResamplingKernel kernel, long firstIndex) {
    this.kernel = kernel;
    this.firstIndex = firstIndex;
    this.p = kernel.p;
    this.q = kernel.q;
    this.halfTaps = kernel.halfTaps;
    this.stepInt = p / q;
    this.stepRem = p % q;
    this.buf = new float[2 * halfTaps + Math.max(CHUNK, halfTaps)];
    reset();
  }

  /** Back to the state after construction. */
  void reset() {
    Arrays.fill(buf, 0f);
    // the first output needs s[1-J ..]; zeros stand for the samples before firstIndex
    bufStart = Math.min(firstIndex, 1 - halfTaps);
    bufLen = (int) (firstIndex - bufStart);
    nextPos = 0;
    nextRem = 0;
    nextRow = 0;
    outputCount = 0;
  }

  /** The kernel's half-width J in taps. */
  int halfTaps() {
    return halfTaps;
  }

  /** Capacity of the buffer in samples (constant). */
  int bufferCapacity() {
    return buf.length;
  }

  /**
   * Appends {@code in[off, off+len)} to the stream and writes every output that is now complete,
   * while fewer than {@code limit} outputs were written since the last reset.
   *
   * @return the number of outputs written to {@code out} from {@code outOff}
   */
  int push(float[] in, int off, int len, float[] out, int outOff, long limit) {
    int written = 0;
    while (len > 0) {
      if (bufLen == buf.length) {
        compact();
      }
      int n = Math.min(len, buf.length - bufLen);
      System.arraycopy(in, off, buf, bufLen, n);
      bufLen += n;
      off += n;
      len -= n;
      written += emit(out, outOff + written, limit);
    }
    return written;
  }

  /**
   * Ends the stream: appends zeros and writes the outputs that are still missing up to {@code
   * totalOutputs} outputs since the last reset.
   *
   * @return the number of outputs written
   */
  int finish(long totalOutputs, float[] out, int outOff) {
    int written = 0;
    int zeros = halfTaps;
    while (zeros > 0) {
      if (bufLen == buf.length) {
        compact();
      }
      int n = Math.min(zeros, buf.length - bufLen);
      Arrays.fill(buf, bufLen, bufLen + n, 0f);
      bufLen += n;
      zeros -= n;
      written += emit(out, outOff + written, totalOutputs);
    }
    return written;
  }

  /** Writes outputs whose window is in the buffer while fewer than {@code limit} were written. */
  private int emit(float[] out, int outOff, long limit) {
    final long end = bufStart + bufLen;
    int w = 0;
    if (kernel.usesBank() && (long) q * 2 <= Integer.MAX_VALUE) {
      // outputs whose whole window is buffered: nextPos + k * p / q + J < end for k < n
      long room = end - halfTaps - 1 - nextPos; // >= 0 while the next output is complete
      // output k's position is nextPos + floor((nextRem + k p) / q): complete iff that <= room
      long n = room < 0 ? 0 : Math.min(limit - outputCount, ((room + 1) * q - nextRem - 1) / p + 1);
      if (n > 0) {
        kernel.applyRun(buf, (int) (nextPos - bufStart), nextRem, nextRow, (int) n, out, outOff);
        advance(n);
        return (int) n;
      }
      return 0;
    }
    while (nextPos + halfTaps < end && outputCount < limit) {
      out[outOff + w++] = kernel.apply(buf, (int) (nextPos - bufStart), nextRem, nextRow);
      outputCount++;
      nextPos += stepInt;
      long rem = (long) nextRem + stepRem; // below 2q, may exceed int range
      if (rem >= q) {
        nextPos++;
        rem -= q;
      }
      nextRem = (int) rem;
      nextRow = nextRow + 1 == q ? 0 : nextRow + 1;
    }
    return w;
  }

  /** Moves the output position on by {@code n} outputs. */
  private void advance(long n) {
    long r = nextRem + n * stepRem; // n < 2^31, stepRem < 2^22 (bank size): fits in a long
    nextPos += n * stepInt + r / q;
    nextRem = (int) (r % q);
    nextRow = (int) ((nextRow + n) % q);
    outputCount += n;
  }

  /** Drops buffered samples that no future output needs. */
  private void compact() {
    long keepFrom = Math.min(nextPos + 1 - halfTaps, bufStart + bufLen);
    int shift = (int) (keepFrom - bufStart);
    if (shift > 0) {
      System.arraycopy(buf, shift, buf, 0, bufLen - shift);
      bufLen -= shift;
      bufStart = keepFrom;
    }
  }
}
