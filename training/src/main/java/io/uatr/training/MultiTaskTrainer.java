package io.uatr.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.models.ModelFactory;
import io.uatr.models.ModelInputs;
import io.uatr.models.ModelOutputs;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.augment.Augmenter;
import io.uatr.training.augment.WaveformAugment;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.Predictions;
import io.uatr.training.eval.SegmentPredictor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link ModelSpec} model on a {@link SegmentSet}: the multi-task loss, the optimiser and
 * schedule, augmentation, validation carved from training recordings, early stopping, a checkpoint
 * after every epoch and exact resume.
 *
 * <p>Determinism: one seed drives everything. Parameter initialisation uses the engine seed derived
 * from (seed, 0); epoch e re-seeds the engine with (seed, e) (gate noise, gate dropout) and draws
 * its visiting order and augmentation from a Java stream seeded with (seed, e); waveform
 * augmentation of training segment i in epoch e draws from a stream seeded with (seed, e, i) (see
 * {@link WaveformAugment}). Since every random stream restarts at each epoch from the seed, no
 * random-generator state has to be saved: a resumed run continues bit for bit like an uninterrupted
 * one on the same device and thread count.
 *
 * <p>Run directory: {@code metrics.csv} (rewritten atomically each epoch), {@code checkpoints/}
 * (see {@link Checkpoints}) and {@code best/parameters.ndlist} (the parameters of the best
 * validation epoch). Model input: [B][1][bins][frames].
 */
