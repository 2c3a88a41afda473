package io.uatr.inference;

import ai.djl.inference.Predictor;
import io.uatr.inference.batch.BatchPredictor;
import io.uatr.inference.batch.OutputFormat;
import io.uatr.inference.batch.PredictionRows;
import io.uatr.inference.batch.PredictionWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Is feature extraction the bottleneck? Times batch prediction end to end (what {@code uatr
 * predict} does: decode, resample, segment, features, normalisation, forward pass, output rows)
 * against the model's bare forward pass over the same number of segments, with the same worker
 * threads and batch size. The bare pass feeds one pre-made batch of standard-normal features (what
 * per-segment normalised features look like) through the same translator, so it times the network
 * alone.
 *
 * <p>One untimed pass of each comes first (JIT compilation and the background warm-up of the vector
 * kernels, which starts after some thousand calls), then the two alternate for the given number of
 * rounds; on a shared machine compare the median ratio of the rounds, not single figures. The
 * end-to-end rows go to a temporary file that is deleted afterwards.
 */
public final class PredictBench {
  private static final Logger LOG = LoggerFactory.getLogger(PredictBench.class);

  private PredictBench() {}

  /**
   * One round.
   *
   * @param forwardS wall time of the bare forward pass, s
   * @param forwardCpuS process CPU time during it, s
   * @param endToEndS wall time of batch prediction, s
   * @param endToEndCpuS process CPU time during it, s
   */
  public record Round(double forwardS, double forwardCpuS, double endToEndS, double endToEndCpuS) {
    /** End-to-end wall time over the forward pass's. */
    public double ratio() {
      return endToEndS / forwardS;
    }
  }

  /**
   * What was measured.
   *
   * @param recordings inputs predicted
   * @param failed inputs that failed (they count in neither figure)
   * @param audioSeconds seconds of audio predicted per pass
   * @param segments segments predicted per pass
   * @param threads worker threads
   * @param batchSize segments per forward pass
   * @param rounds the timed rounds, in order
   */
  public record Result(
      int recordings,
      int failed,
      double audioSeconds,
      int segments,
      int threads,
      int batchSize,
      List<Round> rounds) {

    /** Median over the rounds of the end-to-end / forward ratio. */
    public double medianRatio() {
      return median(rounds.stream().mapToDouble(Round::ratio).toArray());
    }

    /** Median end-to-end wall time, s. */
    public double medianEndToEndS() {
      return median(rounds.stream().mapToDouble(Round::endToEndS).toArray());
    }

    /** Median bare forward wall time, s. */
    public double medianForwardS() {
      return median(rounds.stream().mapToDouble(Round::forwardS).toArray());
    }

    /** Audio seconds per wall second end to end (median round). */
    public double realtimeFactor() {
      return audioSeconds / medianEndToEndS();
    }
  }

