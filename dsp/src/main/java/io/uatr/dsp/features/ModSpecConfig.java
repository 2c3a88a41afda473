package io.uatr.dsp.features;

/**
 * Band modulation spectrum ({@code modspec}) settings; see {@link ModSpecExtractor} for the
 * definition.
 *
 * @param mel mel band settings: {@code n_fft} (default 256), {@code hop_length} (32), {@code
 *     win_length}, {@code window}, {@code center}, {@code pad_mode}, {@code n_mels} (16), {@code
 *     fmin}, {@code fmax}, {@code htk}, {@code norm}; power is 2 and {@code top_db} is unused
 * @param modWindowSeconds Welch analysis window over the band envelopes in seconds ({@code
 *     mod_window_s}, default 4.0), rounded to whole frames
 * @param modFmin lowest modulation frequency kept in Hz ({@code mod_fmin}, default 0.5)
 * @param modFmax highest modulation frequency kept in Hz ({@code mod_fmax}, default 50); must be at
 *     most half the frame rate {@code sr / hop_length}
 * @param db output {@code 10 log10(max(v, amin))} instead of the linear value ({@code db}, default
 *     true)
 * @param amin floor before the logarithm ({@code amin}, default 1e-10)
 */
public record ModSpecConfig(
    MelConfig mel,
    double modWindowSeconds,
    double modFmin,
    double modFmax,
    boolean db,
    double amin) {

  /** Validates the sample-rate-independent fields and names the bad one by its key. */
  public ModSpecConfig {
    if (mel == null) {
      throw new IllegalArgumentException("mel settings must be set");
    }
    if (!(modWindowSeconds > 0) || Double.isInfinite(modWindowSeconds)) {
      throw new IllegalArgumentException("mod_window_s must be > 0, was " + modWindowSeconds);
    }
    if (!(modFmin >= 0) || Double.isInfinite(modFmin)) {
      throw new IllegalArgumentException("mod_fmin must be >= 0, was " + modFmin);
    }
    if (!(modFmax > modFmin) || Double.isInfinite(modFmax)) {
      throw new IllegalArgumentException(
          "mod_fmax must be > mod_fmin=" + modFmin + ", was " + modFmax);
    }
    if (!(amin > 0) || Double.isInfinite(amin)) {
      throw new IllegalArgumentException("amin must be > 0, was " + amin);
    }
  }

  /**
   * The defaults: n_fft 256, hop_length 32, 16 Slaney mels over 0 to sr/2, a 4 s Welch window,
   * 0.5-50 Hz, dB with amin 1e-10.
   */
  public static ModSpecConfig defaults() {
    return new ModSpecConfig(
        MelConfig.of(io.uatr.dsp.spectral.StftConfig.of(256, 32), 16), 4.0, 0.5, 50.0, true, 1e-10);
  }

  /**
   * The sample-rate-dependent layout.
   *
   * @param sampleRate input sample rate in Hz
   * @return frame rate, window and FFT lengths and the kept modulation bins
   * @throws IllegalArgumentException naming {@code mod_fmax} when {@code sr / hop_length < 2
   *     mod_fmax}, {@code mod_window_s} when the window is under 2 frames, {@code mod_fmin} when no
   *     modulation bin falls in [mod_fmin, mod_fmax]
   */
  public ModSpecLayout layout(double sampleRate) {
    return ModSpecLayout.of(this, sampleRate);
  }
}
