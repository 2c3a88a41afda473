package io.uatr.models.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Converts {@link ModelSpec} to and from plain YAML-like maps (no YAML library needed here). */
final class ModelSpecMaps {

  private static final Set<String> KEYS =
      Set.of(
          "type",
          "backbone",
          "width",
          "experts",
          "shared_experts",
          "gate",
          "top_k",
          "temperature",
          "gate_dropout",
          "expert_placement",
          "expert_stages",
          "expert_dim",
          "gate_input",
          "size_head",
          "num_classes",
          "num_size_levels",
          "class_tower_hidden",
          "size_tower_hidden",
          "nuisance_heads",
          "nuisance_tower_inputs",
          "aux_loss",
          "gate_init",
          "gate_noise",
          "gate_noise_epochs",
          "coord_channels",
          "pooling",
          "demonet");
  private static final Set<String> AUX_KEYS =
      Set.of("importance", "load", "switch_balance", "z_loss", "mutual_information");

  /** Importance-loss weight of the types with experts when the config sets no aux_loss. */
  static final double DEFAULT_IMPORTANCE = 0.1;

  private ModelSpecMaps() {}

  static Map<String, Object> toMap(ModelSpec s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", s.type().key());
    m.put("backbone", s.backbone().key());
    m.put("width", s.width());
    m.put("experts", s.experts());
    m.put("shared_experts", s.sharedExperts());
    m.put("gate", s.gate().key());
    m.put("top_k", s.topK());
    m.put("temperature", s.temperature());
    m.put("gate_dropout", s.gateDropout());
    m.put("expert_placement", s.expertPlacement().key());
    m.put("expert_stages", s.expertStages());
    m.put("expert_dim", s.expertDim());
    m.put("gate_input", s.gateInput().key());
    m.put("size_head", s.sizeHead().key());
    m.put("num_classes", s.numClasses());
    m.put("num_size_levels", s.numSizeLevels());
    m.put("class_tower_hidden", s.classTowerHidden());
    m.put("size_tower_hidden", s.sizeTowerHidden());
    m.put("nuisance_heads", new ArrayList<>(s.nuisanceHeads()));
    m.put("nuisance_tower_inputs", s.nuisanceTowerInputs());
    Map<String, Object> aux = new LinkedHashMap<>();
    aux.put("importance", s.auxLoss().importance());
    aux.put("load", s.auxLoss().load());
    aux.put("switch_balance", s.auxLoss().switchBalance());
    aux.put("z_loss", s.auxLoss().zLoss());
    aux.put("mutual_information", s.auxLoss().mutualInformation());
    m.put("aux_loss", aux);
    m.put("gate_init", s.gateTraining().zeroInit() ? "zeros" : "default");
    m.put("gate_noise", s.gateTraining().noise());
    m.put("gate_noise_epochs", s.gateTraining().noiseEpochs());
    m.put("coord_channels", s.coordChannels());
    m.put("pooling", s.rowPooling() ? "rows" : "global");
    if (s.type() == ModelType.DEMONET) {
      m.put("demonet", s.demonet().toMap());
    }
    return m;
  }