  /** Receives each round as it is measured. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param index round number from 1
     * @param round its figures
     */
    void round(int index, Round round);
  }

  /**
   * Runs the benchmark.
   *
   * @param recognizer the model
   * @param inputs recordings (failed ones are counted in the result, logged once and left out of
   *     the timed passes)
   * @param options channel and batch size as for {@code uatr predict}
   * @param threads worker threads, &gt;= 1
   * @param rounds timed rounds, &gt;= 1
   * @param listener called after each round (may be null)
   * @param progress called after each input of every batch-prediction pass, the untimed one
   *     included, with the inputs done over all passes so far (may be null)
   * @return the figures
   * @throws IOException when the temporary output cannot be written, or no input could be predicted
   */
  public static Result run(
      Recognizer recognizer,
      List<Path> inputs,
      PredictOptions options,
      int threads,
      int rounds,
      Listener listener,
      BatchPredictor.Listener progress)
      throws IOException {
    if (threads < 1 || rounds < 1) {
      throw new IllegalArgumentException(
          "threads and rounds must be >= 1, were " + threads + " and " + rounds);
    }
    Path out = Files.createTempFile("uatr-bench-predict", ".csv");
    try {
      PredictionRows rows = new PredictionRows(recognizer.classNames());
      LOG.info("warm-up: one untimed pass of batch prediction and of the forward pass");
      int[] before = {0};
      BatchPredictor.Listener counting =
          progress == null
              ? null
              : (done, todo, audio) -> progress.fileDone(before[0] + done, todo, audio);
      BatchPredictor.Summary first =
          predict(recognizer, inputs, options, threads, rows, out, counting);
      before[0] = inputs.size();
      if (first.ok() == 0) {
        throw new IOException("none of the " + inputs.size() + " inputs could be predicted");
      }
      int segments = first.segments();
      // the timed passes predict only the inputs that worked (failures were logged once)
      List<Path> good = new ArrayList<>();
      java.util.Set<String> ok = new java.util.HashSet<>();
      for (Map<String, Object> row : PredictionWriter.read(out, OutputFormat.CSV, rows.names())) {
        if (PredictionRows.OK.equals(row.get("status"))) {
          ok.add((String) row.get("path"));
        }
      }
      for (Path p : inputs) {
        if (ok.contains(p.toString())) {
          good.add(p);
        }
      }
      forward(recognizer, segments, options.batchSize(), threads);
      List<Round> done = new ArrayList<>();
      for (int r = 0; r < rounds; r++) {
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        forward(recognizer, segments, options.batchSize(), threads);
        long t1 = System.nanoTime();
        long c1 = cpuNanos();
        BatchPredictor.Summary s = predict(recognizer, good, options, threads, rows, out, counting);
        before[0] += good.size();
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        if (s.segments() != segments) {
          throw new IOException(
              "inputs changed during the benchmark: "
                  + s.segments()
                  + " segments, was "
                  + segments);
        }
        Round round = new Round((t1 - t0) / 1e9, (c1 - c0) / 1e9, (t2 - t1) / 1e9, (c2 - c1) / 1e9);
        done.add(round);
        if (listener != null) {
          listener.round(r + 1, round);
        }
      }
      return new Result(
          first.total(),
          first.failed(),
          first.audioSeconds(),
          segments,
          threads,
          options.batchSize(),
          List.copyOf(done));
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static BatchPredictor.Summary predict(
      Recognizer rec,
      List<Path> inputs,
      PredictOptions options,
      int threads,
      PredictionRows rows,
      Path out,
      BatchPredictor.Listener progress)
      throws IOException {
    try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.CSV, rows, false)) {
      return BatchPredictor.run(rec, inputs, w, rows, options, false, threads, progress);
    }
  }

  /**
   * The bare forward pass: {@code segments} split evenly over {@code threads} threads, each with
   * its own predictor, in batches of {@code batch} (a shorter last batch per thread).
   */
  private static void forward(Recognizer rec, int segments, int batch, int threads)
      throws IOException {
    SegmentFeatures f = rec.newFeatures();
    int per = f.bins() * f.frames();
    float[] input = new float[batch * per];
    Random r = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) r.nextGaussian();
    }
    RouterFeatures rf = rec.newRouterFeatures();
    int rper = rf == null ? 0 : rf.views() * rf.bins();
    float[] router = rf == null ? null : new float[batch * rper];
    for (int i = 0; router != null && i < router.length; i++) {
      router[i] = (float) Math.abs(r.nextGaussian());
    }
    AtomicReference<Exception> error = new AtomicReference<>();
    List<Thread> pool = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int mine = segments / threads + (t < segments % threads ? 1 : 0);
      Thread th =
          new Thread(
              () -> {
                try (Predictor<SegmentTranslator.In, SegmentTranslator.Out> p =
                    rec.model().newPredictor(new SegmentTranslator(rec.spec(), false))) {
                  for (int done = 0; done < mine; done += batch) {
                    int b = Math.min(batch, mine - done);
                    float[] x = b == batch ? input : Arrays.copyOf(input, b * per);
                    if (rf == null) {
                      p.predict(new SegmentTranslator.In(x, b, f.bins(), f.frames()));
                    } else {
                      float[] y = b == batch ? router : Arrays.copyOf(router, b * rper);
                      p.predict(
                          new SegmentTranslator.In(
                              x, b, f.bins(), f.frames(), y, rf.views(), rf.bins()));
                    }
                  }
                } catch (Exception e) {
                  error.compareAndSet(null, e);
                }
              },
              "uatr-bench-forward-" + t);
      th.start();
      pool.add(th);
    }
    for (Thread th : pool) {
      try {
        th.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted", e);
      }
    }
    if (error.get() != null) {
      throw new IOException("forward pass failed: " + error.get().getMessage(), error.get());
    }
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
