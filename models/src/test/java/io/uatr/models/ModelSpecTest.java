package io.uatr.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.uatr.models.spec.AuxLossWeights;
import io.uatr.models.spec.BackboneType;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation messages and the map round trip of {@link ModelSpec}. */
class ModelSpecTest {

  @Test
  void mapRoundTripKeepsEveryField() {
    ModelSpec spec =
        ModelSpec.builder()
            .type(ModelType.PLE)
            .backbone(BackboneType.RESNET18)
            .width(8)
            .experts(3)
            .sharedExperts(2)
            .gate(GateType.NOISY_TOP_K)
            .topK(2)
            .temperature(0.5)
            .gateDropout(0.1)
            .expertPlacement(ExpertPlacement.LAST_STAGES)
            .expertStages(2)
            .expertDim(32)
            .sizeHead(SizeHead.REGRESSION)
            .numClasses(5)
            .numSizeLevels(3)
            .classTowerHidden(0)
            .sizeTowerHidden(16)
            .nuisanceHeads(List.of("range", "wind"))
            .nuisanceTowerInputs(3)
            .auxLoss(new AuxLossWeights(0.1, 0.2, 0.01, 0.001))
            .build();
    Map<String, Object> map = spec.toMap();
    assertEquals("ple", map.get("type"));
    assertEquals("noisy_top_k", map.get("gate"));
    assertEquals(spec, ModelSpec.fromMap(map));
  }

  @Test
  void fromMapAcceptsPlainYamlValues() {
    Map<String, Object> map = new HashMap<>();
    map.put("type", "CMoE");
    map.put("experts", 8L);
    map.put("width", "16");
    map.put("temperature", 2);
    map.put("aux_loss", Map.of("switch_balance", 0.01));
    ModelSpec spec = ModelSpec.fromMap(map);
    assertEquals(ModelType.CMOE, spec.type());
    assertEquals(GateType.TOP1, spec.gate());
    assertEquals(SizeHead.NONE, spec.sizeHead());
    assertEquals(8, spec.experts());
    assertEquals(16, spec.width());
    assertEquals(2.0, spec.temperature());
    assertEquals(0.01, spec.auxLoss().switchBalance());
  }

  @Test
  void badValuesNameTheKey() {
    assertMessage(
        "model.experts must be >= 1, was 0", () -> ModelSpec.builder().experts(0).build());
    assertMessage(
        "model.gate_dropout must be in [0, 1), was 1.0",
        () -> ModelSpec.builder().gateDropout(1.0).build());
    assertMessage(
        "model.top_k must be <= the experts each gate sees (4), was 5",
        () -> ModelSpec.builder().gate(GateType.NOISY_TOP_K).topK(5).build());
    assertMessage(
        "model.size_head must be none for single-task type cmoe, was levels",
        () -> ModelSpec.builder().type(ModelType.CMOE).gate(GateType.TOP1).build());
    assertMessage(
        "model.expert_stages must be <= 2 for backbone small_cnn, was 3",
        () -> ModelSpec.builder().expertStages(3).build());
    assertMessage(
        "model.aux_loss.z_loss must be finite and >= 0, was -1.0",
        () -> new AuxLossWeights(0, 0, 0, -1));
    assertMessage(
        "model.gate must be one of softmax|noisy_top_k|top1, was 'dense'",
        () -> ModelSpec.fromMap(Map.of("gate", "dense")));
    assertMessage(
        "model.width must be an integer, was '1.5'", () -> ModelSpec.fromMap(Map.of("width", 1.5)));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> ModelSpec.fromMap(Map.of("expert", 4)));
    assertEquals(true, unknown.getMessage().startsWith("model.expert is not a known key"));
  }

  private static void assertMessage(String expected, Runnable action) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, action::run);
    assertEquals(expected, e.getMessage());
  }
}
