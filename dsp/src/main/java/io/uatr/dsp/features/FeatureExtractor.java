package io.uatr.dsp.features;

import java.util.OptionalDouble;

/**
 * A streaming spectrogram feature: push mono samples in blocks of any size; each completed frame
 * (one column of the [bins][frames] feature matrix) goes to the {@link io.uatr.dsp.spectral
 * .FrameSink} given at construction as a [bins] array, in frame order. Memory does not grow with
 * the signal length. Not thread-safe; make one per stream.
 */
public interface FeatureExtractor {

  /** Number of rows of the feature matrix (mel bands, frequency bins, coefficients...). */
  int bins();

  /**
   * Number of frames produced for a signal of {@code samples} samples at the extractor's input
   * sample rate, so that a writer can size its output before streaming.
   *
   * @param samples signal length in samples
   * @return frame count
   */
  long frames(long samples);

  /**
   * Centre frequency or quefrency of each row, for plot axes.
   *
   * @return [bins] row positions in {@link #rowUnit()} units
   */
  double[] rowValues();

  /** Unit of {@link #rowValues()}, for example "Hz" or "coefficient". */
  String rowUnit();

  /**
   * Time between consecutive frames in seconds. For a feature whose columns are not time ({@code
   * modspec}: modulation frequency) this is the column spacing in that axis' unit; use {@link
   * #columnAxis()} for axes.
   */
  double frameSeconds();

  /**
   * The column axis for plots: by default time from 0 in steps of {@link #frameSeconds()}.
   *
   * @return label, position of column 0 and column spacing
   */
  default ColumnAxis columnAxis() {
    return ColumnAxis.time(frameSeconds());
  }

  /**
   * Pushes samples.
   *
   * @param x mono samples, signal units
   * @param off first sample
   * @param len number of samples
   */
  void push(float[] x, int off, int len);

  /** Ends the signal and emits the remaining frames. */
  void finish();

  /**
   * The {@code top_db} clipping this extractor could not apply while streaming. librosa clips to
   * {@code max - top_db} with the maximum over the WHOLE matrix, which is only known at the end, so
   * a streaming extractor emits unclipped dB frames and the caller must apply the clip in a second
   * pass over the complete output (for example with {@link LogMel#applyTopDb(float[][], double)}).
   *
   * @return the top_db still to apply in dB, or empty when the frames are final
   */
  default OptionalDouble topDbPostPass() {
    return OptionalDouble.empty();
  }
}
