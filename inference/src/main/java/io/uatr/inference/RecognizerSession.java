package io.uatr.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.uatr.dsp.filter.Resampler;
import io.uatr.dsp.io.AudioStream;
import io.uatr.dsp.io.WavInfo;
import io.uatr.dsp.io.WavReader;
import io.uatr.models.spec.SizeHead;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread's use of a {@link Recognizer}: owns a DJL predictor, so it is NOT thread-safe; make
 * one per thread with {@link Recognizer#newSession()} and close it. Streams audio: memory is
 * bounded by a few segments, never by the recording's length.
 */
public final class RecognizerSession implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RecognizerSession.class);
  private static final int BLOCK = 1 << 15;

  private final Recognizer recognizer;
  private final Predictor<SegmentTranslator.In, SegmentTranslator.Out> plain;
  private final Predictor<SegmentTranslator.In, SegmentTranslator.Out> withGates;

  RecognizerSession(Recognizer recognizer) {
    this.recognizer = recognizer;
    this.plain = recognizer.model().newPredictor(new SegmentTranslator(recognizer.spec(), false));
    this.withGates =
        recognizer.model().newPredictor(new SegmentTranslator(recognizer.spec(), true));
  }

  /**
   * Predicts a WAV file.
   *
   * @param file the recording (any encoding, rate and channel count the dsp reader decodes)
   * @param options channel selection, gate weights, segments, batch size
   * @return the recording's prediction
   * @throws IOException when the file cannot be read or decoded, holds non-finite samples or is too
   *     short for one segment (the message names the file)
   */
  public RecordingPrediction predict(Path file, PredictOptions options) throws IOException {
    try (AudioStream in = WavReader.open(file, options.channel())) {
      return predict(file.toString(), in, options);
    } catch (IllegalArgumentException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /**
   * Predicts an open audio stream from its current position to its end.
   *
   * @param source name reported in the result
   * @param in the stream (not closed here)
   * @param options gate weights, segments, batch size (the channel was chosen when it was opened)
   * @return the prediction
   * @throws IOException on a read or decode error
   */
  public RecordingPrediction predict(String source, AudioStream in, PredictOptions options)
      throws IOException {
    WavInfo info = in.info();
    List<String> warnings = new ArrayList<>();
    if (info.truncated()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "file is truncated: the header claims more data than present; predicted from the"
                  + " %.3f s it holds",
              info.durationSeconds()));
      LOG.warn("{}: {}", source, warnings.get(0));
    }
    Run run = new Run(source, info.sampleRate(), options);
    float[] buf = new float[BLOCK];
    int n;
    while ((n = in.read(buf, 0, BLOCK)) > 0) {
      run.push(buf, n);
    }
    return run.finish(in.position() / (double) info.sampleRate(), warnings);
  }

  /**
   * Predicts samples held in memory.
   *
   * @param source name reported in the result
   * @param samples [n] mono samples in [-1, 1)
   * @param sampleRate their rate in Hz (resampled to the bundle's rate when different)
   * @param options gate weights, segments, batch size
   * @return the prediction
   * @throws IOException when the samples are not finite or too short for one segment
   */
  public RecordingPrediction predict(
      String source, float[] samples, int sampleRate, PredictOptions options) throws IOException {
    for (int i = 0; i < samples.length; i++) {
      if (!Float.isFinite(samples[i])) {
        throw new IOException(source + ": sample " + i + " is " + samples[i]);
      }
    }
    Run run = new Run(source, sampleRate, options);
    for (int off = 0; off < samples.length; off += BLOCK) {
      int n = Math.min(BLOCK, samples.length - off);
      float[] chunk = new float[n];
      System.arraycopy(samples, off, chunk, 0, n);
      run.push(chunk, n);
    }
    return run.finish(samples.length / (double) sampleRate, new ArrayList<>());
  }

  /** Closes the predictors. */
  @Override
  public void close() {
    plain.close();
    withGates.close();
  }

  /** One recording in flight: resampler, segmenter, pending batch and collected outputs. */
  private final class Run {
    private final String source;
    private final PredictOptions options;
    private final Resampler resampler;
    private final StreamingSegmenter segmenter;
    private final SegmentFeatures features;
    private final RouterFeatures router; // null without router input
    private final float[] routerBatch;
    private final int rate;
    private final int per;
    private final float[] batch;
    private final List<SegmentWindow> pending = new ArrayList<>();
    private final List<SegmentPrediction> done = new ArrayList<>();
    private float[] res;
    private IOException failure;

    Run(String source, int inputRate, PredictOptions options) {
      this.source = source;
      this.options = options;
      this.rate = recognizer.manifest().sampleRate();
      this.resampler = inputRate == rate ? null : new Resampler(inputRate, rate);
      this.features = recognizer.newFeatures();
      this.segmenter = new StreamingSegmenter(recognizer.manifest().segment(), rate, this::accept);
      this.per = features.bins() * features.frames();
      this.batch = new float[options.batchSize() * per];
      this.router = recognizer.newRouterFeatures();
      this.routerBatch =
          router == null ? null : new float[options.batchSize() * router.views() * router.bins()];
    }

    void push(float[] x, int n) throws IOException {
      if (resampler == null) {
        segmenter.push(x, 0, n);
      } else {
        if (res == null) {
          res = new float[resampler.maxOutputLength(BLOCK)];
        }
        int m = resampler.process(x, 0, n, res, 0);
        segmenter.push(res, 0, m);
      }
      rethrow();
    }

    private void accept(SegmentWindow w) {
      if (failure != null) {
        return;
      }
      pending.add(w);
      if (pending.size() == options.batchSize()) {
        try {
          flush();
        } catch (IOException e) {
          failure = e;
        }
      }
    }

    private void rethrow() throws IOException {
      if (failure != null) {
        throw failure;
      }
    }

    RecordingPrediction finish(double durationS, List<String> warnings) throws IOException {
      if (resampler != null) {
        float[] tail = resampler.finish();
        segmenter.push(tail, 0, tail.length);
      }
      segmenter.finish();
      rethrow();
      flush();
      if (done.isEmpty()) {
        throw new IOException(
            String.format(
                Locale.ROOT,
                "%s: no segment to predict: %.3f s of audio, segments are %.3f s (short"
                    + " recordings: %s)",
                source,
                durationS,
                recognizer.manifest().segment().lengthS(),
                recognizer.manifest().segment().shortRecordings().name().toLowerCase(Locale.ROOT)));
      }
      return recognizer.aggregate(source, durationS, done, options, warnings);
    }

    private void flush() throws IOException {
      if (pending.isEmpty()) {
        return;
      }
      int b = pending.size();
      for (int i = 0; i < b; i++) {
        float[] f = features.computeFlat(pending.get(i).samples());
        System.arraycopy(f, 0, batch, i * per, per);
      }
      float[] flat = b == options.batchSize() ? batch : java.util.Arrays.copyOf(batch, b * per);
      SegmentTranslator.In in;
      if (router == null) {
        in = new SegmentTranslator.In(flat, b, features.bins(), features.frames());
      } else {
        int rp = router.views() * router.bins();
        for (int i = 0; i < b; i++) {
          float[] r = router.computeFlat(pending.get(i).samples());
          System.arraycopy(r, 0, routerBatch, i * rp, rp);
        }
        float[] rf =
            b == options.batchSize() ? routerBatch : java.util.Arrays.copyOf(routerBatch, b * rp);
        in =
            new SegmentTranslator.In(
                flat, b, features.bins(), features.frames(), rf, router.views(), router.bins());
      }
      SegmentTranslator.Out out;
      try {
        out = (options.gateWeights() ? withGates : plain).predict(in);
      } catch (TranslateException e) {
        throw new IOException(source + ": model forward pass failed: " + e.getMessage(), e);
      }
      boolean levels = recognizer.spec().sizeHead() == SizeHead.LEVELS;
      for (int i = 0; i < b; i++) {
        SegmentWindow w = pending.get(i);
        SizeEstimate size = null;
        if (out.size() != null) {
          size =
              levels
                  ? Aggregation.levels(out.size()[i], recognizer.manifest().sizeLabels())
                  : new SizeEstimate(null, out.size()[i][0], new float[0]);
        }
        List<float[]> g = new ArrayList<>();
        for (float[][] t : out.gates()) {
          g.add(t[i]);
        }
        double start = w.startSample() / (double) rate;
        double end = (w.startSample() + w.validSamples()) / (double) rate;
        done.add(new SegmentPrediction(w.index(), start, end, out.probs()[i], size, g));
      }
      pending.clear();
    }
  }
}
