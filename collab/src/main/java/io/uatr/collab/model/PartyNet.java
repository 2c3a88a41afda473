package io.uatr.collab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.uatr.models.MultiTaskNet;
import io.uatr.models.blocks.ChannelsLast;
import io.uatr.models.blocks.ExpertLayer;
import io.uatr.models.blocks.Gate;
import io.uatr.models.blocks.GateLosses;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.GateType;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The full {@link MultiTaskNet} of a spec, split the PC-MoE way: the backbone (stem, trunk, gates,
 * towers), which a party keeps, and the experts, which are hosted round-robin by the parties.
 * Forward runs in two phases so that the experts can run elsewhere: {@link #front} (stem and trunk:
 * the expert input and the gate input), then {@link #gates} and {@link #head} (mixture with the
 * gate weights, towers, auxiliary gate loss). Their composition equals {@code MultiTaskNet}'s
 * forward (the 1-party equivalence test checks it through training).
 *
 * <p>Supported: {@code m3} and {@code omoe} with experts at {@code heads} or {@code last_stages},
 * sparse gates ({@code noisy_top_k} with top_k 1-2, or {@code top1}), no nuisance heads or tower.
 */
public final class PartyNet {

  private final ModelSpec spec;
  private final MultiTaskNet net;
  private final Block stem;
  private final Block trunk;
  private final ExpertLayer experts;
  private final List<Gate> gates = new ArrayList<>();
  private final List<Integer> topKs = new ArrayList<>();
  private final Block classTower;
  private final Block sizeTower;

  /**
   * Phase-one output.
   *
   * @param expertIn the experts' input: [B][D] at heads, [B][C][H][W] at last_stages
   * @param gateIn the gates' input [B][G]
   */
  public record Front(NDArray expertIn, NDArray gateIn) {}

  /**
   * Builds and initialises the full network (parameters drawn from the engine's current seed,
   * exactly as {@code MultiTaskTrainer} does).
   *
   * @param spec the model spec (see the class comment for what is supported)
   * @param manager owns the parameters
   * @param inputShape [B][1][bins][frames]
   */
  public PartyNet(ModelSpec spec, NDManager manager, Shape inputShape) {
    check(spec);
    this.spec = spec;
    this.net = new MultiTaskNet(spec);
    net.initialize(manager, DataType.FLOAT32, inputShape);
    Map<String, Block> byName = new java.util.HashMap<>();
    for (Pair<String, Block> c : net.getChildren()) {
      byName.put(c.getKey().replaceFirst("^[0-9]+", ""), c.getValue());
    }
    stem = byName.get("stem");
    trunk = byName.get("trunk");
    experts = (ExpertLayer) byName.get("experts");
    for (int g = 0; g < spec.numGates(); g++) {
      Gate gate = (Gate) byName.get("gate" + g);
      gates.add(gate);
      topKs.add(gate.topK());
    }
    classTower = byName.get("class_tower");
    sizeTower = byName.get("size_tower");
  }

  /**
   * Rejects specs this split does not support, naming the key.
   *
   * @param spec the spec
   * @throws IllegalArgumentException naming the model key
   */
  public static void check(ModelSpec spec) {
    if (spec.type() != ModelType.M3 && spec.type() != ModelType.OMOE) {
      throw new IllegalArgumentException(
          "model.type: collaborative training supports m3 and omoe, was " + spec.type().key());
    }
    if (spec.expertPlacement() == ExpertPlacement.BACKBONE) {
      throw new IllegalArgumentException(
          "model.expert_placement: collaborative training supports heads and last_stages, was"
              + " backbone");
    }
    if (spec.gate() == GateType.SOFTMAX) {
      throw new IllegalArgumentException(
          "model.gate: collaborative training needs a sparse gate (noisy_top_k or top1), was"
              + " softmax");
    }
    if (spec.gate() == GateType.NOISY_TOP_K && (spec.topK() < 1 || spec.topK() > 2)) {
      throw new IllegalArgumentException(
          "model.top_k: collaborative training supports 1 or 2, was " + spec.topK());
    }
    if (!spec.nuisanceHeads().isEmpty() || spec.nuisanceTowerInputs() > 0) {
      throw new IllegalArgumentException(
          "model.nuisance_heads / model.nuisance_tower_inputs: not supported in collaborative"
              + " training");
    }
  }

  /** Returns the spec. */
  public ModelSpec spec() {
    return spec;
  }

  /** Returns the number of experts in the global pool. */
  public int expertCount() {
    return experts.size();
  }

  /** Returns expert {@code j}'s block. */
  public Block expert(int j) {
    return experts.getChildren().get(j).getValue();
  }

