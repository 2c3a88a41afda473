package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.models.spec.DemonetSpec;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training DEMONet: the router input reaches the model, the VAE trains jointly or is frozen. */
class DemonetTrainingTest {

  private static final int VIEWS = 3;
  private static final int BINS = 20;

  /** TinyData segments with DEMON-like views: a line at bin 4 (class 0) or 9 (class 1). */
  private static SegmentSet data(boolean withRouter) {
    SegmentSet base = TinyData.make(2, 5, 4, 1, 3);
    SplittableRandom rng = new SplittableRandom(9);
    List<FeatureSegment> out = new ArrayList<>();
    for (FeatureSegment s : base.segments()) {
      float[][] r = new float[VIEWS][BINS];
      for (float[] row : r) {
        for (int k = 0; k < BINS; k++) {
          row[k] = 0.3f * (float) rng.nextDouble();
        }
        row[s.classLabel() == 0 ? 4 : 9] += 1f;
      }
      out.add(withRouter ? s.withRouter(r) : s);
    }
    return new SegmentSet(out, base.classNames());
  }

  private static ModelSpec spec(String training) {
    Map<String, Object> m = new LinkedHashMap<>(TinyData.spec(2).toMap());
    m.put("type", "demonet");
    m.put(
        "demonet",
        Map.of(
            "views",
            VIEWS,
            "bins",
            BINS,
            "hidden",
            8,
            "latent_dim",
            3,
            "vae_training",
            training,
            "pretrain_epochs",
            3));
    return ModelSpec.fromMap(m);
  }

  private static TrainingConfig config(int epochs) {
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    m.put("validation_fraction", 0.2);
    m.put("optimizer", Map.of("type", "adam", "lr", 0.01));
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }

  /** Snapshots the VAE parameters after each epoch. */
  private static List<float[]> vae(MultiTaskTrainer t) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : t.block().getParameters()) {
      if (p.getKey().contains("demon_vae")) {
        out.add(p.getValue().getArray().toFloatArray());
      }
    }
    assertTrue(!out.isEmpty());
    return out;
  }

  private static List<List<float[]>> train(String mode, Path dir) throws Exception {
    List<List<float[]>> snaps = new ArrayList<>();
    try (MultiTaskTrainer t = new MultiTaskTrainer(spec(mode), config(3), 5, dir)) {
      t.setListener(
          new ProgressListener() {
            @Override
            public void onEpoch(EpochMetrics m) {
              snaps.add(vae(t));
            }
          });
      List<EpochMetrics> h = t.fit(data(true)).history();
      for (EpochMetrics e : h) {
        assertTrue(Double.isFinite(e.trainLoss()) && e.skippedSteps() == 0, "epoch " + e.epoch());
      }
      // predictions read the router input too
      t.predict(data(true).part(Split.TEST));
    }
    return snaps;
  }

  @Test
  void pretrainingLowersTheVaeLoss() {
    ModelSpec spec = spec("pretrain");
    SegmentSet d = data(true);
    try (ai.djl.Model model = ai.djl.Model.newInstance("vae")) {
      io.uatr.models.MultiTaskNet net = new io.uatr.models.MultiTaskNet(spec);
      model.setBlock(net);
      ai.djl.engine.Engine.getInstance().setRandomSeed(1);
      net.initialize(
          model.getNDManager(),
          ai.djl.ndarray.types.DataType.FLOAT32,
          new ai.djl.ndarray.types.Shape(8, 1, TinyData.BINS, TinyData.FRAMES));
      double[] losses =
          VaePretrainer.run(
              net, model.getNDManager(), d, d.indices(Split.TRAIN), config(1), 5, k -> k);
      assertTrue(losses.length == 3);
      assertTrue(losses[2] < 0.8 * losses[0], java.util.Arrays.toString(losses));
    }
  }

  @Test
  void pretrainFreezesTheVaeAndJointKeepsTrainingIt(@TempDir Path dir) throws Exception {
    assertTrue(spec("pretrain").demonet().frozenAt(1));
    assertTrue(!spec("joint").demonet().frozenAt(1));
    List<List<float[]>> pre = train("pretrain", dir.resolve("pre"));
    List<List<float[]>> joint = train("joint", dir.resolve("joint"));
    for (int i = 0; i < pre.get(0).size(); i++) {
      assertArrayEquals(pre.get(0).get(i), pre.get(2).get(i), 0f, "frozen VAE array " + i);
    }
    boolean moved = false;
    for (int i = 0; i < joint.get(0).size(); i++) {
      float[] a = joint.get(0).get(i);
      float[] b = joint.get(2).get(i);
      for (int k = 0; k < a.length; k++) {
        moved |= a[k] != b[k];
      }
    }
    assertTrue(moved, "the jointly trained VAE did not change after epoch 1");
  }

  @Test
  void aResumedRunEqualsAnUninterruptedOne(@TempDir Path dir) throws Exception {
    for (String mode : List.of("pretrain", "joint")) {
      Path a = dir.resolve(mode + "-a");
      Path killed = dir.resolve(mode + "-killed");
      List<EpochMetrics> first;
      List<float[]> params;
      try (MultiTaskTrainer t = new MultiTaskTrainer(spec(mode), config(3), 5, a)) {
        t.setListener(
            new ProgressListener() {
              @Override
              public void onEpoch(EpochMetrics m) {
                if (m.epoch() == 1) {
                  TrainerTest.copyTree(a, killed);
                }
              }
            });
        first = t.fit(data(true)).history().stream().map(EpochMetrics::withoutTime).toList();
        params = all(t);
      }
      try (MultiTaskTrainer t = new MultiTaskTrainer(spec(mode), config(3), 5, killed)) {
        TrainingResult r = t.fit(data(true));
        assertTrue(r.resumedFromEpoch() == 1, mode);
        assertTrue(
            first.equals(r.history().stream().map(EpochMetrics::withoutTime).toList()),
            mode + ": resumed metrics differ");
        List<float[]> resumed = all(t);
        for (int i = 0; i < params.size(); i++) {
          assertArrayEquals(params.get(i), resumed.get(i), 0f, mode + ": parameter " + i);
        }
      }
    }
  }

  private static List<float[]> all(MultiTaskTrainer t) {
    List<float[]> out = new ArrayList<>();
    for (Pair<String, Parameter> p : t.block().getParameters()) {
      out.add(p.getValue().getArray().toFloatArray());
    }
    return out;
  }

  @Test
  void dataWithoutRouterInputIsAClearError(@TempDir Path dir) throws Exception {
    try (MultiTaskTrainer t = new MultiTaskTrainer(spec("joint"), config(1), 5, dir)) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> t.fit(data(false)));
      assertTrue(e.getMessage().contains("features.router"), e.getMessage());
    }
    assertTrue(spec("joint").type() == ModelType.DEMONET);
    assertTrue(spec("joint").demonet().routerInput() == DemonetSpec.RouterInput.RECONSTRUCTION);
  }
}
