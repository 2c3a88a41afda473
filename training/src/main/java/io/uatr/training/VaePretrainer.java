package io.uatr.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.models.MultiTaskNet;
import io.uatr.models.spec.DemonetSpec;
import io.uatr.models.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trains the DEMONet VAE alone ({@code model.demonet.vae_training: pretrain}) on the router
 * inputs of the training segments, before the classifier's first epoch: {@code pretrain_epochs}
 * epochs of shuffled batches, the run's optimiser type and learning rate (constant) with its own
 * state, the KL weight of the warm-up per pre-training epoch, the run's gradient clipping, and a
 * step with a non-finite loss or gradient skipped. Deterministic for a seed.
 */
final class VaePretrainer {
  private static final Logger LOG = LoggerFactory.getLogger(VaePretrainer.class);

  private VaePretrainer() {}

  /**
   * Trains the VAE of {@code net}.
   *
   * @param net the model (with a VAE)
   * @param manager the model's manager
   * @param d the data
   * @param train indices of the training segments
   * @param config training settings (batch size, optimiser, clipping)
   * @param seed stream seed of the shuffles
   * @param engineSeed engine seed per pre-training epoch (latent sampling)
   * @return [pretrain_epochs] the mean VAE loss of each epoch
   */
  static double[] run(
      MultiTaskNet net,
      NDManager manager,
      SegmentSet d,
      int[] train,
      TrainingConfig config,
      long seed,
      java.util.function.IntUnaryOperator engineSeed) {
    ModelSpec spec = net.spec();
    DemonetSpec dm = spec.demonet();
    List<NDArray> params = new ArrayList<>();
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (p.getKey().contains("demon_vae")) {
        params.add(p.getValue().getArray());
      }
    }
    Optimiser opt = new Optimiser(config.optimizer(), params);
    int bs = config.batchSize();
    double[] losses = new double[dm.pretrainEpochs()];
    for (int e = 1; e <= dm.pretrainEpochs(); e++) {
      Engine.getInstance().setRandomSeed(engineSeed.applyAsInt(-1000 - e));
      SplittableRandom rng = new SplittableRandom(MultiTaskTrainer.mix(seed, -1000 - e));
      int[] order = Sampling.order(train, null, 0, false, rng);
      float beta = (float) dm.betaAt(e);
      double sum = 0;
      int steps = 0;
      for (int k = 0; k < order.length; k += bs) {
        List<FeatureSegment> segs = new ArrayList<>();
        for (int i = k; i < Math.min(order.length, k + bs); i++) {
          segs.add(d.get(order[i]));
        }
        if (segs.size() < 2) {
          continue;
        }
        Batch b = Batch.of(segs, d.numClasses(), io.uatr.models.spec.SizeHead.NONE, 0);
        try (NDManager bm = manager.newSubManager();
            NDScope scope = new NDScope()) {
          NDArray views = b.routerArray(bm, spec);
          float loss;
          try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList out = net.vaeLoss(new ParameterStore(bm, false), views, beta);
            gc.backward(out.get(0));
            loss = out.get(0).getFloat();
          }
          Optimiser.GradientNorm g = opt.gradientNorm();
          if (!Float.isFinite(loss) || !g.finite()) {
            opt.zeroGradients();
            LOG.warn("VAE pre-training epoch {}: non-finite loss or gradient; step skipped", e);
            continue;
          }
          opt.clip(g.norm(), config.clipGradNorm());
          opt.step(config.optimizer().lr());
          sum += loss;
          steps++;
        }
      }
      losses[e - 1] = steps == 0 ? Double.NaN : sum / steps;
      LOG.info(
          "VAE pre-training epoch {}/{}: loss {}",
          e,
          dm.pretrainEpochs(),
          String.format(java.util.Locale.ROOT, "%.4f", losses[e - 1]));
    }
    return losses;
  }
}
