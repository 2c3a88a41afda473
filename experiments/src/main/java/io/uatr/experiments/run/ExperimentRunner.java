package io.uatr.experiments.run;

import io.uatr.datasets.FeatureCache;
import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.DataBuilder;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.report.RoutingReport;
import io.uatr.experiments.report.RunReport;
import io.uatr.inference.BundleManifest;
import io.uatr.inference.BundleWriter;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.Checkpoints;
import io.uatr.training.Devices;
import io.uatr.training.EpochMetrics;
import io.uatr.training.FeatureSegment;
import io.uatr.training.MultiTaskTrainer;
import io.uatr.training.ProgressListener;
import io.uatr.training.Split;
import io.uatr.training.TrainingResult;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.GateDiagnostics;
import io.uatr.training.eval.Predictions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one configuration: prepares the data, trains one model per seed into a self-describing run
 * directory and writes the reports. With several seeds each run goes to {@code DIR/seed-N} and
 * {@code DIR/summary.md} / {@code summary.csv} give mean and standard deviation.
 *
 * <p>Run directory: {@code config.yaml} (resolved), {@code provenance.json}, {@code metrics.csv},
 * {@code gate_epochs.csv}, {@code checkpoints/}, {@code model/}, {@code predictions.csv}, {@code
 * recording_predictions.csv}, {@code evaluation.json}, {@code gates.csv}, {@code plots/*.png},
 * {@code report.md}, on the synthetic corpus with a gated model {@code routing_shaft.csv}, and,
 * written last, {@code result.json}. A gate that sends more than {@link
 * io.uatr.experiments.report.GateCollapse#THRESHOLD} of the evaluated segments to one expert is
 * logged as a WARN and named in the report. A run directory whose {@code result.json} has the same
 * configuration hash is not run again.
 */
public final class ExperimentRunner {
  private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

  /** File marking a finished run. */
  public static final String RESULT_FILE = "result.json";

  private final Function<String, ProgressListener> listeners;
  private final Map<String, PreparedData> dataCache = new LinkedHashMap<>();

  /**
   * Creates a runner.
   *
   * @param listeners makes a training progress listener for a run label (e.g. for a progress bar)
   */
  public ExperimentRunner(Function<String, ProgressListener> listeners) {
    this.listeners = listeners;
  }

  /** Creates a runner without progress display. */
  public ExperimentRunner() {
    this(label -> new ProgressListener() {});
  }

  /**
   * Prepares (or reuses, within this runner) the data of a configuration; with waveform
   * augmentation ({@code training.augment.wave_*}) the training segments keep their audio.
   *
   * @param s settings
   * @param src the resolved configuration (its dataset and features sections key the reuse)
   * @return the data
   * @throws IOException when reading fails
   */
  public PreparedData data(RunSettings s, ConfigSource src) throws IOException {
    boolean wave = s.training().augment().waveformEnabled();
    String key =
        String.valueOf(src.tree().get("dataset"))
            + "|"
            + s.features().resolved()
            + "|"
            + s.features().routerResolved()
            + "|"
            + wave;
    PreparedData d = dataCache.get(key);
    if (d == null) {
      d = DataBuilder.prepare(s.dataset(), s.features(), wave);
      dataCache.put(key, d);
    }
    return d;
  }

  /**
   * Runs every seed of a configuration.
   *
   * @param s settings
   * @param src the resolved configuration (written to each run directory)
   * @param dir output directory
   * @return one result per seed, in seed order
   * @throws IOException when a file cannot be read or written
   */
  public List<RunResult> run(RunSettings s, ConfigSource src, Path dir) throws IOException {
    PreparedData data = data(s, src);
    List<RunResult> out = new ArrayList<>();
    if (s.seeds().size() == 1) {
      out.add(runSeed(s, src, data, s.seeds().get(0), dir));
      return out;
    }
    for (long seed : s.seeds()) {
      out.add(runSeed(s, src, data, seed, dir.resolve("seed-" + seed)));
    }
    RunReport.writeSeedSummary(s.name(), out, data.synthetic(), dir);
    return out;
  }

  /** Hash of the resolved configuration tree plus the seed. */
  static String configHash(ConfigSource src, long seed) {
    Map<String, Object> t = new LinkedHashMap<>(src.tree());
    t.remove("output");
    return FeatureCache.sha256(t + "|seed=" + seed);
  }

  /**
   * Reads the result of a finished run directory with the given hash.
   *
   * @param dir run directory
   * @param hash expected configuration hash, or null to accept any
   * @return the result, or null when the run has not finished (or had another configuration)
   */
  public static RunResult finished(Path dir, String hash) throws IOException {
    Path f = dir.resolve(RESULT_FILE);
    if (!Files.isRegularFile(f)) {
      return null;
    }
    RunResult r = RunResult.fromMap(RunFiles.readJson(f));
    return hash == null || hash.equals(r.configHash()) ? r : null;
  }

  /**
   * Trains and evaluates one seed into {@code dir} (resuming a checkpoint found there).
   *
   * @param s settings
   * @param src resolved configuration
   * @param data prepared data
   * @param seed the seed
   * @param dir run directory
   * @return the result
   * @throws IOException when a file cannot be read or written
   */
  public RunResult runSeed(RunSettings s, ConfigSource src, PreparedData data, long seed, Path dir)
      throws IOException {
    String hash = configHash(src, seed);
    RunResult done = finished(dir, hash);
    if (done != null) {
      LOG.info("{} (seed {}) finished before; skipped ({})", s.name(), seed, dir);
      return done;
    }
    if (Files.isRegularFile(dir.resolve(RESULT_FILE))) {
      throw new IllegalStateException(
          dir + " holds a finished run of a different configuration; choose another output dir");
    }
    Files.createDirectories(dir);
    float[][] router = data.segments().get(0).router();
    ModelSpec spec =
        s.modelSpec(
            data.segments().numClasses(),
            data.sizeLevels().size(),
            router == null ? 0 : router.length,
            router == null ? 0 : router[0].length);
    if (spec.numTasks() == 2 && !data.hasSizes()) {
      throw new io.uatr.dsp.config.ConfigException(
          "model.type",
          spec.type().key()
              + " trains a size task but the data has no size level for every recording (set"
              + " dataset.size_levels and dataset.class_sizes, or use single_task/cmoe)");
    }
    RunFiles.writeYaml(dir.resolve("config.yaml"), src.tree());
    String device = Devices.resolve(s.training().device()).toString();
    Devices.applyThreads(s.training().threads());
    Map<String, Object> prov = Provenance.collect(seed, device, data.splitHash(), hash);
    prov.put("run", s.name());
    prov.put("synthetic", data.synthetic());
    if (s.training().resume() && Checkpoints.latest(dir).isPresent()) {
      ResumeCheck.check(dir, prov);
    }
    RunFiles.writeJson(dir.resolve("provenance.json"), prov);
    String label = s.name() + (s.seeds().size() > 1 ? " seed " + seed : "");
    long t0 = System.nanoTime();
    try (MultiTaskTrainer trainer = new MultiTaskTrainer(spec, s.training(), seed, dir)) {
      GateTracker tracker = new GateTracker(dir, spec, listeners.apply(label));
      trainer.setListener(tracker);
      tracker.attach(trainer);
      io.uatr.training.SegmentSet segs = data.segments();
      if (segs.indices(Split.VALIDATION).length == 0) {
        segs = segs.withValidation(s.training().validationFraction(), validationSeed(seed));
      }
      tracker.setData(segs);
      TrainingResult tr = trainer.fit(segs);
      double trainSeconds = (System.nanoTime() - t0) / 1e9;
      List<FeatureSegment> evalSegs =
          tr.data().part(s.evalSplit().equals("test") ? Split.TEST : Split.VALIDATION);
      if (evalSegs.isEmpty()) {
        throw new IllegalArgumentException(
            "evaluation.split " + s.evalSplit() + " has no segments");
      }
      Predictions p = trainer.predict(evalSegs);
      EvaluationResult ev = EvaluationResult.of(p, spec.numClasses(), spec.sizeHead());
      RoutingReport routing =
          RoutingReport.of(s.name() + " seed " + seed, s.evalSplit(), p, ev, data);
      routing.warningMessages().forEach(LOG::warn);
      Outputs.predictions(dir.resolve("predictions.csv"), p, evalSegs, data);
      Outputs.recordingPredictions(
          dir.resolve(Outputs.RECORDING_PREDICTIONS), p, data.segments().classNames());
      Outputs.evaluation(dir.resolve("evaluation.json"), ev, data, s.evalSplit());
      Outputs.gates(dir.resolve("gates.csv"), ev.gates(), data.segments().classNames());
      writeBundle(dir.resolve("model"), trainer.model(), spec, data, s, prov);
      double entropy =
          ev.gates().isEmpty() ? Double.NaN : ev.gates().get(0).meanNormalisedEntropy();
      List<EpochMetrics> history = tr.history();
      RunResult r =
          new RunResult(
              s.name(),
              spec.type().key(),
              seed,
              dir.toString(),
              hash,
              ev.segmentAccuracy(),
              ev.recordingAccuracy(),
              ev.macroF1(),
              ev.sizeAccuracy(),
              entropy,
              history.size(),
              tr.bestEpoch(),
              trainSeconds,
              data.synthetic(),
              ParamCount.trainable(trainer.model().getBlock()));
      RunReport.write(dir, s, spec, data, tr, ev, tracker.rows(), r, prov, routing);
      if (trainer.block() instanceof io.uatr.models.MultiTaskNet net) {
        DemonCheck.Result physics =
            DemonCheck.run(net, trainer.model().getNDManager(), evalSegs, data);
        if (physics != null) {
          physics.segments().write(dir, physics.views());
          RunFiles.appendText(
              dir.resolve("report.md"), physics.segments().section(physics.views()));
          LOG.info("{} seed {}: per segment: {}", s.name(), seed, physics.segments().summary());
          LOG.info("{} seed {}: per view: {}", s.name(), seed, physics.views().summary());
        }
      }
      RunFiles.writeJson(dir.resolve(RESULT_FILE), r.toMap());
      LOG.info(
          "{} seed {}: test accuracy {} (recording {}), macro-F1 {}",
          s.name(),
          seed,
          RunFiles.num(ev.segmentAccuracy()),
          RunFiles.num(ev.recordingAccuracy()),
          RunFiles.num(ev.macroF1()));
      return r;
    }
  }

  /** Seed of the validation carving of a run with the given seed. */
  static long validationSeed(long seed) {
    return new java.util.SplittableRandom(seed ^ 0x5EEDL).nextLong();
  }

  /**
   * Writes the run's model bundle (inference module format): spec, parameters, class and size
   * names, features, sample rate, segment settings, normalisation, input shape, provenance.
   */
  static void writeBundle(
      Path dir,
      ai.djl.Model model,
      ModelSpec spec,
      PreparedData data,
      RunSettings s,
      Map<String, Object> prov)
      throws IOException {
    Map<String, Object> p = new LinkedHashMap<>(prov);
    p.put("dataset", s.dataset().type());
    BundleManifest m =
        BundleManifest.of(
            spec.toMap(),
            data.segments().classNames(),
            spec.sizeHead() == io.uatr.models.spec.SizeHead.LEVELS ? data.sizeLevels() : List.of(),
            data.features().resolved(),
            data.features().sampleRate(),
            s.dataset().segment(),
            DataBuilder.normalization(s.dataset()),
            data.segments().bins(),
            data.segments().frames(),
            p,
            spec.needsRouterInput() ? data.features().routerResolved() : Map.of());
    BundleWriter.write(dir, model, m);
  }

  /** Per-epoch gate entropy of the validation data (epoch, task, entropy, load CV). */
  static final class GateTracker implements ProgressListener {
    private final Path file;
    private final ModelSpec spec;
    private final ProgressListener inner;
    private final List<List<String>> rows = new ArrayList<>();
    private MultiTaskTrainer trainer;
    private List<FeatureSegment> validation;

    GateTracker(Path dir, ModelSpec spec, ProgressListener inner) throws IOException {
      this.file = dir.resolve("gate_epochs.csv");
      this.spec = spec;
      this.inner = inner;
      if (Files.isRegularFile(file)) {
        List<List<String>> old = RunFiles.readCsv(file);
        rows.addAll(old.subList(1, old.size()));
      }
    }

    void attach(MultiTaskTrainer t) {
      trainer = t;
    }

    void setData(io.uatr.training.SegmentSet d) {
      validation = d.part(Split.VALIDATION);
    }

    List<List<String>> rows() {
      return rows;
    }

    @Override
    public void onStart(int firstEpoch, int epochs, int batchesPerEpoch) {
      rows.removeIf(r -> Integer.parseInt(r.get(0)) >= firstEpoch);
      inner.onStart(firstEpoch, epochs, batchesPerEpoch);
    }

    @Override
    public void onBatch(int epoch, int batch, int batches, double loss, double acc) {
      inner.onBatch(epoch, batch, batches, loss, acc);
    }

    @Override
    public void onEpoch(EpochMetrics m) {
      if (spec.type().hasExperts() && validation != null && !validation.isEmpty()) {
        EvaluationResult ev = trainer.evaluate(validation);
        for (GateDiagnostics g : ev.gates()) {
          rows.add(
              List.of(
                  String.valueOf(m.epoch()),
                  String.valueOf(g.task()),
                  RunFiles.num(g.meanNormalisedEntropy()),
                  RunFiles.num(g.loadCv())));
        }
        try {
          RunFiles.writeCsv(file, List.of("epoch", "task", "entropy", "load_cv"), rows);
        } catch (IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      }
      inner.onEpoch(m);
    }
  }
}
