package io.uatr.dsp.filter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-stage design of a {@link Resampler} for downsampling by a reduced ratio {@code p/q >= 2}.
 *
 * <p><b>Stage 1</b> is the single-stage anti-alias low-pass of the spec (see {@link ResamplerSpec}:
 * -6 dB at {@code rolloff * outputRate / 2}, stop band from {@code outputRate / 2}, Kaiser window
 * for {@code stopbandDb + 2} dB) sampled at the integer taps {@code t} with {@code |t| < T} (all
 * its non-zero taps; 339 for 52 734 to 16 000 Hz), applied at the input rate and keeping every
 * {@code D}-th sample: {@code D = p} for integer ratios ({@code q = 1}), otherwise the largest
 * {@code D >= 1} with {@code D q / p <= 0.65}, i.e. a stage-1 rate {@code fs1 = inputRate / D} of
 * at least about 1.54 times the output rate (52 734 to 16 000 Hz: D = 2; 44 100 to 16 000 Hz: D =
 * 1). Decimating in stage 1 halves its work, but narrows the transition of stage 2 and lengthens
 * it; the 0.65 bound is where the two balanced in measurements (52 734 Hz: D = 2 about 20% faster
 * than D = 1; 44 100 Hz, where D = 2 would give 0.73: D = 1 about 15% faster).
 *
 * <p><b>Stage 2</b> (absent when {@code D = p}) evaluates the stage-1 signal at the exact output
 * positions with a short Kaiser-windowed sinc: -6 dB at half the stage-1 rate, transition from
 * {@code outputRate / 2} (where stage 1 has removed everything) to {@code fs1 - outputRate / 2}
 * (where the spectral images of the band-limited stage-1 signal start), i.e. {@code 1 - D q / p}
 * cycles per stage-1 sample, designed for {@code stopbandDb + 2 + }{@value #STAGE2_EXTRA_DB} dB;
 * e.g. 52 734 to 16 000 Hz: 20 taps, an exact bank of 16 000 x 20 floats (1.25 MB, read in order,
 * 80 bytes per output). The overall response is that of stage 1 (pass band to {@code (2 rolloff -
 * 1)} of the output Nyquist frequency) times the stage-2 pass band (ripple far below 0.001 dB), and
 * every component at or above the output Nyquist frequency is attenuated by at least about {@code
 * stopbandDb}.
 *
 * @param factor stage-1 decimation factor D
 * @param taps stage-1 impulse response {@code h1[-J1..J1]} at {@code taps[t + J1]} (odd length)
 * @param rows stage-1 coefficients in the transposed form ({@link DecimatingFir#rows})
 * @param interpolator stage-2 kernel (ratio {@code fs1 / outputRate} in lowest terms), or null
 */
record TwoStageDesign(int factor, float[] taps, float[][] rows, ResamplingKernel interpolator) {

  /**
   * Extra attenuation of stage 2, in dB. Its stop band catches the images of in-band signal, a
   * distortion a single-stage resampler does not have: designed for stopbandDb + 2 only, the
   * in-band residual of a tone measured -79 dB (52 734 to 16 000 Hz, D = 1); with 30 dB more it is
   * about -110 dB (single stage: -130 dB), for about a third more stage-2 taps.
   */
  static final double STAGE2_EXTRA_DB = 30;

  /** Designs kept in the shared cache before it is emptied. */
  private static final int MAX_CACHED = 64;

  private static final ConcurrentHashMap<ResamplerSpec, TwoStageDesign> CACHE =
      new ConcurrentHashMap<>();

  /**
   * The design of {@code spec}, built on first use and then shared (immutable) by every resampler
   * of that spec on any thread; the stage-2 kernel comes from the shared cache of {@link
   * ResamplingKernel}. The cache is emptied when it holds {@value #MAX_CACHED} designs.
   *
   * @param spec a spec with {@code inputRate >= 2 outputRate} in lowest terms
   */
  static TwoStageDesign of(ResamplerSpec spec) {
    TwoStageDesign d = CACHE.get(spec);
    if (d == null) {
      d = build(spec);
      if (CACHE.size() >= MAX_CACHED) {
        CACHE.clear(); // many unusual rate pairs: start over rather than grow
      }
      CACHE.putIfAbsent(spec, d);
    }
    return d;
  }

  private static TwoStageDesign build(ResamplerSpec spec) {
    ResamplingKernel.Design single = ResamplingKernel.singleStage(spec);
    int p = single.p();
    int q = single.q();
    if (p < 2L * q) {
      throw new IllegalArgumentException(
          "two stages need inputRate / outputRate >= 2, got "
              + spec.inputRate()
              + " / "
              + spec.outputRate());
    }
    KaiserSinc h1 = KaiserSinc.design(single.cutoff(), single.transition(), single.attenuationDb());
    int half = (int) Math.ceil(h1.halfWidth) - 1; // largest t with |t| < T
    float[] taps = new float[2 * half + 1];
    for (int t = -half; t <= half; t++) {
      taps[t + half] = (float) h1.at(t);
    }
    // largest D with D q / p <= 0.65 = 13 / 20 (at least 1)
    int factor = q == 1 ? p : (int) Math.max(1, 13L * p / (20L * q));
    if (factor == p) {
      return new TwoStageDesign(factor, taps, DecimatingFir.rows(taps, factor), null);
    }
    long qd = (long) q * factor;
    long g = ResamplerSpec.gcd(p, qd);
    // transition from outputRate / 2 to fs1 - outputRate / 2, in cycles per stage-1 sample
    double transition = 1 - (double) qd / p;
    ResamplingKernel.Design d2 =
        new ResamplingKernel.Design(
            (int) (p / g),
            (int) (qd / g),
            0.5,
            transition,
            single.attenuationDb() + STAGE2_EXTRA_DB);
    return new TwoStageDesign(
        factor, taps, DecimatingFir.rows(taps, factor), ResamplingKernel.of(d2));
  }
}
