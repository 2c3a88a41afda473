package io.uatr.dsp.filter;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The two-stage design of a {@link Resampler} for downsampling by a reduced ratio {@code p/q >= 2}.
 *
 * <p><b>Stage 1</b> is the single-stage anti-alias low-pass of the spec (see {@link ResamplerSpec}:
 * -6 dB at {@code rolloff * outputRate / 2}, stop band from {@code outputRate / 2}, Kaiser window
 * for {@code stopbandDb + 2} dB) sampled at the integer taps {@code t} with {@code |t| < T} (all
 * its non-zero taps; 339 for 52 734 to 16 000 Hz), applied at the input rate and keeping every
 * {@code D}-th sample: {@code D = p} for integer ratios ({@code q = 1}), otherwise {@code D =
 * max(1, floor(p / (2 q)))}, so the stage-1 rate {@code fs1 = inputRate / D} is at least twice the
 * output rate.
 *
 * <p><b>Stage 2</b> (absent when {@code D = p}) evaluates the stage-1 signal at the exact output
 * positions with a short Kaiser-windowed sinc: -6 dB at half the stage-1 rate, transition from
 * {@code outputRate / 2} (where stage 1 has removed everything) to {@code fs1 - outputRate / 2}
 * (where the spectral images of the band-limited stage-1 signal start), designed for the same
 * {@code stopbandDb + 2} dB; e.g. 52 734 to 16 000 Hz: {@code D = 1}, 8 taps, a bank of 8000 x 8
 * floats (250 KiB). The overall response is that of stage 1 (pass band to {@code (2 rolloff - 1)}
 * of the output Nyquist frequency) times the stage-2 pass band (ripple of the order of {@code
 * 10^(-stopbandDb/20)}, below 0.001 dB by default), and every component at or above the output
 * Nyquist frequency is attenuated by at least about {@code stopbandDb} (the alias of either stage
 * alone, their sum within a few dB of it).
 *
 * @param factor stage-1 decimation factor D
 * @param taps stage-1 impulse response {@code h1[-J1..J1]} at {@code taps[t + J1]} (odd length)
 * @param rows stage-1 coefficients in the transposed form ({@link DecimatingFir#rows})
 * @param interpolator stage-2 kernel (ratio {@code fs1 / outputRate} in lowest terms), or null
 */
record TwoStageDesign(int factor, float[] taps, float[][] rows, ResamplingKernel interpolator) {

  /**
   * Extra attenuation of stage 2, in dB. Its stop band catches the images of in-band signal (a tone
   * at 7.2 kHz leaves a -80 dB spur at 2.5 kHz when stage 2 is designed for stopbandDb + 2 only,
   * measured), which a single-stage resampler does not have; 12 dB more costs 2 taps for 52 734 to
   * 16 000 Hz and puts them near the float rounding floor.
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
    // D > 1 for a non-integer ratio (e.g. 2 for 52 734 Hz, with 14 stage-2 taps) measured slower
    int factor = q == 1 ? p : 1;
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
