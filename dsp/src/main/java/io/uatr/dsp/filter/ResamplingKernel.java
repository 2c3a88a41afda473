package io.uatr.dsp.filter;

import io.uatr.dsp.spectral.Simd;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Kaiser-windowed sinc interpolation kernel evaluated at exact rational positions, and the dot
 * product that produces one output sample: the whole {@link Resampler} on its single-stage path
 * (upsampling, ratios below 2), and its stage 2 on the two-stage path (see {@link TwoStageDesign}).
 *
 * <p>Time is measured in samples of the stream the kernel reads. Output k lies at position {@code t
 * = k * p / q} ({@code p/q} = stream rate / output rate in lowest terms), written as integer part
 * {@code i} and remainder {@code r} ({@code t = i + r/q}); it is {@code sum_{j=1-J..J} x[i+j] *
 * h(r/q - j)} with {@code h(t) = 2 fc sinc(2 fc t) * I0(beta sqrt(1 - (t/T)^2)) / I0(beta)} for
 * {@code |t| < T} ({@code fc} the cut-off in cycles per sample, {@code T} the half-width from
 * Kaiser's length formula, {@code J = ceil(T)}; see {@link KaiserSinc}). A kernel is determined by
 * its {@link Design}: {@link #of(ResamplerSpec)} gives the single-stage design of a spec.
 *
 * <p><b>Exact polyphase bank (the usual case).</b> When the {@code q} distinct phases times {@code
 * 2J} taps fit in {@value #MAX_BANK} coefficients, every phase is evaluated once, in double, and
 * stored as float: a {@code [q][2J]} row-major bank. Row {@code m} holds the phase of output {@code
 * k = m (mod q)}, i.e. {@code r = m p mod q}, so consecutive outputs read consecutive rows and the
 * bank streams through the cache in order (measured: reading rows in phase order, which jump by
 * {@code p} rows, is up to 2x slower for banks larger than the L2 cache). Examples: single stage
 * 16000 to 52734 Hz, 26367 x 104 (2.7 M floats, 11.0 MB), 24000 to 16000 Hz, 2 x 156; stage 2 of
 * 52734 to 16000 Hz (from 26367 Hz), 16000 x 20 (1.25 MB; the former single-stage bank for it, 8000
 * x 340 = 10.9 MB, read 1360 bytes per output from beyond the L2 cache). Float coefficients are
 * exact to a relative 6e-8 (-144 dB), far below the 80 dB design. Row {@code q - m} is row {@code
 * m} reversed ({@code h} is even), so only half the rows are evaluated; building a bank of 2.7 M
 * coefficients takes about 0.13 s of CPU (measured on the former 52734 to 16000 Hz bank), once per
 * JVM.
 *
 * <p><b>Shared.</b> Kernels are immutable and built once per distinct {@link ResamplerSpec} per
 * JVM: {@link #of(ResamplerSpec)} keeps them in a static map, so every {@link Resampler} of one
 * spec (one per audio file in a batch job, on any thread) shares one bank and pays no construction
 * cost after the first. The map is emptied when a new kernel would take it past {@value
 * #MAX_CACHED} coefficients (256 MiB; the count is approximate under concurrent construction), so a
 * process that sees many unusual rate pairs does not grow without bound; kernels still held by live
 * resamplers stay valid.
 *
 * <p><b>Interpolated fallback.</b> Only when the exact bank would exceed {@value #MAX_BANK}
 * coefficients (e.g. 96001 to 95999 Hz, 95999 phases) a bank of {@code K + 1} phases on a uniform
 * grid of fractional positions {@code 0, 1/K, ..., 1} is computed, with {@code K} chosen for
 * {@value #PHASES_PER_ZERO_CROSSING} grid steps per zero-crossing interval of the sinc; an output
 * is the linear interpolation (in the fractional position) between the outputs of the two
 * neighbouring grid phases. Its error is below {@code (pi/512)^2/8 = 5e-6} of the kernel peak, and
 * the table size does not depend on {@code q}.
 *
 * <p><b>Dot product.</b> Both ways read coefficients contiguously. The product and sum are in float
 * with four independent partial sums (taps {@code 4m + c} go to sum {@code c}, combined as {@code
 * (s0 + s1) + (s2 + s3)}), which lets the JIT overlap the additions and avoids a float to double
 * conversion per tap (measured about 30% faster than float samples times double coefficients summed
 * in double). The rounding error of a float sum of {@code 2J} terms is about {@code 6e-8 *
 * sqrt(2J)} of the sum of magnitudes, below -110 dB, again far below the design; the tests measure
 * at most 5e-7 against a direct double evaluation for unit-variance noise. The order of operations
 * is fixed, so results do not depend on how the input is split into blocks.
 *
 * <p><b>Lane blocks.</b> When q is a multiple of {@value #LANES} and the re-laid bank stays under
 * {@value #MAX_LANE_BANK} coefficients (stage 2 of 52 734 or 44 100 to 16 000 Hz), each output is
 * instead one float sum in tap order, which the Vector API computes for 16 consecutive outputs at
 * once: the block's window of samples is broadcast one by one against a column of 16 coefficients
 * ({@link #laneBank}, zero where a sample is outside an output's taps), with no gather and no
 * reduction across lanes. The plain-loop form gives the same floats for finite input, so results do
 * not depend on the machine or on whether the Vector API is in use. Measured (stage 2 of 52 734 to
 * 16 000 Hz, 10 s of audio, one thread): about 1.2 ms, was 2.7 ms with the per-output dot product.
 */
final class ResamplingKernel {

  /** Largest exact polyphase bank, in coefficients (16 MiB of floats). */
  static final int MAX_BANK = 1 << 22;

  /** Largest total of coefficients kept in the shared cache (256 MiB of floats). */
  static final long MAX_CACHED = 1L << 26;

  /** Outputs per lane block. */
  static final int LANES = 16;

  /** Largest lane bank, in coefficients (4 MiB of floats). */
  static final int MAX_LANE_BANK = 1 << 20;

  /** Extra attenuation the window is designed for, in dB. */
  static final double DESIGN_MARGIN_DB = 2;

  /** Grid steps per zero-crossing interval of the sinc (interpolated mode). */
  static final int PHASES_PER_ZERO_CROSSING = 512;

  private static final ConcurrentHashMap<Design, ResamplingKernel> CACHE =
      new ConcurrentHashMap<>();

  private static final AtomicLong CACHED_COEFFICIENTS = new AtomicLong();

  /**
   * What determines a kernel: the reduced ratio {@code p/q} of the input and output rates of the
   * stage, and the Kaiser-sinc design (cut-off and transition in cycles per input sample of the
   * stage, attenuation in dB including the design margin). The cache key.
   */
  record Design(int p, int q, double cutoff, double transition, double attenuationDb) {}

  final int p;
  final int q;

  /** Whole input samples per output step, {@code p / q}. */
  final int stepInt;

  /** Remainder of the output step, {@code p % q}, in units of 1/q sample. */
  final int stepRem;

  /** Taps j run over [1-J, J]. */
  final int halfTaps;

  final double beta;
  final double halfWidth;
  final double cutoff;
  private final KaiserSinc sinc;

  /** Rows of 2J coefficients: q exact phases, or K+1 grid phases. Never written after build. */
  private final float[] bank;

  /**
   * The exact bank re-laid for blocks of {@value #LANES} consecutive outputs, or null: block b
   * (outputs {@code 16 b .. 16 b + 15} modulo q) holds, at {@code ((b * laneSpan) + s) * 16 + l},
   * the coefficient output {@code 16 b + l} gives to the s-th sample of the block's window (zero
   * where that sample is outside its taps).
   */
  final float[] laneBank;

  /** Stride of the lane blocks in samples: the largest window of a block. */
  final int laneSpan;

  /**
   * Window of each lane block in samples, [q / 16]: the spread of its outputs' integer positions
   * plus 2J (the samples its outputs read, no more).
   */
  final int[] laneWindow;

  /** Number of grid intervals K (interpolated mode), 0 in exact mode. */
  private final int gridPhases;

  /**
   * The shared single-stage kernel of {@code spec} (built on first use, then taken from a static
   * cache): the anti-alias / anti-image low-pass documented in {@link ResamplerSpec}, at the input
   * rate.
   *
   * @param spec a design whose rates differ
   * @return an immutable kernel, safe to use from any number of threads
   */
  static ResamplingKernel of(ResamplerSpec spec) {
    return of(singleStage(spec));
  }

  /**
   * The shared kernel of an explicit design (built on first use, then taken from a static cache).
   *
   * @return an immutable kernel, safe to use from any number of threads
   */
  static ResamplingKernel of(Design design) {
    ResamplingKernel k = CACHE.get(design);
    if (k != null) {
      return k;
    }
    // Built outside the map's lock: two threads may race to build the same kernel, and one wins.
    k = new ResamplingKernel(design);
    if (CACHED_COEFFICIENTS.addAndGet(k.bank.length) > MAX_CACHED) {
      synchronized (CACHE) {
        CACHE.clear();
        CACHED_COEFFICIENTS.set(k.bank.length);
      }
    }
    ResamplingKernel prior = CACHE.putIfAbsent(design, k);
    if (prior != null) {
      CACHED_COEFFICIENTS.addAndGet(-k.bank.length);
      return prior;
    }
    return k;
  }

  /**
   * The single-stage design of {@code spec}: cut-off {@code rolloff * lowerNyquist / inputRate},
   * transition {@code 2 (1 - rolloff) lowerNyquist / inputRate} cycles per input sample, designed
   * for {@code stopbandDb + }{@value #DESIGN_MARGIN_DB} dB.
   */
  static Design singleStage(ResamplerSpec spec) {
    long g = ResamplerSpec.gcd(spec.inputRate(), spec.outputRate());
    double fsIn = spec.inputRate();
    double lowerNyquist = Math.min(spec.inputRate(), spec.outputRate()) / 2.0;
    double cutoff = spec.rolloff() * lowerNyquist / fsIn;
    double transition = 2 * (1 - spec.rolloff()) * lowerNyquist / fsIn; // cycles per sample
    // Kaiser's formulas undershoot the requested attenuation by up to about 1 dB; design with a
    // margin so the measured stop band reaches stopbandDb.
    return new Design(
        (int) (spec.inputRate() / g),
        (int) (spec.outputRate() / g),
        cutoff,
        transition,
        spec.stopbandDb() + DESIGN_MARGIN_DB);
  }

  /** Builds a kernel without the cache (use {@link #of(ResamplerSpec)}). */
  ResamplingKernel(ResamplerSpec spec) {
    this(singleStage(spec));
  }

  /** Builds a kernel without the cache (use {@link #of(Design)}). */
  ResamplingKernel(Design design) {
    this.p = design.p();
    this.q = design.q();
    this.stepInt = p / q;
    this.stepRem = p % q;
    this.sinc = KaiserSinc.design(design.cutoff(), design.transition(), design.attenuationDb());
    this.cutoff = sinc.cutoff;
    this.beta = sinc.beta;
    this.halfWidth = sinc.halfWidth;
    this.halfTaps = (int) Math.ceil(halfWidth);
    int taps = 2 * halfTaps;
    int rows;
    int period; // rows r and period - r are mirror images
    if ((long) q * taps <= MAX_BANK) {
      gridPhases = 0;
      rows = q;
      period = q;
    } else {
      gridPhases = Math.max(4, (int) Math.ceil(PHASES_PER_ZERO_CROSSING * 2 * cutoff));
      rows = gridPhases + 1;
      period = gridPhases;
    }
    bank = new float[rows * taps];
    for (int m = 0; m < rows; m++) {
      int base = m * taps;
      int mirror = period - m;
      if (mirror < m && mirror >= 0) {
        // Row m holds phase f, row period - m phase 1 - f (mod 1), and h(1 - f - j) = h(f - (1 -
        // j)) because h is even: row m is row period - m reversed.
        int mBase = mirror * taps;
        for (int c = 0; c < taps; c++) {
          bank[base + c] = bank[mBase + taps - 1 - c];
        }
        continue;
      }
      double frac = gridPhases == 0 ? (double) ((long) m * p % q) / q : (double) m / gridPhases;
      for (int j = 1 - halfTaps; j <= halfTaps; j++) {
        bank[base + j - 1 + halfTaps] = (float) h(frac - j);
      }
    }
    int[] window = gridPhases == 0 && q % LANES == 0 ? laneWindows(p, q, taps) : null;
    int span = window == null ? 0 : java.util.Arrays.stream(window).max().getAsInt();
    if (window != null && (long) (q / LANES) * span * LANES <= MAX_LANE_BANK) {
      laneSpan = span;
      laneWindow = window;
      laneBank = laneBank(bank, p, q, taps, span);
    } else {
      laneSpan = 0;
      laneWindow = null;
      laneBank = null;
    }
  }

  /** Each lane block's spread of integer positions, plus 2J. */
  private static int[] laneWindows(int p, int q, int taps) {
    int[] w = new int[q / LANES];
    for (int b = 0; b < w.length; b++) {
      long k0 = (long) b * LANES;
      w[b] = (int) ((k0 + LANES - 1) * p / q - k0 * p / q) + taps;
    }
    return w;
  }

  private static float[] laneBank(float[] bank, int p, int q, int taps, int span) {
    float[] lb = new float[q / LANES * span * LANES];
    for (int b = 0; b < q / LANES; b++) {
      long k0 = (long) b * LANES;
      for (int l = 0; l < LANES; l++) {
        int d = (int) ((k0 + l) * p / q - k0 * p / q);
        for (int t = 0; t < taps; t++) {
          lb[((b * span) + d + t) * LANES + l] = bank[(int) (k0 + l) * taps + t];
        }
      }
    }
    return lb;
  }

  /** The coefficient bank (shared; do not modify). */
  float[] bank() {
    return bank;
  }

  /** True if every phase is exact (false: interpolated between grid phases). */
  boolean usesBank() {
    return gridPhases == 0;
  }

  /** Number of coefficients held, for memory reporting. */
  int coefficientCount() {
    return bank.length;
  }

  /**
   * One output sample: {@code sum_{j=1-J..J} buf[centre+j] * h(r/q - j)}, with {@code h} from the
   * float bank, summed in float as documented in the class comment.
   *
   * @param buf input samples; needs {@code buf[centre + 1 - J .. centre + J]}
   * @param centre index in {@code buf} of the integer part of the output's input position
   * @param r remainder of the position, in [0, q): the output index k times p, modulo q
   * @param k the output index modulo q, in [0, q) (selects the bank row in exact mode)
   */
  float apply(float[] buf, int centre, int r, int k) {
    final int taps = 2 * halfTaps;
    final int x0 = centre + 1 - halfTaps;
    final float[] b = bank;
    if (gridPhases == 0) {
      return laneBank != null
          ? orderedDot(buf, x0, b, k * taps, taps)
          : dot(buf, x0, b, k * taps, taps);
    }
    double pos = (double) r / q * gridPhases;
    int row = (int) pos;
    double w = pos - row;
    float lo = dot(buf, x0, b, row * taps, taps);
    if (w == 0) {
      return lo;
    }
    float hi = dot(buf, x0, b, (row + 1) * taps, taps);
    return (float) (lo + w * ((double) hi - lo));
  }

  /**
   * Consecutive outputs in exact-bank mode ({@link #usesBank()}), the same floats as {@link #apply}
   * one by one: output {@code i} has its centre at {@code centre0 + i * p / q} (integer part and
   * remainder stepped exactly), and reads bank row {@code row0 + i (mod q)}.
   *
   * @param buf input samples
   * @param centre0 index in {@code buf} of the first output's integer position
   * @param rem0 its remainder, in [0, q)
   * @param row0 its bank row, in [0, q)
   * @param count outputs to write; every window must lie in {@code buf}
   * @param out destination, from {@code outOff}
   */
  void applyRun(float[] buf, int centre0, int rem0, int row0, int count, float[] out, int outOff) {
    int x0 = centre0 + 1 - halfTaps;
    if (laneBank == null) {
      run(buf, x0, rem0, row0, count, out, outOff, false);
    } else if (FirKernels.WARM_UP.done() && Simd.ENABLED && VectorFir.lanesSupported()) {
      VectorFir.laneRun(this, buf, x0, rem0, row0, count, out, outOff);
    } else {
      run(buf, x0, rem0, row0, count, out, outOff, true);
    }
  }

  /**
   * Consecutive outputs by plain loops from the first window sample {@code x0}: each by {@link
   * #orderedDot} (one sum in tap order, what the lane blocks compute, see {@link
   * VectorFir#laneRun}) or by {@link #dot}.
   */
  void run(
      float[] buf, int x0, int rem, int row, int count, float[] out, int outOff, boolean ordered) {
    final int taps = 2 * halfTaps;
    final float[] b = bank;
    int h0 = row * taps;
    final int bankEnd = q * taps;
    for (int i = 0; i < count; i++) {
      out[outOff + i] = ordered ? orderedDot(buf, x0, b, h0, taps) : dot(buf, x0, b, h0, taps);
      x0 += stepInt;
      rem += stepRem;
      if (rem >= q) {
        x0++;
        rem -= q;
      }
      h0 += taps;
      if (h0 == bankEnd) {
        h0 = 0;
      }
    }
  }

  /** Dot product in float, one sum in index order. */
  static float orderedDot(float[] x, int xOff, float[] h, int hOff, int n) {
    float a = 0f;
    for (int t = 0; t < n; t++) {
      a += x[xOff + t] * h[hOff + t];
    }
    return a;
  }

  /** Dot product in float with four independent partial sums (n even). */
  private static float dot(float[] x, int xOff, float[] h, int hOff, int n) {
    float a0 = 0;
    float a1 = 0;
    float a2 = 0;
    float a3 = 0;
    int t = 0;
    for (; t + 3 < n; t += 4) {
      a0 += x[xOff + t] * h[hOff + t];
      a1 += x[xOff + t + 1] * h[hOff + t + 1];
      a2 += x[xOff + t + 2] * h[hOff + t + 2];
      a3 += x[xOff + t + 3] * h[hOff + t + 3];
    }
    for (; t < n; t++) {
      a0 += x[xOff + t] * h[hOff + t];
    }
    return (a0 + a1) + (a2 + a3);
  }

  /** The continuous kernel at {@code t} input samples. */
  double h(double t) {
    return sinc.at(t);
  }
}
