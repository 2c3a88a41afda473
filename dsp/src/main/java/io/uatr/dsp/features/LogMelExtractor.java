package io.uatr.dsp.features;

import io.uatr.dsp.spectral.Decibels;
import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.SampleInput;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StreamingStft;
import java.util.OptionalDouble;

/**
 * Streaming log-mel spectrogram: each frame is {@code 10 log10(max(M |X|^power, amin))} over the
 * mel filterbank M, as librosa's {@code power_to_db(melspectrogram(...))} with {@code ref=1.0}.
 *
 * <p>Frames go to the sink as [n_mels] dB values, in order. For a power-of-two n_fft the frames are
 * transformed in batches of {@value #BATCH} ({@link BatchPowerSpectrum}), so the sink is called in
 * bursts; otherwise frame by frame through {@link StreamingStft}. {@code top_db} is NOT applied
 * here (it needs the maximum of the whole matrix): {@link #topDbPostPass()} reports it and the
 * caller clips the finished matrix with {@link LogMel#applyTopDb(float[][], double)}. Not
 * thread-safe.
 */
public final class LogMelExtractor implements FeatureExtractor {
  private final MelConfig config;
  private final double sampleRate;
  private final MelFilterbank bank;
  private final FrameSink sink;
  private final boolean decibels;
  private final float amin;
  private final float[] out;
  private final SampleInput input; // batched for a power-of-two n_fft, else frame by frame
  private final float[][] melRows;
  private final float[] mel;

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
    this.sink = sink;
    this.decibels = decibels;
    this.amin = (float) config.amin();
    this.out = new float[config.nMels()];
    double p = config.power();
    if (BatchedPowerFrames.supports(config.stft().nFft())) {
      this.melRows = new float[config.nMels()][BatchedPowerFrames.BATCH];
      this.input = new BatchedPowerFrames(config.stft(), this::acceptBatch);
      this.mel = null;
    } else {
      this.melRows = null;
      this.mel = new float[config.nMels()];
      SpectrumKind kind = p == 1.0 ? SpectrumKind.MAGNITUDE : SpectrumKind.POWER;
      this.input =
          new StreamingStft(
              config.stft(),
              kind,
              (spec, index) -> {
                if (p != 1.0 && p != 2.0) {
                  for (int k = 0; k < spec.length; k++) {
                    spec[k] = (float) Math.pow(spec[k], p / 2.0);
                  }
                }
                bank.apply(spec, mel);
                emit(mel, index);
              });
    }
  }

  private void acceptBatch(float[][] rows, long firstIndex, int lanes) {
    double p = config.power();
    if (p != 2.0) {
      for (float[] row : rows) {
        for (int l = 0; l < BatchedPowerFrames.BATCH; l++) {
          row[l] = (float) (p == 1.0 ? Math.sqrt(row[l]) : Math.pow(row[l], p / 2.0));
        }
      }
    }
    // full width even for a short last batch: the kernels then never see another lane count
    int width = BatchedPowerFrames.BATCH;
    bank.applyBatch(rows, melRows, width);
    if (decibels) {
      for (float[] row : melRows) {
        Decibels.powerToDb(row, width, amin);
      }
    }
    for (int l = 0; l < lanes; l++) {
      for (int m = 0; m < out.length; m++) {
        out[m] = melRows[m][l];
      }
      sink.accept(out, firstIndex + l);
    }
  }

  private void emit(float[] melFrame, long index) {
    if (decibels) {
      LogMel.powerToDb(melFrame, out, amin);
    } else if (melFrame != out) {
      System.arraycopy(melFrame, 0, out, 0, out.length);
    }
    sink.accept(out, index);
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
