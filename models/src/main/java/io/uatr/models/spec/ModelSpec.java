package io.uatr.models.spec;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to rebuild a model block: the variant and its typed options. Parameters saved
 * with {@code Model.save} are loaded by rebuilding the block from this spec ({@code
 * ModelFactory.build}) and then calling {@code Model.load}.
 *
 * <p>Configuration keys (see {@link #toMap()} / {@link #fromMap(Map)}): {@code type, backbone,
 * width, experts, shared_experts, gate, top_k, temperature, gate_dropout, expert_placement,
 * expert_stages, expert_dim, gate_input, size_head, num_classes, num_size_levels,
 * class_tower_hidden, size_tower_hidden, nuisance_heads, nuisance_tower_inputs,
 * aux_loss.{importance, load, switch_balance, z_loss}, gate_init, gate_noise, gate_noise_epochs,
 * coord_channels, pooling, demonet.*} ({@code demonet} keys: see {@link DemonetSpec}). For the
 * types with experts, a config without {@code aux_loss} gets the importance loss with weight
 * {@value ModelSpecMaps#DEFAULT_IMPORTANCE} (and for noisy top-k gates the load loss with the same
 * weight), so that a mixture does not collapse onto one expert silently; {@code aux_loss:
 * {importance: 0}} switches it off.
 *
 * @param type model variant
 * @param backbone backbone architecture
 * @param width base channel count of the backbone (small_cnn: stem channels; resnet18: first stage
 *     channels, 64 in the original)
 * @param experts number of experts (for {@code ple}: task-specific experts per task)
 * @param sharedExperts number of shared experts ({@code ple} only)
 * @param gate gate kind
 * @param topK k of the noisy top-k gate
 * @param temperature softmax temperature of the gates (&gt; 0)
 * @param gateDropout probability in [0, 1) of dropping each expert from a dense gate in training
 * @param expertPlacement where the experts sit
 * @param expertStages number of trailing backbone stages inside each expert ({@code last_stages})
 * @param expertDim output width of each expert head ({@code heads} placement, not {@code cmoe})
 * @param gateInput what the gates see
 * @param sizeHead form of the size output
 * @param numClasses number of target classes (&gt;= 2)
 * @param numSizeLevels number of ordinal size levels (&gt;= 2 when size_head is levels)
 * @param classTowerHidden hidden width of the class tower (0: a single linear layer)
 * @param sizeTowerHidden hidden width of the size tower (0: a single linear layer)
 * @param nuisanceHeads names of regression heads for nuisance variables (e.g. range, depth, wind)
 * @param nuisanceTowerInputs number of nuisance features fed to the shallow nuisance tower (0:
 *     none)
 * @param auxLoss weights of the auxiliary gate losses
 * @param gateTraining gate initialisation and warm-up noise
 * @param coordChannels {@code coord_channels}: append a channel holding each column's position (-1
 *     at the first frame to 1 at the last) to the input before the stem, so that convolutions
 *     followed by global pooling can still tell WHERE along the frame axis a pattern lies (the
 *     modulation frequency of a line in a {@code modspec} input); default false
 * @param rowPooling {@code pooling: rows}: the backbone's feature maps are averaged over the rows
 *     only and flattened ([B][C][H][W] -&gt; [B][C*W]) before the heads, keeping the column
 *     position; {@code pooling: global} (default): global average pooling to [B][C]
 * @param demonet {@code demonet}: the DEMONet router input and VAE settings (read for {@code type:
 *     demonet} only; {@link DemonetSpec#DEFAULT} otherwise)
 */
public record ModelSpec(
    ModelType type,
    BackboneType backbone,
    int width,
    int experts,
    int sharedExperts,
    GateType gate,
    int topK,
    double temperature,
    double gateDropout,
    ExpertPlacement expertPlacement,
    int expertStages,
    int expertDim,
    GateInput gateInput,
    SizeHead sizeHead,
    int numClasses,
    int numSizeLevels,
    int classTowerHidden,
    int sizeTowerHidden,
    List<String> nuisanceHeads,
    int nuisanceTowerInputs,
    AuxLossWeights auxLoss,
    GateTraining gateTraining,
    boolean coordChannels,
    boolean rowPooling,
    DemonetSpec demonet) {

  /** Validates every option and names the bad key. */
  public ModelSpec {
    Objects.requireNonNull(type, "model.type must be set");
    Objects.requireNonNull(backbone, "model.backbone must be set");
    Objects.requireNonNull(gate, "model.gate must be set");
    Objects.requireNonNull(expertPlacement, "model.expert_placement must be set");
    Objects.requireNonNull(gateInput, "model.gate_input must be set");
    Objects.requireNonNull(sizeHead, "model.size_head must be set");
    nuisanceHeads = List.copyOf(Objects.requireNonNull(nuisanceHeads, "model.nuisance_heads"));
    auxLoss = auxLoss == null ? AuxLossWeights.NONE : auxLoss;
    gateTraining = gateTraining == null ? GateTraining.DEFAULT : gateTraining;
    demonet = demonet == null ? DemonetSpec.DEFAULT : demonet;
    atLeast("width", width, 1);
    atLeast("experts", experts, 1);
    atLeast("shared_experts", sharedExperts, type == ModelType.PLE ? 1 : 0);
    atLeast("top_k", topK, 1);
    atLeast("expert_stages", expertStages, 1);
    atLeast("expert_dim", expertDim, 1);
    atLeast("num_classes", numClasses, 2);
    atLeast("class_tower_hidden", classTowerHidden, 0);
    atLeast("size_tower_hidden", sizeTowerHidden, 0);
    atLeast("nuisance_tower_inputs", nuisanceTowerInputs, 0);
    if (sizeHead == SizeHead.LEVELS) {
      atLeast("num_size_levels", numSizeLevels, 2);
    }
    if (!(temperature > 0) || Double.isInfinite(temperature)) {
      throw new IllegalArgumentException(
          "model.temperature must be finite and > 0, was " + temperature);
    }
    if (!(gateDropout >= 0 && gateDropout < 1)) {
      throw new IllegalArgumentException(
          "model.gate_dropout must be in [0, 1), was " + gateDropout);
    }
    if (expertStages > backbone.stages()) {
      throw new IllegalArgumentException(
          "model.expert_stages must be <= "
              + backbone.stages()
              + " for backbone "
              + backbone.key()
              + ", was "
              + expertStages);
    }
    if (type.hasExperts()
        && gate == GateType.NOISY_TOP_K
        && topK > perGate(type, experts, sharedExperts)) {
      throw new IllegalArgumentException(
          "model.top_k must be <= the experts each gate sees ("
              + perGate(type, experts, sharedExperts)
              + "), was "
              + topK);
    }
    if (type.isMultiTask() && type != ModelType.DEMONET && sizeHead == SizeHead.NONE) {
      throw new IllegalArgumentException(
          "model.size_head must be levels or regression for type " + type.key() + ", was none");
    }
    if (!type.isMultiTask() && sizeHead != SizeHead.NONE) {
      throw new IllegalArgumentException(
          "model.size_head must be none for single-task type "
              + type.key()
              + ", was "
              + sizeHead.key());
    }
    if (type == ModelType.CMOE && gate != GateType.TOP1) {
      throw new IllegalArgumentException(
          "model.gate must be top1 for type cmoe, was " + gate.key());
    }
    if (type.hasExperts()
        && expertPlacement == ExpertPlacement.BACKBONE
        && gateInput == GateInput.TRUNK) {
      throw new IllegalArgumentException(
          "model.gate_input must be stem when model.expert_placement is backbone (there is no"
              + " shared trunk), was trunk");
    }
    Set<String> seen = new HashSet<>();
    for (String name : nuisanceHeads) {
      if (name == null || name.isBlank() || !seen.add(name)) {
        throw new IllegalArgumentException(
            "model.nuisance_heads must hold distinct non-blank names, was " + nuisanceHeads);
      }
    }
  }

  private static int perGate(ModelType t, int experts, int sharedExperts) {
    return t == ModelType.PLE ? experts + sharedExperts : experts;
  }

  /** Returns the number of experts each gate mixes ({@code ple}: own plus shared experts). */
  public int expertsPerGate() {
    return perGate(type, experts, sharedExperts);
  }

  /** Returns the number of tasks: 1 (class) or 2 (class and size). */
  public int numTasks() {
    return sizeHead == SizeHead.NONE ? 1 : 2;
  }

  /**
   * Returns the number of distinct gates: 0 without experts, 1 for {@code omoe} and {@code cmoe},
   * otherwise one per task.
   */
  public int numGates() {
    return switch (type) {
      case SINGLE_TASK, SHARED_BOTTOM -> 0;
      case OMOE, CMOE -> 1;
      case M3, PLE, DEMONET -> numTasks();
    };
  }

  /**
   * Returns the number of gate-weight arrays in the forward output: one per task for gated models
   * (for {@code omoe} both tasks report the one shared gate), 0 otherwise.
   */
  public int numGateOutputs() {
    return type.hasExperts() ? numTasks() : 0;
  }

  /**
   * Returns true when the model reads a router side input (entry {@code ModelInputs.ROUTER} of its
   * input NDList): [B][views][bins], see {@link DemonetSpec}.
   */
  public boolean needsRouterInput() {
    return type == ModelType.DEMONET;
  }

  /** Returns the size output width: num_size_levels, 1 (regression) or 0 (none). */
  public int sizeOutputWidth() {
    return switch (sizeHead) {
      case LEVELS -> numSizeLevels;
      case REGRESSION -> 1;
      case NONE -> 0;
    };
  }

  /**
   * Returns this spec as plain YAML-like keys (see the class comment); {@link #fromMap} inverts.
   */
  public Map<String, Object> toMap() {
    return ModelSpecMaps.toMap(this);
  }

  /**
   * Reads a spec from plain keys; missing keys take the defaults of {@link #builder()} (for {@code
   * cmoe}: gate top1 and size_head none; for {@code single_task}: size_head none).
   *
   * @throws IllegalArgumentException for unknown keys or bad values, naming {@code model.<key>}
   */
  public static ModelSpec fromMap(Map<String, ?> map) {
    return ModelSpecMaps.fromMap(map);
  }

  /** Returns a builder with the defaults of a small M3 model on the small CNN. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder initialised with this spec's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.type = type;
    b.backbone = backbone;
    b.width = width;
    b.experts = experts;
    b.sharedExperts = sharedExperts;
    b.gate = gate;
    b.topK = topK;
    b.temperature = temperature;
    b.gateDropout = gateDropout;
    b.expertPlacement = expertPlacement;
    b.expertStages = expertStages;
    b.expertDim = expertDim;
    b.gateInput = gateInput;
    b.sizeHead = sizeHead;
    b.numClasses = numClasses;
    b.numSizeLevels = numSizeLevels;
    b.classTowerHidden = classTowerHidden;
    b.sizeTowerHidden = sizeTowerHidden;
    b.nuisanceHeads = nuisanceHeads;
    b.nuisanceTowerInputs = nuisanceTowerInputs;
    b.auxLoss = auxLoss;
    b.gateTraining = gateTraining;
    b.coordChannels = coordChannels;
    b.rowPooling = rowPooling;
    b.demonet = demonet;
    return b;
  }

  private static void atLeast(String key, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException("model." + key + " must be >= " + min + ", was " + value);
    }
  }

  /** Builder with defaults: m3, small_cnn width 16, 4 experts, softmax gates, last_stages 1. */
  public static final class Builder {
    private ModelType type = ModelType.M3;
    private BackboneType backbone = BackboneType.SMALL_CNN;
    private int width = 16;
    private int experts = 4;
    private int sharedExperts = 1;
    private GateType gate = GateType.SOFTMAX;
    private int topK = 2;
    private double temperature = 1.0;
    private double gateDropout = 0.0;
    private ExpertPlacement expertPlacement = ExpertPlacement.LAST_STAGES;
    private int expertStages = 1;
    private int expertDim = 64;
    private GateInput gateInput = GateInput.STEM;
    private SizeHead sizeHead = SizeHead.LEVELS;
    private int numClasses = 9;
    private int numSizeLevels = 4;
    private int classTowerHidden = 64;
    private int sizeTowerHidden = 32;
    private List<String> nuisanceHeads = List.of();
    private int nuisanceTowerInputs = 0;
    private AuxLossWeights auxLoss = AuxLossWeights.NONE;
    private GateTraining gateTraining = GateTraining.DEFAULT;
    private boolean coordChannels = false;
    private boolean rowPooling = false;
    private DemonetSpec demonet = DemonetSpec.DEFAULT;

    private Builder() {}

    /** Sets {@code type}. */
    public Builder type(ModelType v) {
      type = v;
      return this;
    }

    /** Sets {@code backbone}. */
    public Builder backbone(BackboneType v) {
      backbone = v;
      return this;
    }

    /** Sets {@code width}. */
    public Builder width(int v) {
      width = v;
      return this;
    }

    /** Sets {@code experts}. */
    public Builder experts(int v) {
      experts = v;
      return this;
    }

    /** Sets {@code shared_experts}. */
    public Builder sharedExperts(int v) {
      sharedExperts = v;
      return this;
    }

    /** Sets {@code gate}. */
    public Builder gate(GateType v) {
      gate = v;
      return this;
    }

    /** Sets {@code top_k}. */
    public Builder topK(int v) {
      topK = v;
      return this;
    }

    /** Sets {@code temperature}. */
    public Builder temperature(double v) {
      temperature = v;
      return this;
    }

    /** Sets {@code gate_dropout}. */
    public Builder gateDropout(double v) {
      gateDropout = v;
      return this;
    }

    /** Sets {@code expert_placement}. */
    public Builder expertPlacement(ExpertPlacement v) {
      expertPlacement = v;
      return this;
    }

    /** Sets {@code expert_stages}. */
    public Builder expertStages(int v) {
      expertStages = v;
      return this;
    }

    /** Sets {@code expert_dim}. */
    public Builder expertDim(int v) {
      expertDim = v;
      return this;
    }

    /** Sets {@code gate_input}. */
    public Builder gateInput(GateInput v) {
      gateInput = v;
      return this;
    }

    /** Sets {@code size_head}. */
    public Builder sizeHead(SizeHead v) {
      sizeHead = v;
      return this;
    }

    /** Sets {@code num_classes}. */
    public Builder numClasses(int v) {
      numClasses = v;
      return this;
    }

    /** Sets {@code num_size_levels}. */
    public Builder numSizeLevels(int v) {
      numSizeLevels = v;
      return this;
    }

    /** Sets {@code class_tower_hidden}. */
    public Builder classTowerHidden(int v) {
      classTowerHidden = v;
      return this;
    }

    /** Sets {@code size_tower_hidden}. */
    public Builder sizeTowerHidden(int v) {
      sizeTowerHidden = v;
      return this;
    }

    /** Sets {@code nuisance_heads}. */
    public Builder nuisanceHeads(List<String> v) {
      nuisanceHeads = v;
      return this;
    }

    /** Sets {@code nuisance_tower_inputs}. */
    public Builder nuisanceTowerInputs(int v) {
      nuisanceTowerInputs = v;
      return this;
    }

    /** Sets {@code aux_loss}. */
    public Builder auxLoss(AuxLossWeights v) {
      auxLoss = v;
      return this;
    }

    /** Sets {@code gate_init}, {@code gate_noise} and {@code gate_noise_epochs}. */
    public Builder gateTraining(GateTraining v) {
      gateTraining = v;
      return this;
    }

    /** Sets {@code pooling}: true for rows, false for global. */
    public Builder rowPooling(boolean v) {
      rowPooling = v;
      return this;
    }

    /** Sets {@code coord_channels}. */
    public Builder coordChannels(boolean v) {
      coordChannels = v;
      return this;
    }

    /** Sets {@code demonet}. */
    public Builder demonet(DemonetSpec v) {
      demonet = v;
      return this;
    }

    /** Builds and validates the spec. */
    public ModelSpec build() {
      return new ModelSpec(
          type,
          backbone,
          width,
          experts,
          sharedExperts,
          gate,
          topK,
          temperature,
          gateDropout,
          expertPlacement,
          expertStages,
          expertDim,
          gateInput,
          sizeHead,
          numClasses,
          numSizeLevels,
          classTowerHidden,
          sizeTowerHidden,
          nuisanceHeads,
          nuisanceTowerInputs,
          auxLoss,
          gateTraining,
          coordChannels,
          rowPooling,
          demonet);
    }
  }
}
