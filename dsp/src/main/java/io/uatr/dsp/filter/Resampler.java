package io.uatr.dsp.filter;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited resampling between two integer sample rates, one-shot or streaming.
 *
 * <p>Each output sample is computed directly at its exact input position {@code k * inputRate /
 * outputRate} (kept as an exact rational, so there is no drift over hour-long streams) by a
 * Kaiser-windowed sinc low-pass; see {@link ResamplerSpec} for the response. The kernel's phases
 * are precomputed as float: all {@code outputRate/gcd} of them when they fit in 2^22 coefficients
 * (e.g. 52 734 Hz to 16 000 Hz: 8000 phases x 340 taps, 10.9 MB), otherwise a grid of 512 phases
 * per zero crossing of the sinc with linear interpolation between the two nearest grid phases. The
 * table is built once per distinct {@link ResamplerSpec} per JVM and shared, read-only, by every
 * instance on every thread, so constructing a {@code Resampler} is cheap after the first one of a
 * spec (the first of 52 734 to 16 000 Hz costs about 0.15 s of CPU; see {@code ResamplingKernel}
 * for the layout, the cache bound and the accuracy). The kernel is centred: there is no delay,
 * output sample k corresponds to time {@code k / outputRate}. Samples before the start and after
 * the end of the input are taken as 0. If both rates are equal the input is copied unchanged.
 *
 * <p>Streaming: {@link #process(float[], int, int, float[], int)} accepts blocks of any size and
 * writes the output samples that are complete; {@link #finish(float[], int)} writes the rest. The
 * concatenated output is bit-for-bit the output of {@link #resample(float[], ResamplerSpec)}
 * whatever the block sizes, and memory is a fixed buffer of {@code 2 * halfTaps + 8192} floats plus
 * the shared kernel, independent of the stream length. Instances are not thread-safe.
 */
public final class Resampler {

  private static final int CHUNK = 8192;

  private final ResamplerSpec spec;
  private final ResamplingKernel kernel; // null for equal rates
  private final int p;
  private final int q;

  /** p / q and p % q: the step of the output position. */
  private final long stepInt;

  private final int stepRem;
  private final int halfTaps;
  private final float[] buf;

  /** Absolute input index of buf[0]. */
  private long bufStart;

  private int bufLen;

  /** Integer part and remainder (of q) of the next output's input position. */
  private long nextPos;

  private int nextRem;

  /** Index of the next output modulo q. */
  private int nextRow;

  private long inputCount;
  private boolean finished;

  /** Creates a streaming resampler. */
  public Resampler(ResamplerSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    if (spec.inputRate() == spec.outputRate()) {
      kernel = null;
      p = 1;
      q = 1;
      halfTaps = 0;
      buf = new float[0];
    } else {
      kernel = ResamplingKernel.of(spec);
      p = kernel.p;
      q = kernel.q;
      halfTaps = kernel.halfTaps;
      buf = new float[2 * halfTaps + Math.max(CHUNK, halfTaps)];
    }
    stepInt = p / q;
    stepRem = p % q;
    reset();
  }

  /** Creates a streaming resampler with the default design ({@link ResamplerSpec#of}). */
  public Resampler(int inputRate, int outputRate) {
    this(ResamplerSpec.of(inputRate, outputRate));
  }

  /**
   * Resamples a whole signal with the default design.
   *
   * @param x input samples at {@code fsIn} Hz, length n
   * @param fsIn input rate in Hz
   * @param fsOut output rate in Hz
   * @return output samples at {@code fsOut} Hz, length {@code ceil(n * fsOut / fsIn)}
   */
  public static float[] resample(float[] x, int fsIn, int fsOut) {
    return resample(x, ResamplerSpec.of(fsIn, fsOut));
  }

  /**
   * Resamples a whole signal.
   *
   * @param x input samples at {@code spec.inputRate()} Hz, length n
   * @param spec the design
   * @return output samples, length {@link ResamplerSpec#outputLength spec.outputLength(n)}
   */
  public static float[] resample(float[] x, ResamplerSpec spec) {
    long len = spec.outputLength(x.length);
    if (len > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(
          "output of " + len + " samples does not fit in one array; use the streaming API");
    }
    float[] out = new float[(int) len];
    Resampler r = new Resampler(spec);
    int n = r.push(x, 0, x.length, out, 0);
    n += r.drain(out, n);
    if (n != len) {
      throw new IllegalStateException("wrote " + n + " samples, expected " + len);
    }
    return out;
  }

  /** The design. */
  public ResamplerSpec spec() {
    return spec;
  }

  /**
   * Largest number of samples {@link #process(float[], int, int, float[], int)} can write for an
   * input block of {@code inputLength} samples.
   */
  public int maxOutputLength(int inputLength) {
    if (kernel == null) {
      return inputLength;
    }
    return (int) Math.min(Integer.MAX_VALUE, (long) inputLength * q / p + 1);
  }

  /** Largest number of samples {@link #finish(float[], int)} can write. */
  public int maxFinishLength() {
    return kernel == null ? 0 : (int) ((long) halfTaps * q / p + 2);
  }

  /**
   * Feeds {@code in[off, off+len)} and writes every output sample that is now complete.
   *
   * @param in input samples at the input rate
   * @param off first input sample
   * @param len number of input samples
   * @param out output buffer; needs {@link #maxOutputLength maxOutputLength(len)} free samples from
   *     {@code outOff}
   * @param outOff where to write the first output sample
   * @return the number of output samples written
   * @throws IllegalStateException after {@link #finish}, until {@link #reset}
   */
  public int process(float[] in, int off, int len, float[] out, int outOff) {
    Objects.checkFromIndexSize(off, len, in.length);
    Objects.checkFromIndexSize(outOff, maxOutputLength(len), out.length);
    return push(in, off, len, out, outOff);
  }

  /**
   * Feeds {@code in[off, off+len)} and returns the output samples that are now complete (a new
   * array; use {@link #process(float[], int, int, float[], int)} to avoid allocation).
   */
  public float[] process(float[] in, int off, int len) {
    float[] out = new float[maxOutputLength(len)];
    int n = process(in, off, len, out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /**
   * Ends the stream: writes the remaining output samples (those whose time lies before the end of
   * the input, computed with zeros after the end).
   *
   * @param out output buffer; needs {@link #maxFinishLength()} free samples from {@code outOff}
   * @param outOff where to write
   * @return the number of samples written
   */
  public int finish(float[] out, int outOff) {
    Objects.checkFromIndexSize(outOff, maxFinishLength(), out.length);
    return drain(out, outOff);
  }

  /** Ends the stream and returns the remaining output samples (a new array). */
  public float[] finish() {
    float[] out = new float[maxFinishLength()];
    int n = finish(out, 0);
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Starts a new stream (state as after construction). */
  public void reset() {
    Arrays.fill(buf, 0f);
    bufStart = -halfTaps;
    bufLen = halfTaps;
    nextPos = 0;
    nextRem = 0;
    nextRow = 0;
    inputCount = 0;
    finished = false;
  }

  /** Input samples fed since the last reset. */
  public long inputCount() {
    return inputCount;
  }

  /** Capacity of the internal input buffer in samples (constant for the object's life). */
  int bufferCapacity() {
    return buf.length;
  }

  ResamplingKernel kernel() {
    return kernel;
  }

  private int push(float[] in, int off, int len, float[] out, int outOff) {
    if (finished) {
      throw new IllegalStateException("finish() was called; call reset() to start a new stream");
    }
    if (kernel == null) {
      System.arraycopy(in, off, out, outOff, len);
      inputCount += len;
      return len;
    }
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
      inputCount += n;
      written += emit(out, outOff + written, Long.MAX_VALUE);
    }
    return written;
  }

  private int drain(float[] out, int outOff) {
    if (finished) {
      throw new IllegalStateException("finish() was called; call reset() to start a new stream");
    }
    finished = true;
    if (kernel == null) {
      return 0;
    }
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
      written += emit(out, outOff + written, inputCount);
    }
    return written;
  }

  /** Writes outputs whose window is in the buffer and whose position is below {@code limit}. */
  private int emit(float[] out, int outOff, long limit) {
    final long end = bufStart + bufLen;
    int w = 0;
    while (nextPos + halfTaps < end && nextPos < limit) {
      out[outOff + w++] = kernel.apply(buf, (int) (nextPos - bufStart), nextRem, nextRow);
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

  /** Drops buffered input that no future output needs. */
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
