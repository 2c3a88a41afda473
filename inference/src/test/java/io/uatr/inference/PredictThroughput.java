package io.uatr.inference;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.datasets.SegmentConfig;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.io.SampleFormat;
import io.uatr.inference.batch.BatchPredictor;
import io.uatr.inference.batch.OutputFormat;
import io.uatr.inference.batch.PredictionRows;
import io.uatr.inference.batch.PredictionWriter;
import io.uatr.models.ModelFactory;
import io.uatr.models.spec.BackboneType;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Throughput benchmark (run by hand, not a test): batch prediction end to end (WAV decode,
 * resampling to 16 kHz, 30 s / 15 s segments, log-mel, per-segment normalisation, forward) against
 * the bare forward pass over the same number of segments with the same threads and batch size (the
 * bare pass reuses one pre-made random batch, so it times the network alone). After one untimed
 * pass of each (JIT and the background warm-up of the vector kernels), the two alternate three
 * times and the median ratio of the rounds is reported. Arguments: work dir, files, seconds per
 * file, threads, model, [input rate in Hz, default 52 734]. Models: {@code m3-resnet18} is the
 * published ShipsEar protocol (configs/experiments/shipsear-9class.yaml: M3 with 4 ResNet-18
 * last-stage experts, 9 classes, log-mel n_fft 2048, hop 512, 128 mels, top_db 80); {@code
 * small_cnn} and {@code resnet18} are the default M3 spec with that backbone on a lighter 64-mel,
 * n_fft 1024 log-mel (the synthetic demo's scale).
 */
final class PredictThroughput {

  private PredictThroughput() {}

  public static void main(String[] args) throws Exception {
    Path work = Files.createDirectories(Path.of(args[0]));
    int files = Integer.parseInt(args[1]);
    double seconds = Double.parseDouble(args[2]);
    int threads = Integer.parseInt(args[3]);
    String modelName = args[4].toLowerCase(Locale.ROOT);
    // as uatr predict does with --threads > 1: cores / threads intra-op threads per forward pass,
    // one inter-op thread (set before the engine starts; both paths below run with it)
    int cores = Runtime.getRuntime().availableProcessors();
    if (System.getProperty("ai.djl.pytorch.num_threads") == null && threads > 1) {
      System.setProperty(
          "ai.djl.pytorch.num_threads", String.valueOf(Math.max(1, cores / threads)));
      System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    }
    int batch = 4;
    int fsIn = args.length > 5 ? Integer.parseInt(args[5]) : 52734;
    int sr = 16000;
    SegmentConfig seg =
        new SegmentConfig(30, 15, SegmentConfig.Policy.DROP, 15, SegmentConfig.Policy.LOOP);
    FeatureSpec fs;
    ModelSpec spec;
    if (modelName.equals("m3-resnet18")) {
      fs = logMel(sr, 2048, 128);
      spec =
          ModelSpec.builder()
              .type(ModelType.M3)
              .backbone(BackboneType.RESNET18)
              .width(64)
              .experts(4)
              .expertPlacement(ExpertPlacement.LAST_STAGES)
              .expertStages(1)
              .gate(GateType.SOFTMAX)
              .gateInput(GateInput.STEM)
              .sizeHead(SizeHead.LEVELS)
              .classTowerHidden(128)
              .sizeTowerHidden(64)
              .numClasses(9)
              .build();
    } else {
      fs = logMel(sr, 1024, 64);
      spec =
          ModelSpec.builder()
              .backbone(BackboneType.valueOf(modelName.toUpperCase(Locale.ROOT)))
              .build();
    }
    String backbone = modelName;
    SegmentFeatures f = new SegmentFeatures(fs, sr, Normalization.perSegment(1e-6), 30 * sr);
    List<String> classes = new ArrayList<>();
    for (int i = 0; i < spec.numClasses(); i++) {
      classes.add("c" + i);
    }
    BundleManifest m =
        BundleManifest.of(
            spec.toMap(),
            classes,
            List.of("none", "small", "medium", "large"),
            fs.resolved(),
            sr,
            seg,
            Normalization.perSegment(1e-6),
            f.bins(),
            f.frames(),
            null);
    Path bundle = work.resolve("bundle");
    try (Model model = Model.newInstance("model")) {
      Block block = ModelFactory.build(spec);
      model.setBlock(block);
      block.initialize(
          model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, f.bins(), f.frames()));
      BundleWriter.write(bundle, model, m);
    }
    Path audio = Files.createDirectories(work.resolve("audio-" + fsIn));
    List<Path> inputs = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      Path p = audio.resolve(String.format("r%03d.wav", i));
      inputs.add(p); // exactly these files (the directory may hold more from a larger run)
      if (!Files.exists(p)) {
        TestAudio.wav(
            p, TestAudio.signal(seconds, fsIn, 90 + 13 * i, i), fsIn, SampleFormat.PCM_S16);
      }
    }
    int segsPerFile = (int) Math.floor((seconds - 30) / 15) + 1;
    int totalSegs = segsPerFile * files;
    try (Recognizer rec = Recognizer.load(bundle)) {
      PredictionRows rows = new PredictionRows(rec.classNames());
      // warm-up: one whole pass of each, so that the JIT and the background warm-up of the vector
      // kernels (started after some thousand calls) are done before anything is timed
      forward(rec, f, batch, threads, totalSegs);
      predictAll(rec, inputs, rows, work.resolve("warmup.csv"), batch, threads);
      // then alternate the two, ROUNDS times, and report the median ratio of the rounds
      int rounds = 3;
      double[] bare = new double[rounds];
      double[] e2e = new double[rounds];
      double[] bareCpu = new double[rounds];
      double[] e2eCpu = new double[rounds];
      BatchPredictor.Summary s = null;
      for (int r = 0; r < rounds; r++) {
        long c0 = cpu();
        bare[r] = forward(rec, f, batch, threads, totalSegs);
        long c1 = cpu();
        s = predictAll(rec, inputs, rows, work.resolve("out.csv"), batch, threads);
        long c2 = cpu();
        e2e[r] = s.elapsedSeconds();
        bareCpu[r] = (c1 - c0) / 1e9;
        e2eCpu[r] = (c2 - c1) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "round %d: bare %.2f s (CPU %.2f s), end to end %.2f s (CPU %.2f s): %.2fx%n",
            r + 1,
            bare[r],
            bareCpu[r],
            e2e[r],
            e2eCpu[r],
            e2e[r] / bare[r]);
      }
      double[] ratio = new double[rounds];
      double[] cpuRatio = new double[rounds];
      for (int r = 0; r < rounds; r++) {
        ratio[r] = e2e[r] / bare[r];
        cpuRatio[r] = e2eCpu[r] / bareCpu[r];
      }
      double feat = featuresOnly(rec, f, 8);
      double audioSeconds = files * seconds;
      System.out.printf(
          Locale.ROOT,
          "model %s, %d files x %.0f s at %d Hz -> %d segments [%d][%d], %d threads, batch %d%n"
              + "bare forward: median %.2f s (%.4f s/segment)%n"
              + "end to end:   median %.2f s, %.1f x realtime, %d failed%n"
              + "median ratio of the rounds: %.2fx the forward pass (process CPU %.2fx)%n"
              + "features alone (one thread): %.4f s/segment%n",
          backbone,
          files,
          seconds,
          fsIn,
          totalSegs,
          f.bins(),
          f.frames(),
          threads,
          batch,
          median(bare),
          median(bare) / totalSegs,
          median(e2e),
          audioSeconds / median(e2e),
          s.failed(),
          median(ratio),
          median(cpuRatio),
          feat);
    }
  }

  private static BatchPredictor.Summary predictAll(
      Recognizer rec, List<Path> inputs, PredictionRows rows, Path out, int batch, int threads)
      throws Exception {
    try (PredictionWriter w = PredictionWriter.open(out, OutputFormat.CSV, rows, false)) {
      return BatchPredictor.run(
          rec,
          inputs,
          w,
          rows,
          PredictOptions.defaults().withBatchSize(batch),
          false,
          threads,
          null);
    }
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    return c.length % 2 == 1 ? c[c.length / 2] : (c[c.length / 2 - 1] + c[c.length / 2]) / 2;
  }

  private static double forward(
      Recognizer rec, SegmentFeatures f, int batch, int threads, int segments) throws Exception {
    int per = f.bins() * f.frames();
    float[] input = new float[batch * per];
    Random r = new Random(1);
    for (int i = 0; i < input.length; i++) {
      input[i] = (float) r.nextGaussian();
    }
    List<Thread> pool = new ArrayList<>();
    long t0 = System.nanoTime();
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
                    p.predict(new SegmentTranslator.In(x, b, f.bins(), f.frames()));
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });
      th.start();
      pool.add(th);
    }
    for (Thread th : pool) {
      th.join();
    }
    return (System.nanoTime() - t0) / 1e9;
  }

  // the toolkit's own log-mel (fmin 10, fmax 8000, top_db 80): the bundle also works with uatr
  // predict
  private static FeatureSpec logMel(int sr, int nFft, int nMels) {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("type", "logmel");
    m.put("sr", sr);
    m.put("n_fft", nFft);
    m.put("hop_length", 512);
    m.put("n_mels", nMels);
    m.put("fmin", 10);
    m.put("fmax", 8000);
    m.put("top_db", 80);
    return io.uatr.dsp.features.FeatureSpecs.fromConfig(
        new io.uatr.dsp.config.ConfigReader(m, "features"));
  }

  private static long cpu() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static double featuresOnly(Recognizer rec, SegmentFeatures f, int n) {
    float[] x = TestAudio.signal(30, 16000, 120, 5);
    f.computeFlat(x);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      f.computeFlat(x);
    }
    return (System.nanoTime() - t0) / 1e9 / n;
  }
}
