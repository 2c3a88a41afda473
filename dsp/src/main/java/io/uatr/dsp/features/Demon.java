package io.uatr.dsp.features;

/** One-shot DEMON analysis of a whole signal (pure static); see {@link DemonExtractor}. */
public final class Demon {
  private Demon() {}

  /**
   * DEMON spectrogram of {@code x}.
   *
   * @param x [samples] signal
   * @param sampleRate sample rate in Hz
   * @param config settings
   * @return [bins][frames] normalised envelope spectra; frames = {@link DemonLayout#frames(long)}
   *     (0 columns when the signal is shorter than one window)
   */
  public static float[][] compute(float[] x, int sampleRate, DemonConfig config) {
    DemonLayout layout = config.layout(sampleRate);
    float[][] m = new float[layout.bins()][(int) layout.frames(x.length)];
    DemonExtractor ex =
        new DemonExtractor(config, sampleRate, (frame, t) -> Lofar.copyColumn(m, frame, (int) t));
    ex.push(x, 0, x.length);
    ex.finish();
    return m;
  }

  /**
   * DEMON spectrum averaged over all frames of {@code x}.
   *
   * @param x [samples] signal
   * @param sampleRate sample rate in Hz
   * @param config settings
   * @return frequency axis [bins] in Hz and mean spectrum [bins]
   * @throws IllegalArgumentException if the signal is shorter than one analysis window
   */
  public static DemonSpectrum spectrum(float[] x, int sampleRate, DemonConfig config) {
    DemonLayout layout = config.layout(sampleRate);
    long frames = layout.frames(x.length);
    if (frames == 0) {
      throw new IllegalArgumentException(
          "signal of "
              + x.length
              + " samples ("
              + (double) x.length / sampleRate
              + " s) is shorter than window_seconds="
              + config.windowSeconds());
    }
    double[] sum = new double[layout.bins()];
    DemonExtractor ex =
        new DemonExtractor(
            config,
            sampleRate,
            (frame, t) -> {
              for (int b = 0; b < frame.length; b++) {
                sum[b] += frame[b];
              }
            });
    ex.push(x, 0, x.length);
    ex.finish();
    float[] mean = new float[sum.length];
    for (int b = 0; b < sum.length; b++) {
      mean[b] = (float) (sum[b] / frames);
    }
    return new DemonSpectrum(layout.frequencies(), mean, (int) frames, layout);
  }

  /**
   * Frequency of the largest value with {@code lo <= f <= hi} (the first one on ties).
   *
   * @param frequencies [bins] ascending frequencies in Hz
   * @param spectrum [bins] values
   * @param lo lower bound in Hz
   * @param hi upper bound in Hz
   * @return the peak's frequency in Hz
   * @throws IllegalArgumentException if no frequency lies in [lo, hi] or lengths differ
   */
  public static double peakFrequency(double[] frequencies, float[] spectrum, double lo, double hi) {
    if (frequencies.length != spectrum.length) {
      throw new IllegalArgumentException(
          "frequencies has " + frequencies.length + " bins, spectrum " + spectrum.length);
    }
    int best = -1;
    for (int b = 0; b < frequencies.length; b++) {
      if (frequencies[b] >= lo
          && frequencies[b] <= hi
          && (best < 0 || spectrum[b] > spectrum[best])) {
        best = b;
      }
    }
    if (best < 0) {
      throw new IllegalArgumentException("no bin between " + lo + " and " + hi + " Hz");
    }
    return frequencies[best];
  }
}
