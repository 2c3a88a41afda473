package io.uatr.dsp.spectral;

/** One-shot short-time Fourier transform of a whole signal (pure static). */
public final class Stft {
  private Stft() {}

  /**
   * Computes the STFT of {@code x}.
   *
   * @param x [samples] signal
   * @param config transform settings
   * @param kind power, magnitude or complex
   * @return [frames][n_fft/2+1] power (signal units squared) or magnitude, or [frames][2*(n_fft/2
   *     +1)] interleaved re/im; frames = {@link StftConfig#frames(long)}
   */
  public static float[][] compute(float[] x, StftConfig config, SpectrumKind kind) {
    int frames = (int) config.frames(x.length);
    float[][] result = new float[frames][];
    StreamingStft stft =
        new StreamingStft(config, kind, (frame, index) -> result[(int) index] = frame.clone());
    stft.push(x, 0, x.length);
    stft.finish();
    return result;
  }

  /**
   * Power spectrogram |X|^2.
   *
   * @param x [samples] signal
   * @param config transform settings
   * @return [frames][n_fft/2+1] power, signal units squared
   */
  public static float[][] power(float[] x, StftConfig config) {
    return compute(x, config, SpectrumKind.POWER);
  }

  /**
   * Magnitude spectrogram |X|.
   *
   * @param x [samples] signal
   * @param config transform settings
   * @return [frames][n_fft/2+1] magnitude, signal units
   */
  public static float[][] magnitude(float[] x, StftConfig config) {
    return compute(x, config, SpectrumKind.MAGNITUDE);
  }
}
