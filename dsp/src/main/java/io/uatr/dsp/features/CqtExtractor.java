package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.PadMode;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.StreamingStft;
import io.uatr.dsp.spectral.WindowType;
import java.util.OptionalDouble;

/**
 * Streaming constant-Q transform (definition in {@link Cqt}): frames of the FFT length L of the
 * {@link CqtKernel}, centred on {@code t * hop} with zero padding, transformed once per frame and
 * multiplied by the sparse kernels. Frames go to the sink as [n_bins] magnitudes or dB. {@code
 * top_db} is left to a second pass (see {@link #topDbPostPass()}). Not thread-safe.
 */
public final class CqtExtractor implements FeatureExtractor {
  private final CqtConfig config;
  private final double sampleRate;
  private final CqtKernel kernel;
  private final StftConfig frameConfig;
  private final StreamingStft stft;

  /**
   * Creates the extractor.
   *
   * @param config CQT settings
   * @param sampleRate input sampling rate in Hz
   * @param sink receives [n_bins] frames, in order; the array is reused
   * @throws IllegalArgumentException if the top bin is not below Nyquist
   */
  public CqtExtractor(CqtConfig config, double sampleRate, FrameSink sink) {
    this.config = config;
    this.sampleRate = sampleRate;
    this.kernel = CqtKernel.create(sampleRate, config);
    int l = kernel.fftLength();
    this.frameConfig =
        new StftConfig(l, config.hopLength(), l, WindowType.RECTANGULAR, true, PadMode.CONSTANT);
    float[] out = new float[config.nBins()];
    float amin = (float) config.amin();
    boolean db = config.db();
    this.stft =
        new StreamingStft(
            frameConfig,
            SpectrumKind.COMPLEX,
            (spectrum, index) -> {
              kernel.magnitude(spectrum, out);
              if (db) {
                for (int k = 0; k < out.length; k++) {
                  out[k] = (float) (20.0 * Math.log10(Math.max(out[k], amin)));
                }
              }
              sink.accept(out, index);
            });
  }

  /** The spectral kernels in use. */
  public CqtKernel kernel() {
    return kernel;
  }

  @Override
  public int bins() {
    return config.nBins();
  }

  @Override
  public long frames(long samples) {
    return frameConfig.frames(samples);
  }

  /** Centre frequency of each bin in Hz. */
  @Override
  public double[] rowValues() {
    return config.frequencies();
  }

  @Override
  public String rowUnit() {
    return "Hz";
  }

  @Override
  public double frameSeconds() {
    return config.hopLength() / sampleRate;
  }

  @Override
  public void push(float[] x, int off, int len) {
    stft.push(x, off, len);
  }

  @Override
  public void finish() {
    stft.finish();
  }

  @Override
  public OptionalDouble topDbPostPass() {
    return config.topDb() == null ? OptionalDouble.empty() : OptionalDouble.of(config.topDb());
  }
}
