package io.uatr.benchmarks;

import io.uatr.dsp.features.LogMelExtractor;
import io.uatr.dsp.features.MelConfig;
import io.uatr.dsp.filter.Resampler;
import io.uatr.dsp.spectral.SpectrumKind;
import io.uatr.dsp.spectral.StftConfig;
import io.uatr.dsp.spectral.StreamingStft;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.visnow.jlargearrays.ConcurrencyUtils;

/**
 * Front-end throughput on 10 s of 52 734 Hz noise per invocation (single thread). x realtime = 10 s
 * / (the reported ms per operation / 1000).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class FrontEndBenchmark {
  private static final int FS = 52_734;
  private static final int BLOCK = 8192;
  private float[] audio;

  /** Makes 10 s of white noise. */
  @Setup
  public void setup() {
    ConcurrencyUtils.setNumberOfThreads(1);
    audio = new float[10 * FS];
    Random r = new Random(1);
    for (int i = 0; i < audio.length; i++) {
      audio[i] = (float) (0.1 * r.nextGaussian());
    }
  }

  /** Log-mel: n_fft 2048, hop 512, 128 Slaney mels, dB. */
  @Benchmark
  public void logMel(Blackhole bh) {
    LogMelExtractor ex =
        new LogMelExtractor(
            MelConfig.of(StftConfig.of(2048, 512), 128), FS, (f, i) -> bh.consume(f));
    for (int i = 0; i < audio.length; i += BLOCK) {
      ex.push(audio, i, Math.min(BLOCK, audio.length - i));
    }
    ex.finish();
  }

  /** STFT power alone (window, real FFT, |X|^2), n_fft 2048, hop 512. */
  @Benchmark
  public void stftPower(Blackhole bh) {
    StreamingStft s =
        new StreamingStft(StftConfig.of(2048, 512), SpectrumKind.POWER, (f, i) -> bh.consume(f));
    for (int i = 0; i < audio.length; i += BLOCK) {
      s.push(audio, i, Math.min(BLOCK, audio.length - i));
    }
    s.finish();
  }

  /** Band-limited resampling 52 734 Hz to 16 000 Hz (10 s of input). */
  @Benchmark
  public void resample52734To16000(Blackhole bh) {
    resample(FS, 16_000, bh);
  }

  /**
   * Band-limited resampling 44 100 Hz to 16 000 Hz (10 s of input: the same noise, fewer samples).
   */
  @Benchmark
  public void resample44100To16000(Blackhole bh) {
    resample(44_100, 16_000, bh);
  }

  /**
   * Band-limited resampling 48 000 Hz to 16 000 Hz (10 s of input: the same noise, fewer samples).
   */
  @Benchmark
  public void resample48000To16000(Blackhole bh) {
    resample(48_000, 16_000, bh);
  }

  /**
   * Band-limited resampling 16 000 Hz to 52 734 Hz (10 s of input: the same noise, fewer samples).
   */
  @Benchmark
  public void resample16000To52734(Blackhole bh) {
    resample(16_000, FS, bh);
  }

  private void resample(int fsIn, int fsOut, Blackhole bh) {
    Resampler r = new Resampler(fsIn, fsOut);
    int n = 10 * fsIn;
    float[] out = new float[r.maxOutputLength(BLOCK)];
    for (int i = 0; i < n; i += BLOCK) {
      bh.consume(r.process(audio, i, Math.min(BLOCK, n - i), out, 0));
    }
    bh.consume(r.finish());
  }
}
