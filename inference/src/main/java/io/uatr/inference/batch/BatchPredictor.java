package io.uatr.inference.batch;

import io.uatr.inference.PredictOptions;
import io.uatr.inference.Recognizer;
import io.uatr.inference.RecognizerSession;
import io.uatr.inference.RecordingPrediction;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.DoubleAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Predicts many recordings on a pool of threads (one {@link RecognizerSession} each) and writes
 * every input's rows as soon as it is done. An input that fails, even with an {@link Error}, gets
 * exactly one error row and the batch goes on; only a failure to write the output stops it.
 */
public final class BatchPredictor {
  private static final Logger LOG = LoggerFactory.getLogger(BatchPredictor.class);

  /**
   * What a batch did.
   *
   * @param total inputs given
   * @param skipped inputs already in the output (resume)
   * @param ok inputs predicted
   * @param failed inputs with an error row
   * @param audioSeconds seconds of audio predicted
   * @param segments segments predicted (over the inputs predicted)
   * @param elapsedSeconds wall time
   */
  public record Summary(
      int total,
      int skipped,
      int ok,
      int failed,
      double audioSeconds,
      int segments,
      double elapsedSeconds) {

    /** Returns audio seconds per wall second. */
    public double realtimeFactor() {
      return elapsedSeconds > 0 ? audioSeconds / elapsedSeconds : 0;
    }
  }

  /** Receives progress after each input. */
  @FunctionalInterface
  public interface Listener {
    /**
     * Called after an input's rows were written (from the worker threads).
     *
     * @param done inputs finished in this run
     * @param todo inputs to do in this run
     * @param audioSeconds audio seconds predicted so far
     */
    void fileDone(int done, int todo, double audioSeconds);
  }

  private BatchPredictor() {}

  /**
   * Predicts every input not already done and writes its rows.
   *
   * @param recognizer the loaded model
   * @param inputs recording paths in order
   * @param writer the output (its {@link PredictionWriter#alreadyDone()} are skipped)
   * @param rows the row layout
   * @param options channel, gate weights, batch size
   * @param segments whether to write segment rows
   * @param threads worker threads, &gt;= 1
   * @param listener progress (may be null)
   * @return the summary
   * @throws IOException when writing the output fails
   */
  public static Summary run(
      Recognizer recognizer,
      List<Path> inputs,
      PredictionWriter writer,
      PredictionRows rows,
      PredictOptions options,
      boolean segments,
      int threads,
      Listener listener)
      throws IOException {
    return run(recognizer, inputs, Map.of(), writer, rows, options, segments, threads, listener);
  }

