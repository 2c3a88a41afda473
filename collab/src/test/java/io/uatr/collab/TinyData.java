package io.uatr.collab;

import io.uatr.dsp.config.ConfigReader;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateInput;
import io.uatr.models.spec.GateTraining;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.FeatureSegment;
import io.uatr.training.SegmentSet;
import io.uatr.training.Split;
import io.uatr.training.TrainingConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small separable feature sets, a tiny sparse-gated spec and a short training config. */
final class TinyData {

  static final int BINS = 12;
  static final int FRAMES = 16;

  private TinyData() {}

  /**
   * Class c has a raised band of rows [3c, 3c + 3) on unit Gaussian noise; size level c % 2.
   * Recordings 0..testPerClass-1 of each class are TEST.
   */
  static SegmentSet make(int classes, int recPerClass, int segPerRec, int testPerClass, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<FeatureSegment> out = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < classes; c++) {
      names.add("class" + c);
      for (int r = 0; r < recPerClass; r++) {
        Split split = r < testPerClass ? Split.TEST : Split.TRAIN;
        for (int s = 0; s < segPerRec; s++) {
          float[][] x = new float[BINS][FRAMES];
          for (int i = 0; i < BINS; i++) {
            for (int j = 0; j < FRAMES; j++) {
              x[i][j] = (float) rng.nextGaussian() + (i / 3 == c ? 1.5f : 0f);
            }
          }
          out.add(new FeatureSegment(x, c, c % 2, 10f * (c + 1), "c" + c + "r" + r, split));
        }
      }
    }
    return new SegmentSet(out, names);
  }

  /** M3 with 4 experts (dense ReLU layers) at the heads, top-1 gates reading the pooled trunk. */
  static ModelSpec spec(int classes) {
    return ModelSpec.builder()
        .width(4)
        .experts(4)
        .expertDim(8)
        .gate(GateType.TOP1)
        .expertPlacement(ExpertPlacement.HEADS)
        .gateInput(GateInput.TRUNK)
        .numClasses(classes)
        .numSizeLevels(2)
        .classTowerHidden(8)
        .sizeTowerHidden(4)
        // zero-initialised routers, no warm-up gate noise: collaborative training re-seeds the
        // engine per step (exact resume from any round), ordinary training per epoch, so noise
        // draws would differ
        .gateTraining(new GateTraining(true, 0, 0))
        .build();
  }

  static TrainingConfig config(int epochs) {
    Map<String, Object> m = new HashMap<>();
    m.put("epochs", epochs);
    m.put("batch_size", 8);
    m.put("device", "cpu");
    m.put("threads", 1);
    m.put("optimizer", Map.of("type", "adam", "lr", 0.01));
    m.put("early_stopping", Map.of("restore_best", false));
    return TrainingConfig.fromConfig(new ConfigReader(m, "training"));
  }
}
