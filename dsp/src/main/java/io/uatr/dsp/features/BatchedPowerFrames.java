package io.uatr.dsp.features;

import io.uatr.dsp.spectral.BatchPowerSpectrum;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.StreamingFramer;
import io.uatr.dsp.spectral.Windows;

/**
 * Streams a signal into power spectra computed {@value #BATCH} frames at a time with {@link
 * BatchPowerSpectrum} (power-of-two n_fft only). Each full batch, and the last partial one at
 * {@link #finish()}, goes to the consumer as [n_fft/2+1][batch] power rows, frame-minor.
 */
final class BatchedPowerFrames {
  /** Frames per batch. */
  static final int BATCH = 64;

  /** Receives a batch of power spectra. */
  interface Consumer {
    /**
     * Accepts one batch.
     *
     * @param rows [n_fft/2+1][batch] power rows; lanes {@code [0, lanes)} are valid
     * @param firstIndex frame index of lane 0 (lanes are consecutive frames)
     * @param lanes number of valid lanes
     */
    void accept(float[][] rows, long firstIndex, int lanes);
  }

  private final StreamingFramer framer;
  private final BatchPowerSpectrum batch;
  private final float[] window;
  private final float[] staging;
  private final int stride;
  private final int nFft;
  private final Consumer consumer;
  private long firstIndex;
  private int lanes;

  /** True when {@code nFft} is a power of two that this path supports. */
  static boolean supports(int nFft) {
    return nFft >= 4 && Integer.bitCount(nFft) == 1;
  }

  BatchedPowerFrames(StftConfig config, Consumer consumer) {
    this.nFft = config.nFft();
    this.consumer = consumer;
    this.batch = new BatchPowerSpectrum(nFft, BATCH);
    this.window = Windows.padded(config.window(), config.winLength(), nFft);
    this.stride = nFft + 16; // not a power of two: avoids L1 cache-set conflicts in the load
    this.staging = new float[BATCH * stride];
    this.framer =
        new StreamingFramer(
            nFft, config.hopLength(), config.center(), config.padMode(), this::acceptFrame);
  }

  private void acceptFrame(float[] buf, int offset, long index) {
    if (lanes == 0) {
      firstIndex = index;
    }
    System.arraycopy(buf, offset, staging, lanes * stride, nFft);
    if (++lanes == BATCH) {
      flush();
    }
  }

  private void flush() {
    if (lanes == 0) {
      return;
    }
    batch.loadFrames(staging, lanes, stride, window);
    batch.transform();
    int n = lanes;
    lanes = 0;
    consumer.accept(batch.powerRows(), firstIndex, n);
  }

  void push(float[] x, int off, int len) {
    framer.push(x, off, len);
  }

  void finish() {
    framer.finish();
    flush();
  }
}