  /**
   * Predicts every input not already done and writes its rows. Every input gets exactly one file
   * row: one that cannot be predicted, for whatever reason (an exception or an {@link Error} such
   * as {@link OutOfMemoryError} or {@link StackOverflowError} in its worker), gets an {@code error}
   * row with the reason and counts as failed, and the batch goes on.
   *
   * @param recognizer the loaded model
   * @param inputs recording paths in order
   * @param knownFailures inputs already known to fail, with the reason written to their error row
   *     instead of predicting them (for example {@link InputPaths.Scan#unreadable()})
   * @param writer the output (its {@link PredictionWriter#alreadyDone()} are skipped)
   * @param rows the row layout
   * @param options channel, gate weights, batch size
   * @param segments whether to write segment rows
   * @param threads worker threads, &gt;= 1
   * @param listener progress (may be null)
   * @return the summary
   * @throws IOException when writing the output fails (the only failure that stops the batch)
   */
  public static Summary run(
      Recognizer recognizer,
      List<Path> inputs,
      Map<Path, String> knownFailures,
      PredictionWriter writer,
      PredictionRows rows,
      PredictOptions options,
      boolean segments,
      int threads,
      Listener listener)
      throws IOException {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    long t0 = System.nanoTime();
    List<Path> todo = new ArrayList<>();
    for (Path p : inputs) {
      if (!writer.alreadyDone().contains(p.toString())) {
        todo.add(p);
      }
    }
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicIntegerArray written = new AtomicIntegerArray(todo.size());
    DoubleAdder audio = new DoubleAdder();
    AtomicInteger segmentCount = new AtomicInteger();
    AtomicReference<IOException> writeError = new AtomicReference<>();
    AtomicReference<Throwable> workerError = new AtomicReference<>();
    PredictOptions opts = options.withKeepSegments(segments);
    Runnable worker =
        () -> {
          try (RecognizerSession s = recognizer.newSession()) {
            int i;
            while (writeError.get() == null && (i = next.getAndIncrement()) < todo.size()) {
              Path p = todo.get(i);
              List<Map<String, Object>> out;
              String known = knownFailures.get(p);
              if (known != null) {
                failed.incrementAndGet();
                LOG.warn("{}", known);
                out = List.of(rows.error(p.toString(), known));
              } else {
                try {
                  RecordingPrediction pr = predictOne(s, p, opts);
                  out = rows.ok(p.toString(), pr, segments);
                  audio.add(pr.durationS());
                  segmentCount.addAndGet(pr.segmentCount());
                } catch (Exception e) {
                  failed.incrementAndGet();
                  LOG.warn("{}: {}", p, reason(e));
                  out = List.of(rows.error(p.toString(), reason(e)));
                } catch (Throwable e) { // an Error in one input must not lose the others
                  failed.incrementAndGet();
                  LOG.error("{}: {}", p, reason(e), e);
                  out = List.of(rows.error(p.toString(), reason(e)));
                }
              }
              try {
                writer.write(out);
              } catch (IOException e) {
                writeError.compareAndSet(null, e);
                return;
              }
              written.set(i, 1);
              int d = done.incrementAndGet();
              if (listener != null) {
                listener.fileDone(d, todo.size(), audio.sum());
              }
            }
          } catch (Throwable t) { // a worker that dies leaves its inputs to the others
            LOG.error("prediction worker {} failed: {}", Thread.currentThread().getName(), t, t);
            workerError.compareAndSet(null, t);
          }
        };
    if (threads == 1) {
      worker.run();
    } else {
      List<Thread> pool = new ArrayList<>();
      for (int t = 0; t < Math.min(threads, Math.max(1, todo.size())); t++) {
        Thread th = new Thread(worker, "uatr-predict-" + t);
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
    }
    if (writeError.get() != null) {
      throw writeError.get();
    }
    // inputs that a dying worker had claimed, or that no worker could take, still get their row
    for (int i = 0; i < todo.size(); i++) {
      if (written.get(i) == 0) {
        Throwable why = workerError.get();
        String r = "not predicted: the worker failed: " + (why == null ? "unknown" : reason(why));
        writer.write(List.of(rows.error(todo.get(i).toString(), r)));
        failed.incrementAndGet();
        int d = done.incrementAndGet();
        if (listener != null) {
          listener.fileDone(d, todo.size(), audio.sum());
        }
      }
    }
    int f = failed.get();
    return new Summary(
        inputs.size(),
        inputs.size() - todo.size(),
        done.get() - f,
        f,
        audio.sum(),
        segmentCount.get(),
        (System.nanoTime() - t0) / 1e9);
  }

  private static RecordingPrediction predictOne(RecognizerSession s, Path p, PredictOptions o)
      throws IOException {
    if (Files.isDirectory(p)) {
      throw new IOException(p + ": is a directory, not a WAV file");
    }
    if (!Files.exists(p)) {
      throw new IOException(p + ": file not found");
    }
    return s.predict(p, o);
  }

  /** A one-line reason for an error row; an {@link Error} is named by its class. */
  static String reason(Throwable e) {
    Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
    String m = t.getMessage();
    String kind = t.getClass().getSimpleName();
    if (m == null || m.isBlank()) {
      return kind;
    }
    return t instanceof Error ? kind + ": " + m : m;
  }
}
