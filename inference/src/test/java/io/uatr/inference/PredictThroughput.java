package io.uatr.inference;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.uatr.datasets.SegmentConfig;
import io.uatr.dsp.features.FeatureSpec;
import io.uatr.dsp.io.SampleFormat;
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
import java.util.List;
import java.util.Locale;

/**
 * Throughput benchmark (run by hand, not a test): makes an untrained bundle of a given architecture
 * and WAV files, then runs {@link PredictBench} (what {@code uatr bench predict} runs) on them:
 * batch prediction end to end (WAV decode, resampling to 16 kHz, 30 s / 15 s segments, log-mel,
 * per-segment normalisation, forward) against the bare forward pass over the same segments, three
 * alternating rounds after one untimed pass of each. Arguments: work dir, files, seconds per file,
 * threads, model, [input rate in Hz, default 52 734]. Models: {@code m3-resnet18} is the published
 * ShipsEar protocol (configs/experiments/shipsear-9class.yaml: M3 with 4 ResNet-18 last-stage
 * experts, 9 classes, log-mel n_fft 2048, hop 512, 128 mels, top_db 80); {@code small_cnn} and
 * {@code resnet18} are the default M3 spec with that backbone on a lighter 64-mel, n_fft 1024
 * log-mel (the synthetic demo's scale).
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
    try (Recognizer rec = Recognizer.load(bundle)) {
      PredictBench.Result r =
          PredictBench.run(
              rec,
              inputs,
              PredictOptions.defaults().withBatchSize(batch),
              threads,
              3,
              (i, round) ->
                  System.out.printf(
                      Locale.ROOT,
                      "round %d: bare %.2f s (CPU %.2f s), end to end %.2f s (CPU %.2f s): %.2fx%n",
                      i,
                      round.forwardS(),
                      round.forwardCpuS(),
                      round.endToEndS(),
                      round.endToEndCpuS(),
                      round.ratio()),
              null);
      double feat = featuresOnly(f, 8);
      System.out.printf(
          Locale.ROOT,
          "model %s, %d files x %.0f s at %d Hz -> %d segments [%d][%d], %d threads, batch %d%n"
              + "bare forward: median %.2f s (%.4f s/segment)%n"
              + "end to end:   median %.2f s, %.1f x realtime, %d failed%n"
              + "median ratio of the rounds: %.2fx the forward pass%n"
              + "features alone (one thread): %.4f s/segment%n",
          modelName,
          files,
          seconds,
          fsIn,
          r.segments(),
          f.bins(),
          f.frames(),
          threads,
          batch,
          r.medianForwardS(),
          r.medianForwardS() / r.segments(),
          r.medianEndToEndS(),
          r.realtimeFactor(),
          r.failed(),
          r.medianRatio(),
          feat);
    }
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

  private static double featuresOnly(SegmentFeatures f, int n) {
    float[] x = TestAudio.signal(30, 16000, 120, 5);
    f.computeFlat(x);
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      f.computeFlat(x);
    }
    return (System.nanoTime() - t0) / 1e9 / n;
  }
}
