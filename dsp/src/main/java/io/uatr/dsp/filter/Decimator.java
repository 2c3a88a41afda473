package io.uatr.dsp.filter;

import java.util.Objects;

/**
 * Integer-factor decimation: an FIR anti-alias low-pass followed by keeping every {@code factor}-th
 * sample, one-shot or streaming (for example the two stages that bring a 52 734 Hz DEMON envelope
 * down to a few hundred Hz).
 *
 * <p>The low-pass is the {@link Resampler}'s Kaiser-windowed sinc with a single phase (exact
 * coefficients, only the kept outputs are computed): -6 dB cut-off at {@code cutoff} times the new
 * Nyquist frequency (default {@value #DEFAULT_CUTOFF}), stop band from the new Nyquist frequency
 * on, attenuated by {@code stopbandDb} (default 80 dB), so the pass band (within about 0.001 dB)
 * ends at {@code (2 * cutoff - 1)} of the new Nyquist frequency (0.6 by default) and nothing
 * aliases above -80 dB. It is linear-phase and centred: output k is the filtered input at sample
 * {@code k * factor}, no delay. Output length is {@code ceil(n / factor)}.
 */
public final class Decimator {

  /** Default -6 dB cut-off as a fraction of the output Nyquist frequency. */
  public static final double DEFAULT_CUTOFF = 0.8;

  private final int factor;
  private final Resampler resampler;

  /** Decimator with the default cut-off (0.8 of the new Nyquist) and 80 dB stop band. */
  public Decimator(int factor) {
    this(factor, DEFAULT_CUTOFF, ResamplerSpec.DEFAULT_STOPBAND_DB);
  }

  /**
   * Decimator with an explicit design.
   *
   * @param factor decimation factor M &gt;= 1 (1 copies the input)
   * @param cutoff -6 dB cut-off as a fraction of the output Nyquist frequency, in (0.5, 1)
   * @param stopbandDb stop-band attenuation in dB, in [40, 200]
   */
  public Decimator(int factor, double cutoff, double stopbandDb) {
    if (factor < 1) {
      throw new IllegalArgumentException("decimation factor must be >= 1, got factor=" + factor);
    }
    this.factor = factor;
    this.resampler = new Resampler(new ResamplerSpec(factor, 1, cutoff, stopbandDb));
  }

  /**
   * Decimates a whole signal with the default design.
   *
   * @param x input samples, length n
   * @param factor decimation factor M &gt;= 1
   * @return {@code ceil(n / M)} samples at the input rate divided by M
   */
  public static float[] decimate(float[] x, int factor) {
    Objects.requireNonNull(x, "x");
    Decimator d = new Decimator(factor);
    float[] a = d.process(x, 0, x.length);
    float[] b = d.finish();
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The decimation factor. */
  public int factor() {
    return factor;
  }

  /** See {@link Resampler#maxOutputLength(int)}. */
  public int maxOutputLength(int inputLength) {
    return resampler.maxOutputLength(inputLength);
  }

  /** See {@link Resampler#maxFinishLength()}. */
  public int maxFinishLength() {
    return resampler.maxFinishLength();
  }

  /**
   * Feeds a block and writes the completed outputs; see {@link Resampler#process(float[], int, int,
   * float[], int)}.
   */
  public int process(float[] in, int off, int len, float[] out, int outOff) {
    return resampler.process(in, off, len, out, outOff);
  }

  /** Feeds a block and returns the completed outputs (a new array). */
  public float[] process(float[] in, int off, int len) {
    return resampler.process(in, off, len);
  }

  /** Ends the stream; see {@link Resampler#finish(float[], int)}. */
  public int finish(float[] out, int outOff) {
    return resampler.finish(out, outOff);
  }

  /** Ends the stream and returns the remaining outputs (a new array). */
  public float[] finish() {
    return resampler.finish();
  }

  /** Starts a new stream. */
  public void reset() {
    resampler.reset();
  }
}
