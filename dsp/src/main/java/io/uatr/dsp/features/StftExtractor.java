package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.SampleInput;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StreamingStft;
import java.util.OptionalDouble;

/**
 * Streaming linear-frequency spectrogram: power |X|^2, magnitude |X|, or {@code 10 log10(max(|X|^2,
 * amin))} per frame, [n_fft/2+1] values per frame. A power-of-two n_fft is transformed 64 frames at
 * a time ({@link io.uatr.dsp.spectral.BatchPowerSpectrum}, frames reach the sink in bursts), any
 * other through {@link StreamingStft}. {@code top_db} is left to a second pass (see {@link
 * #topDbPostPass()}). Not thread-safe.
 */
public final class StftExtractor implements FeatureExtractor {
  private final SpectrogramConfig config;
  private final double sampleRate;
  private final SampleInput input; // batched for a power-of-two n_fft, else frame by frame

  /**
   * Creates the extractor.
   *
   * @param config spectrogram settings
   * @param sampleRate input sampling rate in Hz
   * @param sink receives [n_fft/2+1] frames, in order; the array is reused
   */
  public StftExtractor(SpectrogramConfig config, double sampleRate, FrameSink sink) {
    this.config = config;
    this.sampleRate = sampleRate;
    if (BatchedPowerFrames.supports(config.stft().nFft())) {
      float[] frame = new float[config.stft().bins()];
      SpectrogramScale scale = config.scale();
      float amin = (float) config.amin();
      this.input =
          new BatchedPowerFrames(
              config.stft(),
              (rows, first, lanes) -> {
                for (int l = 0; l < lanes; l++) {
                  for (int k = 0; k < frame.length; k++) {
                    frame[k] = rows[k][l];
                  }
                  if (scale == SpectrogramScale.MAGNITUDE) {
                    for (int k = 0; k < frame.length; k++) {
                      frame[k] = (float) Math.sqrt(frame[k]);
                    }
                  } else if (scale == SpectrogramScale.DB) {
                    LogMel.powerToDb(frame, frame, amin);
                  }
                  sink.accept(frame, first + l);
                }
              });
      return;
    }
    SpectrumKind kind =
        config.scale() == SpectrogramScale.MAGNITUDE ? SpectrumKind.MAGNITUDE : SpectrumKind.POWER;
    FrameSink inner = sink;
    if (config.scale() == SpectrogramScale.DB) {
      float amin = (float) config.amin();
      inner =
          (frame, index) -> {
            LogMel.powerToDb(frame, frame, amin);
            sink.accept(frame, index);
          };
    }
    this.input = new StreamingStft(config.stft(), kind, inner);
  }

  /**
   * One-shot spectrogram of a whole signal, top_db included.
   *
   * @param x [samples] mono signal
   * @param sampleRate sampling rate in Hz
   * @param config settings
   * @return [n_fft/2+1][frames] power, magnitude or dB
   */
  public static float[][] compute(float[] x, double sampleRate, SpectrogramConfig config) {
    float[][] out = new float[config.stft().bins()][(int) config.stft().frames(x.length)];
    StftExtractor e = new StftExtractor(config, sampleRate, LogMel.columnSink(out));
    e.push(x, 0, x.length);
    e.finish();
    if (config.topDb() != null) {
      LogMel.applyTopDb(out, config.topDb());
    }
    return out;
  }

  @Override
  public int bins() {
    return config.stft().bins();
  }

  @Override
  public long frames(long samples) {
    return config.stft().frames(samples);
  }

  /** Bin frequencies {@code k sr / n_fft} in Hz. */
  @Override
  public double[] rowValues() {
    double[] f = new double[bins()];
    for (int k = 0; k < f.length; k++) {
      f[k] = k * sampleRate / config.stft().nFft();
    }
    return f;
  }

  @Override
  public String rowUnit() {
    return "Hz";
  }

  @Override
  public double frameSeconds() {
    return config.stft().hopLength() / sampleRate;
  }

  @Override
  public void push(float[] x, int off, int len) {
    input.push(x, off, len);
  }

  @Override
  public void finish() {
    input.finish();
  }

  @Override
  public OptionalDouble topDbPostPass() {
    return config.topDb() == null ? OptionalDouble.empty() : OptionalDouble.of(config.topDb());
  }
}
