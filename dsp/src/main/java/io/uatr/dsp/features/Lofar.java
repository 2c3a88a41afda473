package io.uatr.dsp.features;

/** One-shot LOFARgram of a whole signal (pure static); see {@link LofarExtractor}. */
public final class Lofar {
  private Lofar() {}

  /**
   * Computes the LOFARgram of {@code x}.
   *
   * @param x [samples] signal
   * @param sampleRate sample rate in Hz
   * @param config settings
   * @return [bins][frames] TPSW-normalised power in dB (or ln); frames = {@link
   *     LofarConfig#frames(long)}, bins as {@link #frequencies(int, LofarConfig)}
   */
  public static float[][] compute(float[] x, int sampleRate, LofarConfig config) {
    float[][] m = new float[frequencies(sampleRate, config).length][(int) config.frames(x.length)];
    LofarExtractor ex =
        new LofarExtractor(config, sampleRate, (frame, t) -> copyColumn(m, frame, (int) t));
    ex.push(x, 0, x.length);
    ex.finish();
    return m;
  }

  /**
   * Centre frequency of each LOFAR row: {@code k * sr / n_fft} for k from {@link
   * LofarConfig#firstBin} to {@link LofarConfig#lastBin}.
   *
   * @param sampleRate sample rate in Hz
   * @param config settings
   * @return [bins] frequencies in Hz
   */
  public static double[] frequencies(int sampleRate, LofarConfig config) {
    int first = config.firstBin(sampleRate);
    int last = config.lastBin(sampleRate);
    double[] f = new double[Math.max(0, last - first + 1)];
    for (int b = 0; b < f.length; b++) {
      f[b] = (double) (first + b) * sampleRate / config.nFft();
    }
    return f;
  }

  static void copyColumn(float[][] m, float[] frame, int t) {
    for (int b = 0; b < frame.length; b++) {
      m[b][t] = frame[b];
    }
  }
}
