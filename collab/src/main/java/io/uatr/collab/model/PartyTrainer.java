package io.uatr.collab.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.collab.net.Tensor;
import io.uatr.models.ModelOutputs;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.SizeHead;
import io.uatr.training.Batch;
import io.uatr.training.FeatureSegment;
import io.uatr.training.LrSchedule;
import io.uatr.training.MultiTaskLoss;
import io.uatr.training.Optimiser;
import io.uatr.training.Sampling;
import io.uatr.training.SegmentSet;
import io.uatr.training.Split;
import io.uatr.training.TrainingConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One party's side of PC-MoE training: its data, its backbone (stem, trunk, gates, towers) and its
 * optimiser. {@link #step} trains on the party's next mini-batch: the backbone runs here, the rows
 * each gate routes to an expert go to that expert's host, and the backward retraces the route
 * (expert output gradients out, activation gradients back). Then every host clips with the global
 * gradient norm and steps its experts, and the party steps its backbone.
 *
 * <p>Determinism: the same seed derivation as {@code MultiTaskTrainer} for initialisation (engine
 * stream 0), validation carving (stream -1) and the visiting order of epoch e (stream e); the
 * engine (gate noise) is re-seeded before every step from (seed, epoch, batch), so a run resumed
 * from any round continues exactly. Unsupported here: augmentation, nuisance heads, uncertainty
 * weighting; a non-finite loss or gradient stops training with an error instead of skipping the
 * step.
 */
public final class PartyTrainer implements AutoCloseable {

  private final ModelSpec spec;
  private final TrainingConfig config;
  private final long seed;
  private final int party;
  private final SegmentSet data;
  private final int[] train;
  private final int[] classOf;
  private final NDManager manager;
  private final PartyNet net;
  private final List<Pair<String, Parameter>> backbone;
  private final List<NDArray> trainable = new ArrayList<>();
  private final Optimiser optimiser;
  private final MultiTaskLoss loss;
  private ExpertRouter router;
  private int[] order;
  private int orderEpoch;

  /**
   * Step outcome.
   *
   * @param loss total loss of the batch
   * @param correct correctly classified segments
   * @param segments segments in the batch
   * @param routed rows sent to each expert [E]
   */
  public record StepResult(double loss, int correct, int segments, int[] routed) {}

  /**
   * Builds the party's network (parameters from engine stream 0 of {@code seed}, as ordinary
   * training) and carves validation from its training recordings as ordinary training does.
   *
   * @param spec model spec (checked by {@link PartyNet#check})
   * @param config training settings (augmentation and uncertainty weighting must be off)
   * @param seed run seed
   * @param party this party's index
   * @param data this party's segments (TRAIN, TEST and optionally VALIDATION)
   * @param manager parent manager
   */
  public PartyTrainer(
      ModelSpec spec,
      TrainingConfig config,
      long seed,
      int party,
      SegmentSet data,
      NDManager manager) {
    PartyNet.check(spec);
    if (config.augment().enabled()) {
      throw new IllegalArgumentException(
          "training.augment: augmentation is not supported in collaborative training");
    }
    if (config.loss().uncertainty()) {
      throw new IllegalArgumentException(
          "training.loss: uncertainty weighting is not supported in collaborative training");
    }
    this.spec = spec;
    this.config = config;
    this.seed = seed;
    this.party = party;
    this.data =
        data.indices(Split.VALIDATION).length > 0
            ? data
            : data.withValidation(config.validationFraction(), Seeds.mix(seed, -1));
    this.train = this.data.indices(Split.TRAIN);
    if (train.length < 2) {
      throw new IllegalArgumentException(
          "party " + party + " has " + train.length + " training segments; needs at least 2");
    }
    this.classOf = new int[train.length];
    for (int i = 0; i < train.length; i++) {
      classOf[i] = this.data.get(train[i]).classLabel();
    }
    this.manager = manager;
    Engine.getInstance().setRandomSeed(Seeds.engine(seed, 0));
    this.net =
        new PartyNet(
            spec, manager, new Shape(config.batchSize(), 1, this.data.bins(), this.data.frames()));
    this.backbone = net.backboneParameters();
    for (Pair<String, Parameter> p : backbone) {
      if (p.getValue().requiresGradient()) {
        trainable.add(p.getValue().getArray());
      }
    }
    this.optimiser = new Optimiser(config.optimizer(), trainable);
    this.loss = new MultiTaskLoss(config.loss(), spec.sizeHead());
  }

  /** Returns the network (backbone, and experts until they are released). */
  public PartyNet net() {
    return net;
  }

  /** Returns this party's data (with its validation split). */
  public SegmentSet data() {
    return data;
  }

  /** Sets how experts are reached. */
  public void setRouter(ExpertRouter r) {
    router = r;
  }

  /** Returns the backbone parameters (names and arrays, statistics included). */
  public List<Pair<String, Parameter>> backbone() {
    return backbone;
  }

  /** Returns the backbone optimiser (for checkpoints). */
  public Optimiser optimiser() {
    return optimiser;
  }

  /** Returns the number of mini-batches in one pass over the party's training segments. */
  public int batches() {
    int b = config.batchSize();
    return train.length / b + (train.length % b >= 2 ? 1 : 0);
  }

  /** Returns the number of scalars in the backbone arrays. */
  public long backboneScalars() {
    long n = 0;
    for (Pair<String, Parameter> p : backbone) {
      n += p.getValue().getArray().size();
    }
    return n;
  }

  /**
   * Trains on this party's mini-batch of round {@code round} (its batch {@code round mod batches()}
   * of epoch {@code round / batches() + 1}).
   *
   * @param round 0-based round
   * @param totalRounds rounds of the whole run (the learning-rate schedule's length)
   * @return loss and accuracy of the batch
   */
  public StepResult step(long round, long totalRounds) {
    int batches = batches();
    int epoch = (int) (round / batches) + 1;
    int k = (int) (round % batches);
    if (order == null || orderEpoch != epoch) {
      order =
          Sampling.order(
              train,
              classOf,
              data.numClasses(),
              config.balancedSampling(),
              new SplittableRandom(Seeds.mix(seed, epoch)));
      orderEpoch = epoch;
    }
    Engine.getInstance().setRandomSeed(Seeds.engine(seed, 1_000_000L * epoch + k));
    net.setGateNoise((float) spec.gateTraining().noiseAt(epoch));
    int bs = config.batchSize();
    List<FeatureSegment> segs = new ArrayList<>();
    for (int i = k * bs; i < Math.min(order.length, (k + 1) * bs); i++) {
      segs.add(data.get(order[i]));
    }
    Batch batch = Batch.of(segs, data.numClasses(), spec.sizeHead(), spec.numSizeLevels());
    int n = segs.size();
    int experts = net.expertCount();
    try (NDManager bm = manager.newSubManager()) {
      ParameterStore ps = new ParameterStore(bm, false);
      NDArray x = bm.create(batch.flatFeatures(), new Shape(n, 1, data.bins(), data.frames()));
      NDArray ct = bm.create(Batch.flat(batch.classTarget()), new Shape(n, data.numClasses()));
      NDArray st = null;
      if (spec.sizeHead() == SizeHead.LEVELS) {
        st = bm.create(Batch.flat(batch.sizeTarget()), new Shape(n, spec.numSizeLevels()));
      } else if (spec.sizeHead() == SizeHead.REGRESSION) {
        st = bm.create(batch.sizeValue());
      }
      // phase 1: backbone front and gates (graph kept; the collector closes before any routing)
      PartyNet.Front front;
      NDArray gateLeaf = null;
      List<NDList> gateOuts;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        front = net.front(ps, x, true);
        NDArray gateIn = front.gateIn();
        if (spec.gateInput() != GateInput.INPUT_PROFILE) {
          gateLeaf = gateIn.stopGradient();
          gateLeaf.setRequiresGradient(true);
          gateIn = gateLeaf;
        }
        gateOuts = net.gates(ps, gateIn, true);
      }
      int[][] routes = routes(gateOuts, n, experts);
      // phase 2: the routed rows go to the experts' hosts
      float[] h = front.expertIn().toFloatArray();
      long[] hShape = front.expertIn().getShape().getShape();
      Tensor[] outs = new Tensor[experts];
      for (int e = 0; e < experts; e++) {
        if (routes[e].length > 0) {
          outs[e] = router.forward(round, party, e, Tensors.rows(h, hShape, routes[e]), true);
        }
      }
      // phase 3: mixture, towers, loss; backward to the expert outputs and the gates
      NDArray[] leaves = new NDArray[experts];
      MultiTaskLoss.Parts parts;
      float[] predicted;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray stack = stack(bm, outs, leaves, routes, n);
        NDList out = net.head(ps, gateOuts, stack, true);
        parts = loss.compute(out, ct, st, null);
        gc.backward(parts.total());
        predicted =
            ModelOutputs.classLogits(out).argMax(1).toType(DataType.FLOAT32, false).toFloatArray();
      }
      double total = parts.total().getFloat();
      if (!Double.isFinite(total)) {
        zeroGradients();
        throw new IllegalStateException(
            "party " + party + ", round " + round + ": the loss is not finite (" + total + ")");
      }
      // phase 4: output gradients to the hosts, activation gradients back
      float[] dh = new float[h.length];
      int row = h.length / n;
      int[] routed = new int[experts];
      for (int e = 0; e < experts; e++) {
        if (outs[e] == null) {
          continue;
        }
        routed[e] = routes[e].length;
        Tensor dx = router.backward(round, party, e, Tensors.of(leaves[e].getGradient()));
        float[] g = dx.data();
        for (int i = 0; i < routes[e].length; i++) {
          int base = routes[e][i] * row;
          for (int c = 0; c < row; c++) {
            dh[base + c] += g[i * row + c];
          }
        }
      }
      // phase 5: inject the activation gradient (and the gate-input gradient) into the backbone
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        NDArray target = front.expertIn().mul(bm.create(dh, new Shape(hShape))).sum();
        if (gateLeaf != null) {
          target = target.add(front.gateIn().mul(gateLeaf.getGradient()).sum());
        }
        gc.backward(target);
      }
      // phase 6: global norm, every host's update, the backbone's update
      double sq = 0;
      for (NDArray p : trainable) {
        sq += p.getGradient().square().sum().getFloat();
      }
      for (int host = 0; host < router.hosts(); host++) {
        for (double s : router.gradientSquares(host, round, party)) {
          sq += s;
        }
      }
      double norm = Math.sqrt(sq);
      if (!Double.isFinite(norm)) {
        throw new IllegalStateException(
            "party " + party + ", round " + round + ": the gradient is not finite");
      }
      double lr =
          new LrSchedule(config.schedule(), config.optimizer().lr(), batches, totalRounds)
              .lr(round);
      for (int host = 0; host < router.hosts(); host++) {
        router.update(host, round, party, lr, norm, config.clipGradNorm());
      }
      optimiser.clip(norm, config.clipGradNorm());
      optimiser.step(lr);
      int correct = 0;
      for (int i = 0; i < n; i++) {
        correct += (int) predicted[i] == batch.classLabel()[i] ? 1 : 0;
      }
      return new StepResult(total, correct, n, routed);
    }
  }

  /** Sets every backbone gradient to zero (after a failed round). */
  public void zeroGradients() {
    for (NDArray p : trainable) {
      p.getGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
    }
  }

  /** Rows routed to each expert: those with a non-zero weight in any gate. [E][rows]. */
  private static int[][] routes(List<NDList> gateOuts, int n, int experts) {
    boolean[][] use = new boolean[experts][n];
    for (NDList g : gateOuts) {
      float[] w = g.get(0).toFloatArray();
      for (int b = 0; b < n; b++) {
        for (int e = 0; e < experts; e++) {
          if (w[b * experts + e] != 0f) {
            use[e][b] = true;
          }
        }
      }
    }
    int[][] out = new int[experts][];
    for (int e = 0; e < experts; e++) {
      int c = 0;
      for (int b = 0; b < n; b++) {
        c += use[e][b] ? 1 : 0;
      }
      out[e] = new int[c];
      c = 0;
      for (int b = 0; b < n; b++) {
        if (use[e][b]) {
          out[e][c++] = b;
        }
      }
    }
    return out;
  }

  /**
   * Scatters each expert's output rows into [B][E][D] with a 0/1 selection matrix (exact), the
   * outputs being leaves whose gradients are the output gradients to send back.
   */
  private static NDArray stack(
      NDManager bm, Tensor[] outs, NDArray[] leaves, int[][] routes, int n) {
    long d = -1;
    for (Tensor t : outs) {
      if (t != null) {
        d = t.shape()[1];
      }
    }
    NDList pieces = new NDList();
    for (int e = 0; e < outs.length; e++) {
      if (outs[e] == null) {
        pieces.add(bm.zeros(new Shape(n, d)));
        continue;
      }
      leaves[e] = Tensors.array(bm, outs[e]);
      leaves[e].setRequiresGradient(true);
      float[] sel = new float[n * routes[e].length];
      for (int i = 0; i < routes[e].length; i++) {
        sel[routes[e][i] * routes[e].length + i] = 1f;
      }
      NDArray s = bm.create(sel, new Shape(n, routes[e].length));
      pieces.add(s.matMul(leaves[e]));
    }
    return NDArrays.stack(pieces, 1);
  }

  @Override
  public void close() {
    // arrays belong to the caller's manager
  }
}