  /** Returns the whole network (stem, trunk, every expert, gates, towers). */
  public MultiTaskNet net() {
    return net;
  }

  /** Returns expert {@code j}'s parameters in block order (running statistics included). */
  public List<Parameter> expertParameters(int j) {
    List<Parameter> out = new ArrayList<>();
    for (Pair<String, Parameter> p : expert(j).getParameters()) {
      out.add(p.getValue());
    }
    return out;
  }

  /**
   * Returns the backbone's parameters in the network's order: every parameter that belongs to no
   * expert (stem, trunk, gates, towers; running statistics included), with their names.
   */
  public List<Pair<String, Parameter>> backboneParameters() {
    Map<Parameter, Boolean> expert = new IdentityHashMap<>();
    for (int j = 0; j < expertCount(); j++) {
      for (Parameter p : expertParameters(j)) {
        expert.put(p, true);
      }
    }
    List<Pair<String, Parameter>> out = new ArrayList<>();
    for (Pair<String, Parameter> p : net.getParameters()) {
      if (!expert.containsKey(p.getValue())) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Phase one: stem and trunk.
   *
   * @param ps parameter store
   * @param x [B][1][bins][frames]
   * @param training training mode (batch statistics)
   * @return expert input and gate input
   */
  public Front front(ParameterStore ps, NDArray x, boolean training) {
    NDArray in = spec.coordChannels() ? MultiTaskNet.withCoordinates(x) : x;
    NDArray stemOut = ChannelsLast.convert(stem.forward(ps, new NDList(in), training).head());
    NDArray trunkOut =
        trunk == null ? stemOut : trunk.forward(ps, new NDList(stemOut), training).head();
    NDArray expertIn =
        spec.expertPlacement() == ExpertPlacement.HEADS
            ? MultiTaskNet.represent(spec, trunkOut)
            : trunkOut;
    return new Front(expertIn, MultiTaskNet.gateInput(spec, x, stemOut, trunkOut));
  }

  /**
   * The first conv layer's output (the stem: conv, batch norm, ReLU), for the reconstruction
   * attack's reference.
   *
   * @param ps parameter store
   * @param x [B][1][bins][frames]
   * @return [B][C][F'][T']
   */
  public NDArray stemOutput(ParameterStore ps, NDArray x) {
    NDArray in = spec.coordChannels() ? MultiTaskNet.withCoordinates(x) : x;
    return ChannelsLast.convert(stem.forward(ps, new NDList(in), false).head());
  }

  /**
   * Runs every gate.
   *
   * @param ps parameter store
   * @param gateIn [B][G]
   * @param training training mode (gate noise)
   * @return one gate output per gate (see {@link Gate}); weights [B][E] with k non-zeros per row
   */
  public List<NDList> gates(ParameterStore ps, NDArray gateIn, boolean training) {
    List<NDList> out = new ArrayList<>(gates.size());
    for (Gate g : gates) {
      out.add(g.forward(ps, new NDList(gateIn), training));
    }
    return out;
  }

  /** Sets every gate's warm-up noise (see {@link MultiTaskNet#setGateNoise}). */
  public void setGateNoise(float std) {
    net.setGateNoise(std);
  }

  /**
   * Phase three: mixes the expert outputs with each task's gate weights and runs the towers.
   *
   * @param ps parameter store
   * @param gateOuts the outputs of {@link #gates}
   * @param stack expert outputs [B][E][D]; rows an expert was not routed are zero
   * @param training training mode
   * @return the outputs in {@link io.uatr.models.ModelOutputs} order (no nuisance entries)
   */
  public NDList head(ParameterStore ps, List<NDList> gateOuts, NDArray stack, boolean training) {
    int tasks = spec.numTasks();
    List<NDArray> reps = new ArrayList<>(tasks);
    List<NDArray> weights = new ArrayList<>(tasks);
    for (int t = 0; t < tasks; t++) {
      NDArray w = Gate.weights(gateOuts.get(spec.type() == ModelType.OMOE ? 0 : t));
      reps.add(ExpertLayer.mix(stack, w));
      weights.add(w);
    }
    NDArray classOut = classTower.forward(ps, new NDList(reps.get(0)), training).head();
    NDArray sizeOut =
        sizeTower == null
            ? stack.getManager().zeros(new Shape(stack.getShape().get(0), 0), DataType.FLOAT32)
            : sizeTower.forward(ps, new NDList(reps.get(1)), training).head();
    NDList out = new NDList(classOut, sizeOut);
    out.add(GateLosses.total(gateOuts, topKs, spec.auxLoss(), stack));
    out.addAll(weights);
    return out;
  }

  /** Whether the spec has a size tower. */
  public boolean hasSizeTower() {
    return spec.sizeHead() != SizeHead.NONE;
  }
}
