package io.uatr.training;

import io.uatr.models.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Small separable feature sets and a tiny model spec for trainer tests. */
final class TinyData {

  static final int BINS = 12;
  static final int FRAMES = 16;

  private TinyData() {}

  /**
   * Class c has a raised band of rows [3c, 3c + 3) on top of unit Gaussian noise; size level = c %
   * 2, size value = 10 (c + 1). Recordings 0..testPerClass-1 of each class are TEST.
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

  static ModelSpec spec(int classes) {
    return ModelSpec.builder()
        .width(4)
        .experts(2)
        .expertDim(8)
        .numClasses(classes)
        .numSizeLevels(2)
        .classTowerHidden(8)
        .sizeTowerHidden(4)
        .build();
  }
}
