package io.uatr.dsp.spectral;

import org.jtransforms.fft.FloatFFT_1D;

/**
 * A streaming short-time Fourier transform: push samples in blocks of any size, frames come out as
 * soon as they are complete. Memory is O(n_fft + block), independent of the signal length, and the
 * frames equal those of the one-shot {@link Stft} for any block sizes.
 *
 * <p>Centred frames pad {@code n_fft / 2} samples at each end (reflect or zeros); frame {@code t}
 * covers padded samples {@code [t * hop, t * hop + n_fft)} (see {@link StreamingFramer}). Not
 * thread-safe.
 */
public final class StreamingStft implements SampleInput {
  private final StreamingFramer framer;

  /**
   * Creates a streaming STFT.
   *
   * @param config transform settings
   * @param kind what each frame holds (power, magnitude, or complex)
   * @param sink receives frames: [n_fft/2+1] values for power or magnitude, [2*(n_fft/2+1)] for
   *     complex
   */
  public StreamingStft(StftConfig config, SpectrumKind kind, FrameSink sink) {
    int nFft = config.nFft();
    float[] window = Windows.padded(config.window(), config.winLength(), nFft);
    FloatFFT_1D fft = new FloatFFT_1D(nFft);
    float[] work = new float[nFft];
    float[] out = new float[kind == SpectrumKind.COMPLEX ? 2 * config.bins() : config.bins()];
    this.framer =
        new StreamingFramer(
            nFft,
            config.hopLength(),
            config.center(),
            config.padMode(),
            (buf, s, index) -> {
              for (int k = 0; k < nFft; k++) {
                work[k] = buf[s + k] * window[k];
              }
              fft.realForward(work);
              Spectra.unpack(work, kind, out);
              sink.accept(out, index);
            });
  }

  /** Number of frames emitted so far. */
  public long framesEmitted() {
    return framer.framesEmitted();
  }

  /**
   * Pushes {@code len} samples.
   *
   * @param x samples, signal units
   * @param off first sample in x
   * @param len number of samples
   */
  @Override
  public void push(float[] x, int off, int len) {
    framer.push(x, off, len);
  }

  /**
   * Ends the signal: pads the right end and emits the remaining frames.
   *
   * @throws IllegalArgumentException when reflect padding is asked of a signal not longer than
   *     n_fft / 2 samples
   */
  @Override
  public void finish() {
    framer.finish();
  }
}
