package io.uatr.dsp.filter;

import java.util.Arrays;
import java.util.Objects;

/**
 * Band-limited resampling between two integer sample rates, one-shot or streaming.
 *
 * <p><b>Single stage</b> (upsampling, and downsampling by a reduced ratio {@code p/q} below 2, e.g.
 * 16 000 to 52 734 Hz or 24 000 to 16 000 Hz). Each output sample is computed directly at its exact
 * input position {@code k * inputRate / outputRate} (kept as an exact rational, so there is no
 * drift over hour-long streams) by the Kaiser-windowed sinc low-pass of {@link ResamplerSpec}. The
 * kernel's phases are precomputed as float: all {@code outputRate/gcd} of them when they fit in
 * 2^22 coefficients (e.g. 16 000 to 52 734 Hz: 26 367 phases x 104 taps, 11 MB), otherwise a grid
 * of 512 phases per zero crossing of the sinc with linear interpolation between the two nearest
 * grid phases. See {@code ResamplingKernel} for the layout, the cache and the accuracy.
 *
 * <p><b>Two stages</b> (downsampling by {@code p/q >= 2}, e.g. 52 734, 48 000 or 44 100 Hz to 16
 * 000 Hz; see {@code TwoStageDesign}). Stage 1 is the same low-pass sampled at integer taps (339
 * for 52 734 to 16 000 Hz), applied at the input rate as a polyphase direct form on the Vector API
 * (see {@code DecimatingFir}), computing only every D-th sample (D = 2 for 52 734 to 16 000 Hz, 1
 * for 44 100 to 16 000 Hz); for integer ratios D = p and stage 1 is the whole resampler. Otherwise
 * stage 2 interpolates the stage-1 signal at the exact output positions with a short Kaiser sinc
 * (20 taps, an exact bank of 16 000 x 20 floats read in order, for 52 734 to 16 000 Hz) whose stop
 * band starts where the images of the band-limited stage-1 signal start and is designed 30 dB
 * deeper than the spec, so its images stay far below it. Stage 1 runs on the zero-extended input,
 * including the samples just outside it that stage 2 reads for the first and last outputs, so the
 * result is the exact composition of the two filters. Response: pass band to {@code (2 rolloff -
 * 1)} of the output Nyquist frequency as specified, ripple below 0.001 dB (measured), everything at
 * or above the output Nyquist frequency at least {@code stopbandDb} down (measured -94 dB for the
 * default 80 dB design), in-band distortion from stage 2 measured near -110 dB re a tone (single
 * stage: near -130 dB, the float floor).
 *
 * <p><b>Speed</b> (measured roughly: JMH {@code FrontEndBenchmark}, 10 s of audio, one thread, a
 * shared 2-core AVX-512 machine): 52 734 to 16 000 Hz went from about 40 ms (one 340-tap dot
 * product per output on a 10.9 MB bank beyond the L2 cache) to about 5 ms (stage 1 about 4 ms,
 * stage 2, in lane blocks of 16 outputs, about 1.2 ms); 48 000 to 16 000 Hz from about 32 to 3 ms.
 * Upsampling is unchanged (bit for bit).
 *
 * <p>Both paths are centred: there is no delay, output sample k corresponds to time {@code k /
 * outputRate}. Samples before the start and after the end of the input are taken as 0. If both
 * rates are equal the input is copied unchanged. Kernels are built once per distinct design per JVM
 * and shared, read-only, by every instance on every thread, so constructing a {@code Resampler} is
 * cheap after the first one of a spec.
 *
 * <p>Streaming: {@link #process(float[], int, int, float[], int)} accepts blocks of any size and
 * writes the output samples that are complete; {@link #finish(float[], int)} writes the rest. The
 * concatenated output is bit-for-bit the output of {@link #resample(float[], ResamplerSpec)}
 * whatever the block sizes, and memory is a few fixed buffers (under 21 000 floats for 52 734 to 16
 * 000 Hz) plus the shared kernels, independent of the stream length. Instances are not thread-safe.
 */
public final class Resampler {

  /** Stage-1 samples handed to stage 2 at a time. */
  private static final int STAGE1_BLOCK = 2048;

  private final ResamplerSpec spec;
  private final int p;
  private final int q;

  /** The polyphase interpolator: the whole resampler, or stage 2; null if not needed. */
  private final PolyphaseStage interp;

  /** The single-stage kernel or the stage-2 kernel, null if there is none. */
  private final ResamplingKernel kernel;

  /** Stage 1 of the two-stage path, null otherwise. */
  private final DecimatingFir fir;

  /** Stage-1 decimation factor D (1 unless two-stage). */
  private final int factor;

  /** Stage-1 half-width J1 in taps (0 unless two-stage). */
  private final int firHalf;

  /** Stage-1 output block (two-stage with stage 2 only). */
  private final float[] ybuf;

  private final boolean identity;
  private long inputCount;
  private boolean finished;

