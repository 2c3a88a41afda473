package io.uatr.training;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.models.spec.AuxLossWeights;
import io.uatr.models.spec.GateTraining;
import io.uatr.models.spec.ModelSpec;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importance loss spreads the routing: it lowers the load coefficient of variation. */
class BalanceLossTest {

  static double loadCv(double importance, Path dir) throws Exception {
    ModelSpec spec =
        TinyData.spec(3).toBuilder()
            .experts(4)
            .temperature(0.3)
            .gateTraining(GateTraining.LEGACY)
            .auxLoss(new AuxLossWeights(importance, 0, 0, 0))
            .build();
    TrainingConfig c = GuardsTest.config(Map.of("epochs", 4));
    SegmentSet data = TinyData.make(3, 4, 3, 1, 8);
    try (MultiTaskTrainer t = new MultiTaskTrainer(spec, c, 5, dir)) {
      t.fit(data);
      return t.evaluate(data.part(Split.TRAIN)).gates().get(0).loadCv();
    }
  }

  @Test
  void theImportanceLossLowersTheLoadCvOnAToySet(@TempDir Path tmp) throws Exception {
    double without = loadCv(0, tmp.resolve("a"));
    double with = loadCv(2.0, tmp.resolve("b"));
    assertTrue(with < 0.5 * without, "load CV with the loss " + with + ", without " + without);
  }
}
