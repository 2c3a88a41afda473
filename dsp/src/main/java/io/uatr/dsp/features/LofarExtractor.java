package io.uatr.dsp.features;

import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.StreamingStft;

/**
 * Streaming LOFARgram: centred STFT power (periodic Hann, reflect padding), averaged over {@code
 * n_average} consecutive frames (non-overlapping groups; an incomplete last group is dropped),
 * TPSW-normalised across frequency per frame (as if over the whole 0..sr/2 spectrum, so the kept
 * band's edges have full windows; only the kept bins plus 2 x tpsw_window bins on each side are
 * computed, which gives the same values because TPSW looks at most 2N bins away), limited to bins
 * [{@link LofarConfig#firstBin}, {@link LofarConfig#lastBin}], and put on a dB (or natural log)
 * scale. Each frame goes to the sink as a [bins] array of dB (or ln) values. Memory is O(n_fft).
 * Not thread-safe.
 */
public final class LofarExtractor implements FeatureExtractor {
  private static final double FLOOR = 1e-10;

  private final LofarConfig config;
  private final int sampleRate;
  private final FrameSink sink;
  private final StreamingStft stft;
  private final int firstBin;
  private final int bins;
  private final int sliceLo;
  private final int sliceHi;
  private final double[] sum;
  private final float[] mean;
  private final float[] background;
  private final float[] out;
  private double[] work = new double[0];
  private int inGroup;
  private long emitted;

  /**
   * Creates the extractor.
   *
   * @param config LOFAR settings
   * @param sampleRate input sample rate in Hz
   * @param sink receives [bins] frames of dB (or ln) values
   * @throws IllegalArgumentException if the sample rate is not positive or no bin lies in [fmin,
   *     min(fmax, sr/2)]
   */
  public LofarExtractor(LofarConfig config, int sampleRate, FrameSink sink) {
    if (sampleRate <= 0) {
      throw new IllegalArgumentException("sample rate must be > 0, was " + sampleRate);
    }
    this.config = config;
    this.sampleRate = sampleRate;
    this.sink = sink;
    this.firstBin = config.firstBin(sampleRate);
    int last = config.lastBin(sampleRate);
    if (last < firstBin) {
      throw new IllegalArgumentException(
          "no LOFAR bin between fmin="
              + config.fmin()
              + " Hz and fmax="
              + Math.min(config.fmax(), sampleRate / 2.0)
              + " Hz at sr="
              + sampleRate
              + " and n_fft="
              + config.nFft());
    }
    this.bins = last - firstBin + 1;
    int full = config.nFft() / 2 + 1;
    this.sliceLo = Math.max(0, firstBin - 2 * config.tpswWindow());
    this.sliceHi = Math.min(full, last + 1 + 2 * config.tpswWindow());
    int slice = sliceHi - sliceLo;
    this.sum = new double[slice];
    this.mean = new float[slice];
    this.background = new float[slice];
    this.out = new float[bins];
    this.stft =
        new StreamingStft(
            StftConfig.of(config.nFft(), config.hopLength()), SpectrumKind.POWER, this::onPower);
  }

  @Override
  public int bins() {
    return bins;
  }

  @Override
  public long frames(long samples) {
    return config.frames(samples);
  }

  @Override
  public double[] rowValues() {
    return Lofar.frequencies(sampleRate, config);
  }

  @Override
  public String rowUnit() {
    return "Hz";
  }

  @Override
  public double frameSeconds() {
    return (double) config.hopLength() * config.nAverage() / sampleRate;
  }

  @Override
  public void push(float[] x, int off, int len) {
    stft.push(x, off, len);
  }

  @Override
  public void finish() {
    stft.finish();
  }

  private void onPower(float[] power, long index) {
    for (int k = 0; k < sum.length; k++) {
      sum[k] += power[sliceLo + k];
    }
    if (++inGroup < config.nAverage()) {
      return;
    }
    double scale = 1.0 / inGroup;
    for (int k = 0; k < sum.length; k++) {
      mean[k] = (float) (sum[k] * scale);
      sum[k] = 0;
    }
    inGroup = 0;
    work =
        Tpsw.background(
            mean,
            0,
            mean.length,
            config.tpswWindow(),
            config.tpswGap(),
            config.tpswAlpha(),
            background,
            work);
    boolean db = config.db();
    for (int b = 0; b < bins; b++) {
      int k = firstBin - sliceLo + b;
      double r = mean[k] / Math.max(background[k], Double.MIN_NORMAL);
      double v = Math.max(r, FLOOR);
      out[b] = (float) (db ? 10 * Math.log10(v) : Math.log(v));
    }
    sink.accept(out, emitted++);
  }
}