  static ModelSpec fromMap(Map<String, ?> m) {
    if (m == null) {
      throw new IllegalArgumentException("model must be a map of keys, was null");
    }
    for (String key : m.keySet()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "model."
                + key
                + " is not a known key (known: "
                + String.join(", ", sorted(KEYS))
                + ")");
      }
    }
    ModelSpec.Builder b = ModelSpec.builder();
    ModelType type = ModelType.M3;
    if (m.containsKey("type")) {
      type = Keyed.parse(ModelType.class, "model.type", m.get("type"));
    }
    b.type(type);
    if (type == ModelType.CMOE) {
      b.gate(GateType.TOP1);
      b.expertPlacement(ExpertPlacement.HEADS);
      b.gateInput(GateInput.TRUNK);
    }
    if (!type.isMultiTask()) {
      b.sizeHead(SizeHead.NONE);
    }
    if (m.containsKey("backbone")) {
      b.backbone(Keyed.parse(BackboneType.class, "model.backbone", m.get("backbone")));
    }
    if (m.containsKey("width")) {
      b.width(integer(m, "width"));
    }
    if (m.containsKey("experts")) {
      b.experts(integer(m, "experts"));
    }
    if (m.containsKey("shared_experts")) {
      b.sharedExperts(integer(m, "shared_experts"));
    }
    if (m.containsKey("gate")) {
      b.gate(Keyed.parse(GateType.class, "model.gate", m.get("gate")));
    }
    if (m.containsKey("top_k")) {
      b.topK(integer(m, "top_k"));
    }
    if (m.containsKey("temperature")) {
      b.temperature(number(m, "temperature", "model.temperature"));
    }
    if (m.containsKey("gate_dropout")) {
      b.gateDropout(number(m, "gate_dropout", "model.gate_dropout"));
    }
    if (m.containsKey("expert_placement")) {
      b.expertPlacement(
          Keyed.parse(ExpertPlacement.class, "model.expert_placement", m.get("expert_placement")));
    }
    if (m.containsKey("expert_stages")) {
      b.expertStages(integer(m, "expert_stages"));
    }
    if (m.containsKey("expert_dim")) {
      b.expertDim(integer(m, "expert_dim"));
    }
    if (m.containsKey("gate_input")) {
      b.gateInput(Keyed.parse(GateInput.class, "model.gate_input", m.get("gate_input")));
    }
    if (m.containsKey("size_head")) {
      b.sizeHead(Keyed.parse(SizeHead.class, "model.size_head", m.get("size_head")));
    }
    if (m.containsKey("num_classes")) {
      b.numClasses(integer(m, "num_classes"));
    }
    if (m.containsKey("num_size_levels")) {
      b.numSizeLevels(integer(m, "num_size_levels"));
    }
    if (m.containsKey("class_tower_hidden")) {
      b.classTowerHidden(integer(m, "class_tower_hidden"));
    }
    if (m.containsKey("size_tower_hidden")) {
      b.sizeTowerHidden(integer(m, "size_tower_hidden"));
    }
    if (m.containsKey("nuisance_heads")) {
      b.nuisanceHeads(strings(m.get("nuisance_heads")));
    }
    if (m.containsKey("nuisance_tower_inputs")) {
      b.nuisanceTowerInputs(integer(m, "nuisance_tower_inputs"));
    }
    if (m.containsKey("aux_loss")) {
      b.auxLoss(aux(m.get("aux_loss")));
    } else if (type.hasExperts()) {
      boolean noisy = m.containsKey("gate") && "noisy_top_k".equals(String.valueOf(m.get("gate")));
      b.auxLoss(new AuxLossWeights(DEFAULT_IMPORTANCE, noisy ? DEFAULT_IMPORTANCE : 0, 0, 0));
    }
    b.gateTraining(gateTraining(m));
    if (m.containsKey("coord_channels")) {
      b.coordChannels(bool(m, "coord_channels"));
    }
    if (m.containsKey("pooling")) {
      String v = String.valueOf(m.get("pooling"));
      if (!v.equals("rows") && !v.equals("global")) {
        throw new IllegalArgumentException("model.pooling must be global or rows, was '" + v + "'");
      }
      b.rowPooling(v.equals("rows"));
    }
    if (m.containsKey("demonet")) {
      if (type != ModelType.DEMONET) {
        throw new IllegalArgumentException(
            "model.demonet is only read for model.type demonet, was " + type.key());
      }
      b.demonet(DemonetSpec.fromMap(m.get("demonet")));
    }
    return b.build();
  }

  private static AuxLossWeights aux(Object value) {
    if (!(value instanceof Map<?, ?> raw)) {
      throw new IllegalArgumentException(
          "model.aux_loss must be a map with keys " + sorted(AUX_KEYS) + ", was " + value);
    }
    Map<String, Object> a = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : raw.entrySet()) {
      String key = String.valueOf(e.getKey());
      if (!AUX_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "model.aux_loss." + key + " is not a known key (known: " + sorted(AUX_KEYS) + ")");
      }
      a.put(key, e.getValue());
    }
    return new AuxLossWeights(
        a.containsKey("importance") ? number(a, "importance", "model.aux_loss.importance") : 0,
        a.containsKey("load") ? number(a, "load", "model.aux_loss.load") : 0,
        a.containsKey("switch_balance")
            ? number(a, "switch_balance", "model.aux_loss.switch_balance")
            : 0,
        a.containsKey("z_loss") ? number(a, "z_loss", "model.aux_loss.z_loss") : 0,
        a.containsKey("mutual_information")
            ? number(a, "mutual_information", "model.aux_loss.mutual_information")
            : 0);
  }

  private static GateTraining gateTraining(Map<String, ?> m) {
    GateTraining d = GateTraining.DEFAULT;
    boolean zero = d.zeroInit();
    if (m.containsKey("gate_init")) {
      String v = String.valueOf(m.get("gate_init"));
      if (!v.equals("zeros") && !v.equals("default")) {
        throw new IllegalArgumentException(
            "model.gate_init must be zeros or default, was '" + v + "'");
      }
      zero = v.equals("zeros");
    }
    double noise =
        m.containsKey("gate_noise") ? number(m, "gate_noise", "model.gate_noise") : d.noise();
    int epochs =
        m.containsKey("gate_noise_epochs") ? integer(m, "gate_noise_epochs") : d.noiseEpochs();
    return new GateTraining(zero, noise, epochs);
  }

  private static boolean bool(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (v instanceof Boolean b) {
      return b;
    }
    if ("true".equals(String.valueOf(v)) || "false".equals(String.valueOf(v))) {
      return Boolean.parseBoolean(String.valueOf(v));
    }
    throw new IllegalArgumentException("model." + key + " must be true or false, was '" + v + "'");
  }

  private static int integer(Map<String, ?> m, String key) {
    Object v = m.get(key);
    if (v instanceof Number n) {
      double d = n.doubleValue();
      if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
        return (int) d;
      }
    } else if (v instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException("model." + key + " must be an integer, was '" + v + "'");
  }

  private static double number(Map<String, ?> m, String key, String fullKey) {
    Object v = m.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.trim());
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    throw new IllegalArgumentException(fullKey + " must be a number, was '" + v + "'");
  }

  private static List<String> strings(Object v) {
    if (v instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object o : list) {
        if (!(o instanceof String s)) {
          throw new IllegalArgumentException(
              "model.nuisance_heads must be a list of names, had '" + o + "'");
        }
        out.add(s);
      }
      return out;
    }
    throw new IllegalArgumentException("model.nuisance_heads must be a list of names, was " + v);
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
