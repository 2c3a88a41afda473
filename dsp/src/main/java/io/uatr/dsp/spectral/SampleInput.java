package io.uatr.dsp.spectral;

/** Something a signal is streamed into, block by block, then ended. */
public interface SampleInput {
  /**
   * Pushes {@code len} samples.
   *
   * @param x samples, signal units
   * @param off first sample in x
   * @param len number of samples
   */
  void push(float[] x, int off, int len);

  /** Ends the signal. */
  void finish();
}