  /** Creates a streaming resampler. */
  public Resampler(ResamplerSpec spec) {
    this.spec = Objects.requireNonNull(spec, "spec");
    long g = ResamplerSpec.gcd(spec.inputRate(), spec.outputRate());
    p = (int) (spec.inputRate() / g);
    q = (int) (spec.outputRate() / g);
    identity = p == q;
    if (identity) {
      interp = null;
      kernel = null;
      fir = null;
      factor = 1;
      firHalf = 0;
      ybuf = null;
    } else if (p < 2L * q) {
      kernel = ResamplingKernel.of(spec);
      interp = new PolyphaseStage(kernel, 0);
      fir = null;
      factor = 1;
      firHalf = 0;
      ybuf = null;
    } else {
      TwoStageDesign d = TwoStageDesign.of(spec);
      factor = d.factor();
      firHalf = d.taps().length / 2;
      kernel = d.interpolator();
      // stage 2 reads y1[1-J2 ..] for output 0: stage 1 starts there (0 without stage 2)
      long first = kernel == null ? 0 : 1 - kernel.halfTaps;
      fir = new DecimatingFir(d.rows(), firHalf, factor, first);
      interp = kernel == null ? null : new PolyphaseStage(kernel, first);
      ybuf = kernel == null ? null : new float[STAGE1_BLOCK];
    }
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
   * input block of {@code inputLength} samples: {@code inputLength * outputRate / inputRate} plus 1
   * (single stage) or plus 34 (two stages: stage 1 delivers rounds of 32 samples).
   */
  public int maxOutputLength(int inputLength) {
    if (identity) {
      return inputLength;
    }
    // two-stage: stage 1 delivers whole rounds of R samples, at most len / D + R new ones, which
    // complete at most (len / D + R) D q / p + 1 <= len q / p + R + 1 outputs
    long extra = fir == null ? 1 : DecimatingFir.ROUND + 2;
    return (int) Math.min(Integer.MAX_VALUE, (long) inputLength * q / p + extra);
  }

  /** Largest number of samples {@link #finish(float[], int)} can write. */
  public int maxFinishLength() {
    if (identity) {
      return 0;
    }
    if (fir == null) {
      return (int) ((long) interp.halfTaps() * q / p + 2);
    }
    // outputs within J1 + R D + (J2 + 1) D input samples of the end wait for the zeros
    long j2 = kernel == null ? 0 : kernel.halfTaps;
    return (int) ((firHalf + (long) DecimatingFir.ROUND * factor + (j2 + 1) * factor) * q / p + 3);
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
    if (interp != null) {
      interp.reset();
    }
    if (fir != null) {
      fir.reset();
    }
    inputCount = 0;
    finished = false;
  }

  /** Input samples fed since the last reset. */
  public long inputCount() {
    return inputCount;
  }

  /** Capacity of the internal buffers in samples (constant for the object's life). */
  int bufferCapacity() {
    return (interp == null ? 0 : interp.bufferCapacity())
        + (fir == null ? 0 : fir.bufferCapacity())
        + (ybuf == null ? 0 : ybuf.length);
  }

  /** The single-stage kernel, or the stage-2 kernel of the two-stage path (null if none). */
  ResamplingKernel kernel() {
    return kernel;
  }

  /** True if this resampler uses the two-stage path. */
  boolean isTwoStage() {
    return fir != null;
  }

  /** Number of output samples at either end whose filter windows reach past the input. */
  int edgeOutputs() {
    if (identity) {
      return 0;
    }
    long j2 = kernel == null ? 0 : kernel.halfTaps;
    return (int) ((firHalf + j2 * factor) * q / p) + 2;
  }

  private int push(float[] in, int off, int len, float[] out, int outOff) {
    if (finished) {
      throw new IllegalStateException("finish() was called; call reset() to start a new stream");
    }
    inputCount += len;
    if (identity) {
      System.arraycopy(in, off, out, outOff, len);
      return len;
    }
    if (fir == null) {
      return interp.push(in, off, len, out, outOff, Long.MAX_VALUE);
    }
    int written = 0;
    while (len > 0) {
      int n = fir.feed(in, off, len);
      off += n;
      len -= n;
      written += runStages(out, outOff + written, Long.MAX_VALUE, Long.MAX_VALUE);
    }
    return written;
  }

  /**
   * Runs stage 1 as far as its input allows (up to index end) and pushes its output through stage 2
   * (up to {@code limit} outputs since the last reset: after the end of the input, stage 1's last
   * samples can complete windows of outputs whose time lies past the end).
   */
  private int runStages(float[] out, int outOff, long end, long limit) {
    int written = 0;
    int n;
    if (interp == null) {
      // integer ratio: stage 1 alone, written straight to the output
      while ((n = fir.produce(out, outOff + written, Integer.MAX_VALUE, end)) > 0) {
        written += n;
      }
      return written;
    }
    while ((n = fir.produce(ybuf, 0, ybuf.length, end)) > 0) {
      written += interp.push(ybuf, 0, n, out, outOff + written, limit);
    }
    return written;
  }

  private int drain(float[] out, int outOff) {
    if (finished) {
      throw new IllegalStateException("finish() was called; call reset() to start a new stream");
    }
    finished = true;
    if (identity) {
      return 0;
    }
    long total = spec.outputLength(inputCount);
    if (fir == null) {
      return interp.finish(total, out, outOff);
    }
    // stage 2 reads y1 up to ceil(N / D) - 1 + J2; stage 1 delivers it once the zeros complete
    // its round
    long j2 = kernel == null ? 0 : kernel.halfTaps;
    long end = Math.floorDiv(inputCount + factor - 1, factor) + j2;
    long zeros = Math.max(0, fir.inputNeeded(end - 1) - inputCount);
    int written = 0;
    while (zeros > 0) {
      int n = fir.feed(null, 0, (int) Math.min(zeros, Integer.MAX_VALUE));
      zeros -= n;
      written += runStages(out, outOff + written, end, total);
    }
    written += runStages(out, outOff + written, end, total);
    if (interp != null) {
      written += interp.finish(total, out, outOff + written);
    }
    return written;
  }
}
