package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;

/**
 * Streaming MFCCs: the orthonormal DCT-II of each log-mel frame, first {@code n_mfcc} kept. Frames
 * go to the sink as [n_mfcc] arrays. Because the DCT mixes bands, librosa's {@code top_db} clip
 * (global maximum) cannot be applied afterwards, so this extractor requires {@code top_db = null};
 * use {@link Mfcc#compute} for a clipped one-shot result. Not thread-safe.
 */
public final class MfccExtractor implements FeatureExtractor {
  private final MfccConfig config;
  private final LogMelExtractor logMel;

  /**
   * Creates the extractor.
   *
   * @param config MFCC settings; {@code mel.topDb()} must be null
   * @param sampleRate input sampling rate in Hz
   * @param sink receives [n_mfcc] frames, in order; the array is reused
   * @throws IllegalArgumentException if top_db is set
   */
  public MfccExtractor(MfccConfig config, double sampleRate, FrameSink sink) {
    if (config.mel().topDb() != null) {
      throw new IllegalArgumentException(
          "top_db="
              + config.mel().topDb()
              + " needs the maximum of the whole log-mel, which a streaming MFCC cannot know:"
              + " set top_db to null, or use Mfcc.compute on the whole signal");
    }
    this.config = config;
    float[][] basis = Mfcc.dctMatrix(config.nMfcc(), config.mel().nMels());
    float[] out = new float[config.nMfcc()];
    this.logMel =
        new LogMelExtractor(
            config.mel(),
            sampleRate,
            (frame, index) -> {
              Mfcc.apply(basis, frame, out);
              sink.accept(out, index);
            });
  }

  @Override
  public int bins() {
    return config.nMfcc();
  }

  @Override
  public long frames(long samples) {
    return logMel.frames(samples);
  }

  /** Coefficient indices 0 to n_mfcc - 1. */
  @Override
  public double[] rowValues() {
    double[] v = new double[config.nMfcc()];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    return v;
  }

  @Override
  public String rowUnit() {
    return "coefficient";
  }

  @Override
  public double frameSeconds() {
    return logMel.frameSeconds();
  }

  @Override
  public void push(float[] x, int off, int len) {
    logMel.push(x, off, len);
  }

  @Override
  public void finish() {
    logMel.finish();
  }
}
