package io.uatr.dsp.features;

import io.uatr.dsp.spectral.StftConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * Throughput measurement of the feature pipeline, for {@code uatr bench features}. Not a unit test:
 * it takes seconds and its result depends on the machine and its load.
 */
public final class FeatureBench {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureBench.class);

  /** ShipsEar's sampling rate in Hz, used for the synthetic signal. */
  public static final int SAMPLE_RATE = 52_734;

  /** Timed runs after warm-up; the median is reported. */
  static final int MEASUREMENTS = 5;

  /** Minimum warm-up wall time in seconds. */
  static final double WARM_UP_SECONDS = 4;

  private FeatureBench() {}

  /**
   * Measures the log-mel pipeline (n_fft 2048, hop 512, 128 Slaney mels, dB) on synthetic white
   * noise at 52 734 Hz: each of {@code threads} threads streams its own copy of {@code
   * audioSeconds} of audio through its own {@link LogMelExtractor} in blocks of 8192 samples, after
   * warm-up passes of up to 60 s each for at least {@value #WARM_UP_SECONDS} s of wall time; the
   * result is the median of {@value #MEASUREMENTS} timed runs. JTransforms' internal threading is
   * set to 1 during the run (and restored).
   *
   * @param audioSeconds audio per thread in seconds (for example 600)
   * @param threads number of independent streams run in parallel, at least 1
   * @return x realtime: total audio seconds processed divided by wall-clock seconds
   */
  public static double logMelRealtimeFactor(double audioSeconds, int threads) {
    if (!(audioSeconds > 0) || threads < 1) {
      throw new IllegalArgumentException(
          "need audioSeconds > 0 and threads >= 1, were " + audioSeconds + ", " + threads);
    }
    int n = (int) Math.min(Integer.MAX_VALUE - 16, Math.round(audioSeconds * SAMPLE_RATE));
    float[] x = new float[n];
    Random r = new Random(42);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (0.1 * r.nextGaussian());
    }
    MelConfig config = MelConfig.of(StftConfig.of(2048, 512), 128);
    int previous = ConcurrencyUtils.getNumberOfThreads();
    ConcurrencyUtils.setNumberOfThreads(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      // warm-up until the JIT has compiled the kernels (the Vector API is slow until then): at
      // least three passes and WARM_UP_SECONDS of wall time
      int warm = Math.min(n, 60 * SAMPLE_RATE);
      long warmStart = System.nanoTime();
      for (int i = 0; i < 3 || System.nanoTime() - warmStart < WARM_UP_SECONDS * 1e9; i++) {
        run(pool, threads, config, x, warm);
      }
      double[] factors = new double[MEASUREMENTS];
      for (int i = 0; i < MEASUREMENTS; i++) {
        long t0 = System.nanoTime();
        double checksum = run(pool, threads, config, x, n);
        double seconds = (System.nanoTime() - t0) / 1e9;
        factors[i] = threads * (n / (double) SAMPLE_RATE) / seconds;
        LOG.info(
            "log-mel: {} thread(s) x {} s of audio in {} s wall: {}x realtime (checksum {})",
            threads,
            n / (double) SAMPLE_RATE,
            String.format(java.util.Locale.ROOT, "%.3f", seconds),
            String.format(java.util.Locale.ROOT, "%.0f", factors[i]),
            checksum);
      }
      java.util.Arrays.sort(factors);
      return factors[MEASUREMENTS / 2];
    } finally {
      pool.shutdownNow();
      ConcurrencyUtils.setNumberOfThreads(previous);
    }
  }

  private static double run(
      ExecutorService pool, int threads, MelConfig config, float[] x, int samples) {
    List<Future<Double>> jobs = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Callable<Double> job = () -> stream(config, x, samples);
      jobs.add(pool.submit(job));
    }
    double sum = 0;
    try {
      for (Future<Double> f : jobs) {
        sum += f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("benchmark interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("benchmark failed", e.getCause());
    }
    return sum;
  }

  private static double stream(MelConfig config, float[] x, int samples) {
    double[] sum = new double[1];
    LogMelExtractor e = new LogMelExtractor(config, SAMPLE_RATE, (f, i) -> sum[0] += f[7]);
    for (int i = 0; i < samples; i += 8192) {
      e.push(x, i, Math.min(8192, samples - i));
    }
    e.finish();
    return sum[0];
  }
}
