package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StreamingStft;
import java.util.OptionalDouble;

/**
 * Streaming log-mel spectrogram: each frame is {@code 10 log10(max(M |X|^power, amin))} over the
 * mel filterbank M, as librosa's {@code power_to_db(melspectrogram(...))} with {@code ref=1.0}.
 *
 * <p>Frames go to the sink as [n_mels] dB values. {@code top_db} is NOT applied here (it needs the
 * maximum of the whole matrix): {@link #topDbPostPass()} reports it and the caller clips the
 * finished matrix with {@link LogMel#applyTopDb(float[][], double)}. Not thread-safe.
 */
public final class LogMelExtractor implements FeatureExtractor {
  private final MelConfig config;
  private final double sampleRate;
  private final MelFilterbank bank;
  private final StreamingStft stft;
  private final float[] mel;
  private final float[] db;
  private final float amin;

  /**
   * Creates the extractor.
   *
   * @param config log-mel settings
   * @param sampleRate input sampling rate in Hz
   * @param sink receives [n_mels] dB frames, in order; the array is reused
   */
  public LogMelExtractor(MelConfig config, double sampleRate, FrameSink sink) {
    this(config, sampleRate, sink, true);
  }

  /**
   * Creates the extractor, optionally emitting linear mel energies instead of dB.
   *
   * @param config mel settings
   * @param sampleRate input sampling rate in Hz
   * @param sink receives [n_mels] frames, in order; the array is reused
   * @param decibels true for dB, false for linear mel energies ({@code melspectrogram})
   */
  LogMelExtractor(MelConfig config, double sampleRate, FrameSink sink, boolean decibels) {
    this.config = config;
    this.sampleRate = sampleRate;
    this.bank = config.filterbank(sampleRate);
    this.mel = new float[config.nMels()];
    this.db = new float[config.nMels()];
    this.amin = (float) config.amin();
    double p = config.power();
    SpectrumKind kind = p == 1.0 ? SpectrumKind.MAGNITUDE : SpectrumKind.POWER;
    double exponent = p / 2.0;
    boolean general = p != 1.0 && p != 2.0;
    this.stft =
        new StreamingStft(
            config.stft(),
            kind,
            (spec, index) -> {
              if (general) {
                for (int k = 0; k < spec.length; k++) {
                  spec[k] = (float) Math.pow(spec[k], exponent);
                }
              }
              bank.apply(spec, mel);
              if (decibels) {
                LogMel.powerToDb(mel, db, amin);
                sink.accept(db, index);
              } else {
                sink.accept(mel, index);
              }
            });
  }

  /** The filterbank in use. */
  public MelFilterbank filterbank() {
    return bank;
  }

  @Override
  public int bins() {
    return config.nMels();
  }

  @Override
  public long frames(long samples) {
    return config.stft().frames(samples);
  }

  /** Centre frequency of each mel band in Hz. */
  @Override
  public double[] rowValues() {
    return bank.centreFrequencies();
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