public final class MultiTaskTrainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MultiTaskTrainer.class);

  private static final NDIndex ALL = new NDIndex("...");

  /** A global gradient norm above this is logged as a warning naming the largest gradient. */
  static final double SPIKE_NORM = 1e3;

  /** Name of the per-epoch metrics file in the run directory. */
  public static final String METRICS_FILE = "metrics.csv";

  /** Best-epoch parameters, relative to the run directory. */
  public static final String BEST_FILE = "best/parameters.ndlist";

  private final ModelSpec spec;
  private final TrainingConfig config;
  private final long seed;
  private final Path runDir;
  private ProgressListener listener = new ProgressListener() {};
  private Model model;
  private Block block;
  private NDArray logVars;
  private final List<String> paramNames = new ArrayList<>();
  private final List<NDArray> paramArrays = new ArrayList<>();
  private final List<String> trainableNames = new ArrayList<>();
  private final List<NDArray> statArrays = new ArrayList<>();
  private int[] headColumns = new int[0];
  private int skippedInARow;

  /**
   * Creates a trainer; nothing is allocated until {@link #fit}.
   *
   * @param spec the model to build; with {@code nuisance_tower_inputs} &gt; 0 the data must carry
   *     that many nuisance features, and every {@code nuisance_heads} name must be one of the
   *     data's nuisance feature names (its target)
   * @param config training settings
   * @param seed the run's seed
   * @param runDir run directory (created when missing)
   */
  public MultiTaskTrainer(ModelSpec spec, TrainingConfig config, long seed, Path runDir) {
    this.spec = spec;
    this.config = config;
    this.seed = seed;
    this.runDir = runDir;
  }

  /** Sets the progress listener; returns this. */
  public MultiTaskTrainer setListener(ProgressListener l) {
    listener = l;
    return this;
  }

  /** Returns the DJL model holding the block (after {@link #fit}), for saving a bundle. */
  public Model model() {
    return model;
  }

  /** Returns the trained block (after {@link #fit}). */
  public Block block() {
    return block;
  }

  /** Returns the learned task log-variances [2] (uncertainty weighting), else null. */
  public float[] logVariances() {
    return logVars == null ? null : logVars.toFloatArray();
  }

  /**
   * Trains, or resumes the run found in the run directory, until the last epoch or early stopping.
   * At the end the block holds the best validation epoch's parameters when {@code
   * early_stopping.restore_best} is set and there was validation data, else the last epoch's.
   *
   * @param data segments with TRAIN and TEST (and optionally VALIDATION) splits; if no segment is
   *     VALIDATION, validation_fraction of the training recordings are moved there
   * @return history and selection outcome
   * @throws IOException when the run directory cannot be written or a checkpoint cannot be read
   * @throws IllegalStateException when the run directory holds a checkpoint of a different run
   */
  public TrainingResult fit(SegmentSet data) throws IOException {
    if (data.numClasses() != spec.numClasses()) {
      throw new IllegalArgumentException(
          "data has "
              + data.numClasses()
              + " classes but model.num_classes is "
              + spec.numClasses());
    }
    int n = data.nuisanceNames().size();
    if (spec.nuisanceTowerInputs() > 0 && spec.nuisanceTowerInputs() != n) {
      throw new IllegalArgumentException(
          "model.nuisance_tower_inputs is "
              + spec.nuisanceTowerInputs()
              + " but the data has "
              + n
              + " nuisance features "
              + data.nuisanceNames());
    }
    headColumns = new int[spec.nuisanceHeads().size()];
    for (int h = 0; h < headColumns.length; h++) {
      headColumns[h] = data.nuisanceNames().indexOf(spec.nuisanceHeads().get(h));
      if (headColumns[h] < 0) {
        throw new IllegalArgumentException(
            "model.nuisance_heads names '"
                + spec.nuisanceHeads().get(h)
                + "' but the data's nuisance features are "
                + data.nuisanceNames());
      }
    }
    SegmentSet d =
        data.indices(Split.VALIDATION).length > 0
            ? data
            : data.withValidation(config.validationFraction(), mix(seed, -1));
    int[] train = d.indices(Split.TRAIN);
    if (train.length < 2) {
      throw new IllegalArgumentException("need at least 2 training segments, have " + train.length);
    }
    if (config.augment().waveformEnabled()) {
      for (int i : train) {
        if (!(d.get(i).features() instanceof WaveformFeatures)) {
          throw new IllegalArgumentException(
              "training.augment.wave_* is set but the training segment of "
                  + d.get(i).recordingId()
                  + " keeps no audio (build the data with waveform-backed features)");
        }
      }
    }
    List<FeatureSegment> val = d.part(Split.VALIDATION);
    build(d);
    NDManager m = model.getNDManager();
    List<NDArray> trainable = new ArrayList<>();
    trainableNames.clear();
    statArrays.clear();
    for (Pair<String, Parameter> p : block.getParameters()) {
      if (p.getValue().requiresGradient()) {
        trainable.add(p.getValue().getArray());
        trainableNames.add(p.getKey());
      } else {
        statArrays.add(p.getValue().getArray());
      }
    }
    if (config.loss().uncertainty()) {
      logVars = m.zeros(new Shape(2));
      logVars.setRequiresGradient(true);
      trainable.add(logVars);
      trainableNames.add("loss.log_variances");
    }
    Optimiser optimiser =
        new Optimiser(
            config.optimizer(), trainable, logVars == null ? List.of() : List.of(logVars));
    int b = config.batchSize();
    int batches = train.length / b + (train.length % b >= 2 ? 1 : 0);
    LrSchedule schedule =
        new LrSchedule(
            config.schedule(), config.optimizer().lr(), batches, (long) batches * config.epochs());
    String fingerprint = fingerprint(d);
    Checkpoints.State state = new Checkpoints.State(0, 0, 0, Double.NaN, 0, false, fingerprint);
    List<EpochMetrics> history = new ArrayList<>();
    int resumed = 0;
    skippedInARow = 0;
    Checkpoints.deleteTemporary(runDir);
    Optional<Path> latest = config.resume() ? Checkpoints.latest(runDir) : Optional.empty();
    if (latest.isPresent()) {
      Checkpoints.Content c = Checkpoints.read(latest.get(), m);
      if (!c.state().fingerprint().equals(fingerprint)) {
        throw new IllegalStateException(
            runDir
                + " holds a checkpoint of a different run (model, training settings, seed or"
                + " data differ); use a new run directory");
      }
      if (!c.parameterNames().equals(paramNames)) {
        throw new IllegalStateException(latest.get() + ": parameter names differ from the model's");
      }
      Checkpoints.copyInto(paramArrays, c.parameters(), "parameters");
      optimiser.load(c.optimizer(), c.state().globalStep());
      if (logVars != null) {
        Checkpoints.copyInto(List.of(logVars), c.loss(), "loss");
      }
      state = c.state();
      history.addAll(EpochTiming.restore(runDir, c.history()));
      resumed = state.epoch();
      LOG.info("resuming {} after epoch {}", runDir, resumed);
    }
    if (resumed == 0
        && block instanceof io.uatr.models.MultiTaskNet net
        && net.hasVae()
        && spec.demonet().pretrain()) {
      VaePretrainer.run(net, m, d, train, config, seed, this::engineSeed);
    }
    MultiTaskLoss loss = new MultiTaskLoss(config.loss(), spec.sizeHead());
    Augmenter augmenter = config.augment().enabled() ? new Augmenter(config.augment()) : null;
    EarlyStoppingConfig es = config.earlyStopping();
    listener.onStart(state.epoch() + 1, config.epochs(), batches);
    while (state.epoch() < config.epochs() && !state.stoppedEarly()) {
      int epoch = state.epoch() + 1;
      long t0 = System.nanoTime();
      double[] sums =
          runEpoch(
              d, train, epoch, batches, state.globalStep(), optimiser, schedule, loss, augmenter);
      long step = state.globalStep() + batches;
      double[] v = validate(val);
      requireFiniteValidation(epoch, val.isEmpty(), v);
      EpochMetrics em =
          new EpochMetrics(
              epoch,
              sums[0],
              sums[1],
              sums[2],
              sums[3],
              sums[4],
              sums[5],
              sums[6],
              v[0],
              v[1],
              v[2],
              v[3],
              v[4],
              (int) sums[7],
              (System.nanoTime() - t0) / 1e9);
      int bestEpoch = state.bestEpoch();
      double bestValue = state.bestValue();
      int bad = state.badEpochs();
      double value = val.isEmpty() ? Double.NaN : em.value(es.metric());
      if (!Double.isNaN(value)) {
        boolean better =
            bestEpoch == 0
                || (es.lowerIsBetter()
                    ? value < bestValue - es.minDelta()
                    : value > bestValue + es.minDelta());
        if (better) {
          bestEpoch = epoch;
          bestValue = value;
          bad = 0;
          requireFiniteParameters(epoch, "the best parameters are not written");
          AtomicFiles.write(runDir.resolve(BEST_FILE), new NDList(paramArrays).encode());
        } else {
          bad++;
        }
      }
      boolean stop = es.patience() > 0 && bad >= es.patience();
      state = new Checkpoints.State(epoch, step, bestEpoch, bestValue, bad, stop, fingerprint);
      history.add(em);
      requireFiniteParameters(epoch, "the checkpoint is not written");
      MetricsCsv.write(runDir.resolve(METRICS_FILE), history);
      EpochTiming.write(runDir, history);
      Checkpoints.write(
          runDir,
          new Checkpoints.Content(
              paramNames,
              new NDList(paramArrays),
              optimiser.state(),
              logVars == null ? new NDList() : new NDList(logVars),
              state,
              history),
          config.keepCheckpoints());
      LOG.info(
          "epoch {}/{}: loss {} acc {} val_loss {} val_acc {}{}",
          epoch,
          config.epochs(),
          fmt(em.trainLoss()),
          fmt(em.trainAccuracy()),
          fmt(em.valLoss()),
          fmt(em.valAccuracy()),
          stop ? " (early stop)" : "");
      listener.onEpoch(em);
    }
    if (es.restoreBest() && state.bestEpoch() > 0 && state.bestEpoch() != state.epoch()) {
      Path best = runDir.resolve(BEST_FILE);
      Checkpoints.copyInto(
          paramArrays, NDList.decode(m, Files.readAllBytes(best)), "best parameters " + best);
      LOG.info("restored the parameters of epoch {}", state.bestEpoch());
    }
    return new TrainingResult(
        List.copyOf(history),
        state.bestEpoch(),
        state.bestValue(),
        state.stoppedEarly(),
        resumed,
        d);
  }

  private void build(SegmentSet d) {
    if (model != null) {
      model.close();
    }
    paramNames.clear();
    paramArrays.clear();
    Devices.applyThreads(config.threads());
    Device device = Devices.resolve(config.device());
    Engine.getInstance().setRandomSeed(engineSeed(0));
    model = Model.newInstance("uatr-" + spec.type().key(), device);
    block = ModelFactory.build(spec);
    model.setBlock(block);
    block.initialize(
        model.getNDManager(),
        DataType.FLOAT32,
        new Shape(config.batchSize(), 1, d.bins(), d.frames()));
    for (Pair<String, Parameter> p : block.getParameters()) {
      paramNames.add(p.getKey());
      paramArrays.add(p.getValue().getArray());
    }
  }

  /**
   * Returns {lr, loss, class loss, size loss, aux loss, accuracy, grad norm, skipped steps} of one
   * epoch; the means are over the steps taken. Before each optimiser step the loss and the
   * gradients are checked: when either is not finite the step is skipped, the gradients are zeroed
   * and the normalisation statistics, which the forward pass has already updated, are restored to
   * their values before the batch. (A finite loss implies finite batch statistics, so they are not
   * checked per step; {@link #requireFiniteParameters} checks them with every parameter before each
   * checkpoint.)
   */
  private double[] runEpoch(
      SegmentSet d,
      int[] train,
      int epoch,
      int batches,
      long firstStep,
      Optimiser optimiser,
      LrSchedule schedule,
      MultiTaskLoss loss,
      Augmenter augmenter) {
    SplittableRandom rng = new SplittableRandom(mix(seed, epoch));
    Engine.getInstance().setRandomSeed(engineSeed(epoch));
    if (block instanceof io.uatr.models.MultiTaskNet net) {
      net.setGateNoise((float) spec.gateTraining().noiseAt(epoch));
      net.setEpoch(epoch);
      optimiser.setFrozen(frozen(net.frozenParts(epoch)));
    }
    int[] classOf = new int[train.length];
    for (int i = 0; i < train.length; i++) {
      classOf[i] = d.get(train[i]).classLabel();
    }
    int[] order = Sampling.order(train, classOf, d.numClasses(), config.balancedSampling(), rng);
    NDManager m = model.getNDManager();
    int bs = config.batchSize();
    double lr = 0;
    double[] sum = new double[5];
    int skipped = 0;
    long hits = 0;
    long seen = 0;
    double nuisanceSum = 0;
    for (int k = 0; k < batches; k++) {
      List<FeatureSegment> segs = new ArrayList<>();
      for (int i = k * bs; i < Math.min(order.length, (k + 1) * bs); i++) {
        segs.add(trainingSegment(d, order[i], epoch));
      }
      Batch batch = Batch.of(segs, d.numClasses(), spec.sizeHead(), spec.numSizeLevels());
      if (augmenter != null) {
        augmenter.apply(batch, rng);
      }
      lr = schedule.lr(firstStep + k);
      int n = segs.size();
      try (NDManager bm = m.newSubManager();
          NDScope scope = new NDScope()) {
        NDArray x = bm.create(batch.flatFeatures(), new Shape(n, 1, d.bins(), d.frames()));
        NDArray ct = bm.create(Batch.flat(batch.classTarget()), new Shape(n, d.numClasses()));
        NDArray st = null;
        if (spec.sizeHead() == SizeHead.LEVELS) {
          st = bm.create(Batch.flat(batch.sizeTarget()), new Shape(n, spec.numSizeLevels()));
        } else if (spec.sizeHead() == SizeHead.REGRESSION) {
          st = bm.create(batch.sizeValue());
        }
        NDArray nuisanceIn =
            spec.nuisanceTowerInputs() > 0
                ? bm.create(Batch.flat(batch.nuisance()), new Shape(n, spec.nuisanceTowerInputs()))
                : null;
        NDList in = ModelInputs.of(x, nuisanceIn, batch.routerArray(bm, spec));
        NDArray nt = null;
        if (headColumns.length > 0) {
          float[] t = new float[n * headColumns.length];
          for (int i = 0; i < n; i++) {
            for (int h = 0; h < headColumns.length; h++) {
              t[i * headColumns.length + h] = batch.nuisance()[i][headColumns[h]];
            }
          }
          nt = bm.create(t, new Shape(n, headColumns.length));
        }
        List<NDArray> statsBefore = statArrays.stream().map(NDArray::duplicate).toList();
        MultiTaskLoss.Parts parts;
        float[] logits;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
          NDList out = block.forward(new ParameterStore(bm, false), in, true);
          parts = loss.compute(out, ct, st, logVars, ModelOutputs.nuisance(out, spec), nt);
          gc.backward(parts.total());
          logits =
              ModelOutputs.classLogits(out)
                  .argMax(1)
                  .toType(DataType.FLOAT32, false)
                  .toFloatArray();
        }
        String bad = nonFinite(parts);
        Optimiser.GradientNorm g = null;
        if (bad == null) {
          g = optimiser.gradientNorm();
          bad = g.finite() ? null : "the gradient of " + name(g.firstNonFinite());
        }
        if (bad != null) {
          optimiser.zeroGradients();
          restoreStats(statsBefore);
          skipped++;
          skippedInARow++;
          LOG.warn(
              "epoch {}, batch {}: {} is not finite; optimiser step skipped ({} in a row)",
              epoch,
              k + 1,
              bad,
              skippedInARow);
          if (skippedInARow >= config.maxSkippedSteps()) {
            throw new TrainingDivergedException(
                epoch,
                k + 1,
                bad,
                skippedInARow
                    + " optimiser steps in a row were skipped (training.max_skipped_steps is "
                    + config.maxSkippedSteps()
                    + "); lower training.optimizer.lr or check the input features");
          }
        } else {
          skippedInARow = 0;
          if (g.norm() > SPIKE_NORM) {
            LOG.warn(
                "epoch {}, batch {}: gradient norm {} (largest: {}, norm {}); clip_grad_norm {}",
                epoch,
                k + 1,
                fmt(g.norm()),
                name(g.largest()),
                fmt(g.largestNorm()),
                config.clipGradNorm());
            LOG.warn(
                "epoch {}, batch {}: gradient norms per parameter: {}", epoch, k + 1, norms(g));
          }
          optimiser.clip(g.norm(), config.clipGradNorm());
          optimiser.step(lr);
          sum[4] += g.norm();
          sum[0] += parts.total().getFloat();
          sum[1] += parts.classLoss().getFloat();
          sum[2] += parts.sizeLoss().getFloat();
          sum[3] += parts.aux().getFloat();
          nuisanceSum += parts.nuisanceLoss().getFloat();
          for (int i = 0; i < n; i++) {
            hits += (int) logits[i] == batch.classLabel()[i] ? 1 : 0;
          }
          seen += n;
        }
      }
      int done = k + 1 - skipped;
      listener.onBatch(
          epoch,
          k + 1,
          batches,
          done == 0 ? Double.NaN : sum[0] / done,
          seen == 0 ? Double.NaN : (double) hits / seen);
    }
    int steps = batches - skipped;
    if (headColumns.length > 0) {
      LOG.debug("epoch {}: nuisance-head loss {}", epoch, fmt(nuisanceSum / steps));
    }
    return new double[] {
      lr,
      sum[0] / steps,
      sum[1] / steps,
      sum[2] / steps,
      sum[3] / steps,
      (double) hits / seen,
      sum[4] / steps,
      skipped
    };
  }

  /** Names the first non-finite part of the loss, or returns null when the loss is finite. */
  private static String nonFinite(MultiTaskLoss.Parts parts) {
    double total = parts.total().getFloat();
    if (Double.isFinite(total)) {
      return null;
    }
    String[] names = {"class loss", "size loss", "gate auxiliary loss", "nuisance loss"};
    NDArray[] values = {parts.classLoss(), parts.sizeLoss(), parts.aux(), parts.nuisanceLoss()};
    for (int i = 0; i < names.length; i++) {
      if (!Double.isFinite(values[i].getFloat())) {
        return "the " + names[i];
      }
    }
    return "the loss";
  }

  private void restoreStats(List<NDArray> before) {
    for (int i = 0; i < statArrays.size(); i++) {
      statArrays.get(i).set(ALL, before.get(i));
    }
  }

  /** Every parameter's gradient norm, "name=norm" in parameter order, for spike diagnosis. */
  private String norms(Optimiser.GradientNorm g) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < g.norms().length; i++) {
      b.append(i == 0 ? "" : ", ").append(name(i)).append('=');
      b.append(String.format(java.util.Locale.ROOT, "%.3g", g.norms()[i]));
    }
    return b.toString();
  }

  private String name(int trainableIndex) {
    return trainableIndex < 0 ? "?" : trainableNames.get(trainableIndex);
  }

  /** Throws when any parameter or running statistic is not finite. */
  private void requireFiniteParameters(int epoch, String consequence) {
    int i = Finite.firstNonFinite(paramArrays);
    if (i >= 0) {
      throw new TrainingDivergedException(epoch, 0, "parameter " + paramNames.get(i), consequence);
    }
    if (logVars != null && !Finite.all(logVars)) {
      throw new TrainingDivergedException(epoch, 0, "loss.log_variances", consequence);
    }
  }

  /** The frozen mask over the trainable parameters whose names hold a part (empty: none). */
  private boolean[] frozen(List<String> parts) {
    boolean[] mask = new boolean[trainableNames.size()];
    for (int i = 0; i < mask.length; i++) {
      for (String p : parts) {
        mask[i] |= trainableNames.get(i).contains(p);
      }
    }
    return mask;
  }

  /** A NaN validation metric is an error (not a value that early stopping skips). */
  private void requireFiniteValidation(int epoch, boolean none, double[] v) {
    if (none) {
      return;
    }
    String[] names = {"val_loss", "val_accuracy", "val_macro_f1", "val_recording_accuracy"};
    for (int i = 0; i < names.length; i++) {
      if (!Double.isFinite(v[i])) {
        throw new TrainingDivergedException(
            epoch, 0, "validation metric " + names[i], "the parameters give non-finite outputs");
      }
    }
  }

  /**
   * Segment {@code index} as seen in epoch {@code epoch}: with waveform augmentation its features
   * are recomputed from its audio augmented with the stream of (seed, epoch, index).
   */
  private FeatureSegment trainingSegment(SegmentSet d, int index, int epoch) {
    FeatureSegment s = d.get(index);
    if (!config.augment().waveformEnabled()) {
      return s;
    }
    float[][] x = WaveformAugment.features(s, config.augment(), seed, epoch, index);
    return new FeatureSegment(
            x, s.classLabel(), s.sizeLevel(), s.sizeValue(), s.recordingId(), s.split())
        .withNuisance(s.nuisance())
        .withRouter(s.router());
  }

  /** Returns {loss, accuracy, macro-F1, recording accuracy, size metric}, NaN without data. */
  private double[] validate(List<FeatureSegment> val) {
    if (val.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN};
    }
    EvaluationResult r = evaluate(val);
    double size = spec.sizeHead() == SizeHead.REGRESSION ? r.sizeMae() : r.sizeAccuracy();
    return new double[] {
      r.classLoss(), r.segmentAccuracy(), r.macroF1(), r.recordingAccuracy(), size
    };
  }

  /**
   * Predicts segments with the current parameters (inference mode: the nuisance tower is left out
   * and the segments' nuisance features are not read).
   *
   * @param segments segments of the training data's shape
   * @return predictions with labels
   */
  public Predictions predict(List<FeatureSegment> segments) {
    requireModel();
    return SegmentPredictor.predict(
        block, spec, segments, config.batchSize(), model.getNDManager());
  }

  /**
   * Evaluates segments with the current parameters.
   *
   * @param segments segments of the training data's shape (e.g. {@code data.part(Split.TEST)})
   * @return every metric and the gate diagnostics
   */
  public EvaluationResult evaluate(List<FeatureSegment> segments) {
    return EvaluationResult.of(predict(segments), spec.numClasses(), spec.sizeHead());
  }

  private void requireModel() {
    if (model == null) {
      throw new IllegalStateException("fit has not been called");
    }
  }

  private String fingerprint(SegmentSet d) {
    TrainingConfig c = config;
    TrainingConfig normal =
        new TrainingConfig(
            c.epochs(),
            c.batchSize(),
            c.optimizer(),
            c.schedule(),
            c.clipGradNorm(),
            c.loss(),
            c.augment(),
            c.balancedSampling(),
            c.validationFraction(),
            c.earlyStopping(),
            "auto",
            0,
            true,
            1,
            c.maxSkippedSteps());
    StringBuilder sb = new StringBuilder();
    sb.append(spec.toMap()).append('\n').append(normal).append('\n').append(seed).append('\n');
    sb.append(d.bins()).append('x').append(d.frames()).append('\n');
    sb.append(d.nuisanceNames()).append('\n');
    for (FeatureSegment s : d.segments()) {
      sb.append(s.recordingId())
          .append(' ')
          .append(s.split())
          .append(' ')
          .append(s.classLabel())
          .append('\n');
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private int engineSeed(int k) {
    return (int) (mix(seed, k) & 0x7fffffffL);
  }

  /** Derives an independent 64-bit seed for stream {@code k} of {@code seed}. */
  static long mix(long seed, long k) {
    return new SplittableRandom(seed + 0x9E3779B97F4A7C15L * (k + 1)).nextLong();
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.4f", v);
  }

  /** Closes the model and frees its arrays. */
  @Override
  public void close() {
    if (model != null) {
      model.close();
      model = null;
    }
  }
}
