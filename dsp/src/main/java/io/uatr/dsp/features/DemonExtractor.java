package io.uatr.dsp.features;

import io.uatr.dsp.filter.Butterworth;
import io.uatr.dsp.filter.ButterworthSpec;
import io.uatr.dsp.filter.Decimator;
import io.uatr.dsp.filter.SosFilter;
import io.uatr.dsp.spectral.FrameSink;
import io.uatr.dsp.spectral.WindowType;
import io.uatr.dsp.spectral.Windows;
import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Streaming DEMON (envelope modulation) spectrogram.
 *
 * <p>Pipeline: causal Butterworth band-pass ({@code band_low}..{@code band_high}, order {@code
 * filter_order}, zero initial state); square-law or Hilbert-magnitude demodulation ({@link
 * DemonHilbert}); two streaming FIR decimation stages ({@link Decimator}, see {@link DemonLayout});
 * analysis windows of {@code window_seconds} every {@code hop_seconds} on the envelope: the
 * window's mean is subtracted, a periodic Hann window applied, the real FFT of the whole window
 * taken (no zero padding, so the bin width is {@code rate / window}, about 1 / window_seconds Hz),
 * and the single-sided amplitude {@code 2 |X[k]| / sum(w)} kept for the bins in [fmin, fmax]; then
 * the frame is normalised ({@link DemonNormalization}). Each frame (one long window) goes to the
 * sink as a [bins] array. The band-pass starts from rest and the decimators take the envelope as 0
 * before its start and after its end, so the first and last 0.1 s or so of the envelope ramp from
 * or to 0; the Hann taper makes the effect on the spectra negligible.
 *
 * <p>Memory is O(window + {@link DemonHilbert#BLOCK}), independent of the signal length; no
 * allocation per sample. Not thread-safe.
 */
public final class DemonExtractor implements FeatureExtractor {
  private static final int CHUNK = 4096;

  private final DemonConfig config;
  private final DemonLayout layout;
  private final FrameSink sink;
  private final SosFilter bandPass;
  private final DemonHilbert hilbert;
  private final Decimator stage1;
  private final Decimator stage2;
  private final float[] chunk = new float[CHUNK];
  private final float[] out1;
  private final float[] out2;
  private final float[] env;
  private final float[] hann;
  private final double ampScale;
  private final DoubleFFT_1D fft;
  private final double[] work;
  private final float[] amp;
  private final float[] background;
  private final float[] sortScratch;
  private final float[] out;
  private double[] tpswWork = new double[0];
  private int envFill;
  private long skip;
  private long emitted;
  private boolean finished;

  /**
   * Creates the extractor.
   *
   * @param config DEMON settings
   * @param sampleRate input sample rate in Hz
   * @param sink receives one [bins] frame per analysis window
   * @throws IllegalArgumentException if the config cannot be met at this sample rate (the message
   *     names the key)
   */
  public DemonExtractor(DemonConfig config, int sampleRate, FrameSink sink) {
    this.config = config;
    this.layout = config.layout(sampleRate);
    this.sink = sink;
    this.bandPass =
        new SosFilter(
            Butterworth.design(
                ButterworthSpec.bandPass(
                    config.filterOrder(), layout.bandLow(), layout.bandHigh(), sampleRate)));
    this.hilbert =
        config.demodulation() == DemonDemodulation.HILBERT
            ? new DemonHilbert(this::onEnvelope)
            : null;
    this.stage1 =
        new Decimator(layout.decimation1(), DemonLayout.STAGE1_CUTOFF, DemonLayout.STOPBAND_DB);
    this.stage2 =
        new Decimator(layout.decimation2(), DemonLayout.STAGE2_CUTOFF, DemonLayout.STOPBAND_DB);
    int maxIn = Math.max(CHUNK, DemonHilbert.BLOCK);
    this.out1 = new float[Math.max(stage1.maxOutputLength(maxIn), stage1.maxFinishLength())];
    this.out2 = new float[Math.max(stage2.maxOutputLength(out1.length), stage2.maxFinishLength())];
    int w = layout.windowLength();
    this.env = new float[w];
    this.hann = Windows.get(WindowType.HANN, w, true);
    double sum = 0;
    for (float v : hann) {
      sum += v;
    }
    this.ampScale = 2.0 / sum;
    this.fft = new DoubleFFT_1D(w);
    this.work = new double[w];
    this.amp = new float[w / 2 + 1];
    this.background = new float[w / 2 + 1];
    this.sortScratch = new float[layout.bins()];
    this.out = new float[layout.bins()];
  }

  /** The resolved sample-rate-dependent quantities. */
  public DemonLayout layout() {
    return layout;
  }

  @Override
  public int bins() {
    return layout.bins();
  }

  @Override
  public long frames(long samples) {
    return layout.frames(samples);
  }

  @Override
  public double[] rowValues() {
    return layout.frequencies();
  }

  @Override
  public String rowUnit() {
    return "Hz";
  }

  @Override
  public double frameSeconds() {
    return layout.frameSeconds();
  }

  @Override
  public void push(float[] x, int off, int len) {
    if (finished) {
      throw new IllegalStateException("push after finish");
    }
    int i = off;
    int end = off + len;
    while (i < end) {
      int n = Math.min(CHUNK, end - i);
      System.arraycopy(x, i, chunk, 0, n);
      bandPass.process(chunk, 0, n);
      if (hilbert != null) {
        hilbert.push(chunk, 0, n);
      } else {
        for (int k = 0; k < n; k++) {
          chunk[k] *= chunk[k];
        }
        onEnvelope(chunk, 0, n);
      }
      i += n;
    }
  }

  @Override
  public void finish() {
    if (finished) {
      return;
    }
    if (hilbert != null) {
      hilbert.finish();
    }
    int n1 = stage1.finish(out1, 0);
    frame(out2, stage2.process(out1, 0, n1, out2, 0));
    frame(out2, stage2.finish(out2, 0));
    finished = true;
  }

  /** Decimates envelope samples in two stages and feeds the framer. */
  private void onEnvelope(float[] buf, int off, int len) {
    int n1 = stage1.process(buf, off, len, out1, 0);
    frame(out2, stage2.process(out1, 0, n1, out2, 0));
  }

  private void frame(float[] e, int len) {
    int w = env.length;
    int hop = layout.hopLength();
    int i = 0;
    while (i < len) {
      if (skip > 0) {
        int s = (int) Math.min(skip, len - i);
        skip -= s;
        i += s;
        continue;
      }
      int n = Math.min(w - envFill, len - i);
      System.arraycopy(e, i, env, envFill, n);
      envFill += n;
      i += n;
      if (envFill == w) {
        emitFrame();
        if (hop < w) {
          System.arraycopy(env, hop, env, 0, w - hop);
          envFill = w - hop;
        } else {
          envFill = 0;
          skip = hop - w;
        }
      }
    }
  }

  private void emitFrame() {
    int w = env.length;
    double mean = 0;
    for (float v : env) {
      mean += v;
    }
    mean /= w;
    for (int k = 0; k < w; k++) {
      work[k] = (env[k] - mean) * hann[k];
    }
    fft.realForward(work);
    amp[0] = (float) (Math.abs(work[0]) * ampScale);
    amp[w / 2] = (float) (Math.abs(work[1]) * ampScale);
    for (int k = 1; k < w / 2; k++) {
      amp[k] = (float) (Math.hypot(work[2 * k], work[2 * k + 1]) * ampScale);
    }
    int first = layout.firstBin();
    int bins = out.length;
    switch (config.normalisation()) {
      case TPSW:
        tpswWork =
            Tpsw.background(
                amp,
                0,
                amp.length,
                config.tpswWindow(),
                config.tpswGap(),
                config.tpswAlpha(),
                background,
                tpswWork);
        for (int b = 0; b < bins; b++) {
          out[b] = (float) (amp[first + b] / Math.max(background[first + b], Double.MIN_NORMAL));
        }
        break;
      case MEDIAN:
        System.arraycopy(amp, first, sortScratch, 0, bins);
        Arrays.sort(sortScratch);
        double median =
            (bins & 1) == 1
                ? sortScratch[bins / 2]
                : 0.5 * ((double) sortScratch[bins / 2 - 1] + sortScratch[bins / 2]);
        scaleInto(first, 1.0 / Math.max(median, Double.MIN_NORMAL));
        break;
      case MAX:
        double max = 0;
        for (int b = 0; b < bins; b++) {
          max = Math.max(max, amp[first + b]);
        }
        scaleInto(first, 1.0 / Math.max(max, Double.MIN_NORMAL));
        break;
      default:
        scaleInto(first, 1.0);
    }
    sink.accept(out, emitted++);
  }

  private void scaleInto(int first, double scale) {
    for (int b = 0; b < out.length; b++) {
      out[b] = (float) (amp[first + b] * scale);
    }
  }
}
