package io.uatr.dsp.spectral;

/** Receives spectral frames one at a time, in order. */
@FunctionalInterface
public interface FrameSink {
  /**
   * Accepts one frame. The array is reused by the producer: copy what must be kept.
   *
   * @param frame the frame's values (layout given by the producer)
   * @param index the frame index, from 0
   */
  void accept(float[] frame, long index);
}
