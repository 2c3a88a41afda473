package io.uatr.dsp.features;

import io.uatr.dsp.spectral.BatchPowerSpectrum;
import io.uatr.dsp.spectral.SampleInput;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.StreamingFramer;
import io.uatr.dsp.spectral.Windows;

/**
 * Streams a signal into power spectra computed {@value #BATCH} frames at a time with {@link
 * BatchPowerSpectrum} (power-of-two n_fft only). Each full batch, and the last partial one at
 * {@link #finish()}, goes to the consumer as [n_fft/2+1][batch] power rows, frame-minor.
 *
 * <p>The padded signal is stored once, as a hop matrix ({@code columns[p * width + c]} = padded
 * sample {@code (firstFrame + c) * hop + p}), not frame by frame: with the usual overlap (hop =
 * n_fft/4) that is a quarter of the copying, and the batch is loaded from it with lane-contiguous
 * reads ({@link BatchPowerSpectrum#loadColumns}). A batch is transformed as soon as the padded
 * samples of its last frame have arrived; the columns its successor shares are then moved to the
 * front.
 */
final class BatchedPowerFrames implements SampleInput {
  /** Frames per batch. */
  static final int BATCH = 64;

  /** Receives a batch of power spectra. */
  interface Consumer {
    /**
     * Accepts one batch.
     *
     * @param rows [n_fft/2+1][batch] power rows; lanes {@code [0, lanes)} are valid, the others
     *     hold finite values of no meaning
     * @param firstIndex frame index of lane 0 (lanes are consecutive frames)
     * @param lanes number of valid lanes
     */
    void accept(float[][] rows, long firstIndex, int lanes);
  }

  private final StreamingFramer framer;
  private final BatchPowerSpectrum batch;
  private final float[] window;
  private final int nFft;
  private final int hop;
  private final float[] columns; // [hop][width], row-major
  private final int width;
  private final int shared; // columns a batch shares with the next one
  private final Consumer consumer;
  private long firstFrame; // frame index of lane 0 (= column 0)
  private long received; // padded samples stored so far

  /** True when {@code nFft} is a power of two that this path supports. */
  static boolean supports(int nFft) {
    return nFft >= 4 && Integer.bitCount(nFft) == 1;
  }

  BatchedPowerFrames(StftConfig config, Consumer consumer) {
    this.nFft = config.nFft();
    this.hop = config.hopLength();
    this.consumer = consumer;
    this.batch = new BatchPowerSpectrum(nFft, BATCH);
    this.window = Windows.padded(config.window(), config.winLength(), nFft);
    int span = (nFft + hop - 1) / hop; // columns one frame touches
    this.shared = span - 1;
    this.width = BATCH + span;
    this.columns = new float[hop * width];
    this.framer =
        StreamingFramer.padded(nFft, hop, config.center(), config.padMode(), this::acceptPadded);
  }

  private void acceptPadded(float[] buf, int off, int len) {
    while (len > 0) {
      int c = (int) (received / hop - firstFrame);
      int p = (int) (received % hop);
      int n = Math.min(len, hop - p);
      for (int k = 0, o = p * width + c; k < n; k++, o += width) {
        columns[o] = buf[off + k];
      }
      received += n;
      off += n;
      len -= n;
      if (received >= (firstFrame + BATCH - 1) * hop + nFft) {
        transform(BATCH);
      }
    }
  }

  private void transform(int lanes) {
    batch.loadColumns(columns, width, hop, window);
    batch.transform();
    long first = firstFrame;
    firstFrame += lanes;
    if (lanes == BATCH && shared > 0) {
      for (int o = 0; o < columns.length; o += width) {
        System.arraycopy(columns, o + BATCH, columns, o, shared);
      }
    }
    consumer.accept(batch.powerRows(), first, lanes);
  }

  @Override
  public void push(float[] x, int off, int len) {
    framer.push(x, off, len);
  }

  @Override
  public void finish() {
    framer.finish();
    int left = (int) (framer.frames(framer.samplesPushed()) - firstFrame);
    if (left > 0) {
      transform(left);
    }
  }
}
