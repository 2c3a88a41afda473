package io.uatr.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.uatr.models.blocks.BackboneParts;
import io.uatr.models.blocks.Backbones;
import io.uatr.models.blocks.ChannelsLast;
import io.uatr.models.blocks.DemonVae;
import io.uatr.models.blocks.ExpertLayer;
import io.uatr.models.blocks.Gate;
import io.uatr.models.blocks.GateLosses;
import io.uatr.models.blocks.GlobalAvgPool;
import io.uatr.models.blocks.Layers;
import io.uatr.models.blocks.NoisyTopKGate;
import io.uatr.models.blocks.RowPool;
import io.uatr.models.blocks.Scalars;
import io.uatr.models.blocks.SoftmaxGate;
import io.uatr.models.blocks.Top1Gate;
import io.uatr.models.spec.DemonetSpec;
import io.uatr.models.spec.ExpertPlacement;
import io.uatr.models.spec.ModelSpec;
import io.uatr.models.spec.ModelType;
import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The model of every {@code model.type}, built from a {@link ModelSpec}: shared stem, shared trunk
 * (the backbone stages before the experts), expert layer(s), gates, task towers and optional
 * nuisance heads and tower.
 *
 * <p>Input NDList ({@link ModelInputs}): [0] spectrogram [B][1][bins][frames]; [1] nuisance
 * features [B][n] (only read in training, and only when {@code nuisance_tower_inputs} &gt; 0); [2]
 * the router input [B][views][bins] ({@code demonet} only). Output: see {@link ModelOutputs} for
 * the fixed order (class logits, size output, auxiliary gate loss, nuisance heads, gate weights per
 * task).
 *
 * <p>Towers and heads: the class tower and the nuisance heads (Linear(1) each) read the class
 * task's representation, the size tower the size task's; for {@code cmoe} with {@code heads}
 * placement the experts are Linear(num_classes) heads and their mixture is the class logits. The
 * nuisance tower (Linear(num_classes) on the nuisance features) is added to the class logits in
 * training only. Gate inputs: {@code stem} = pooled stem output, {@code trunk} = pooled shared
 * trunk output; for {@code demonet} the gates read the segment's DEMON views (raw, or through the
 * {@link DemonVae}, see {@link DemonetSpec}), detached when {@code demonet.stop_gradient} is on,
 * and the VAE loss (times {@code demonet.vae_weight}) is added to the auxiliary loss output.
 *
 * <p>The stem output is converted to channels-last memory order ({@link ChannelsLast}), which the
 * later layers keep; values are unaffected.
 *
 * <p>Gates: with {@code gate_init: zeros} every router parameter starts at 0 (uniform routing);
 * {@link #setGateNoise} adds warm-up noise to dense gates in training. With {@code coord_channels}
 * the input gets a second channel holding the column position before the stem ({@link
 * #withCoordinates}).
 *
 * <p>Children are registered in a fixed order (stem, trunk, expert groups, gates, class tower, size
 * tower, nuisance heads, nuisance tower); saved parameters follow this order.
 */
public final class MultiTaskNet extends AbstractBlock {

  private static final byte VERSION = 1;

  private final ModelSpec spec;
  private final Block stem;
  private final SequentialBlock trunk; // null when the trunk has no stage
  private final List<ExpertLayer> groups = new ArrayList<>();
  private final List<Gate> gates = new ArrayList<>();
  private final List<Integer> gateTopKs = new ArrayList<>();
  private final Block classTower;
  private final Block sizeTower;
  private final List<Block> nuisanceHeads = new ArrayList<>();
  private final Block nuisanceTower;
  private final DemonVae vae; // demonet with a VAE only

  /** Builds the block described by {@code spec}; parameters are created on initialisation. */
  public MultiTaskNet(ModelSpec spec) {
    super(VERSION);
    this.spec = spec;
    int stages = spec.backbone().stages();
    BackboneParts shared = Backbones.create(spec.backbone(), spec.width());
    stem = addChildBlock("stem", shared.stem());
    int trunkStages = trunkStages(spec);
    if (trunkStages > 0) {
      SequentialBlock t = new SequentialBlock();
      for (int i = 0; i < trunkStages; i++) {
        t.add(shared.stages().get(i));
      }
      trunk = addChildBlock("trunk", t);
    } else {
      trunk = null;
    }
    boolean cmoeHeads =
        spec.type() == ModelType.CMOE && spec.expertPlacement() == ExpertPlacement.HEADS;
    if (spec.type().hasExperts()) {
      Supplier<Block> factory = expertFactory(spec, trunkStages, stages, cmoeHeads);
      if (spec.type() == ModelType.PLE) {
        groups.add(addChildBlock("shared_experts", new ExpertLayer(spec.sharedExperts(), factory)));
        for (int task = 0; task < spec.numTasks(); task++) {
          groups.add(
              addChildBlock("task" + task + "_experts", new ExpertLayer(spec.experts(), factory)));
        }
      } else {
        groups.add(addChildBlock("experts", new ExpertLayer(spec.experts(), factory)));
      }
      DemonetSpec dm = spec.demonet();
      vae =
          spec.needsRouterInput() && dm.hasVae()
              ? addChildBlock(
                  "demon_vae",
                  dm.codec() == DemonetSpec.Codec.CONV
                      ? new DemonVae(
                          dm.bins(),
                          dm.convChannels(),
                          dm.convLatent(),
                          dm.convDilationArray(),
                          dm.crossTemporal())
                      : new DemonVae(dm.bins(), dm.hidden(), dm.latentDim(), dm.crossTemporal()))
              : null;
      for (int g = 0; g < spec.numGates(); g++) {
        Gate gate = addChildBlock("gate" + g, newGate(spec));
        gates.add(gate);
        gateTopKs.add(gate.topK());
      }
    } else {
      vae = null;
    }
    classTower =
        cmoeHeads
            ? null
            : addChildBlock(
                "class_tower", Layers.tower(spec.classTowerHidden(), spec.numClasses()));
    sizeTower =
        spec.sizeHead() == SizeHead.NONE
            ? null
            : addChildBlock(
                "size_tower", Layers.tower(spec.sizeTowerHidden(), spec.sizeOutputWidth()));
    for (String name : spec.nuisanceHeads()) {
      nuisanceHeads.add(addChildBlock("nuisance_" + name, Layers.linear(1)));
    }
    nuisanceTower =
        spec.nuisanceTowerInputs() > 0
            ? addChildBlock("nuisance_tower", Layers.linear(spec.numClasses()))
            : null;
  }

  /** Returns the spec this block was built from. */
  public ModelSpec spec() {
    return spec;
  }

  private static int trunkStages(ModelSpec spec) {
    int stages = spec.backbone().stages();
    if (!spec.type().hasExperts()) {
      return stages;
    }
    return switch (spec.expertPlacement()) {
      case HEADS -> stages;
      case LAST_STAGES -> stages - spec.expertStages();
      case BACKBONE -> 0;
    };
  }

  private static Supplier<Block> expertFactory(
      ModelSpec spec, int trunkStages, int stages, boolean cmoeHeads) {
    return switch (spec.expertPlacement()) {
      case HEADS ->
          cmoeHeads
              ? () -> Layers.linear(spec.numClasses())
              : () -> Layers.denseRelu(spec.expertDim());
      case LAST_STAGES ->
          () -> {
            BackboneParts p = Backbones.create(spec.backbone(), spec.width());
            SequentialBlock s = new SequentialBlock();
            for (int i = trunkStages; i < stages; i++) {
              s.add(p.stages().get(i));
            }
            return s.add(spec.rowPooling() ? new RowPool() : new GlobalAvgPool());
          };
      case BACKBONE ->
          () -> {
            BackboneParts p = Backbones.create(spec.backbone(), spec.width());
            SequentialBlock s = new SequentialBlock().add(p.stem()).add(new ChannelsLast());
            p.stages().forEach(s::add);
            return s.add(spec.rowPooling() ? new RowPool() : new GlobalAvgPool());
          };
    };
  }

  private static Gate newGate(ModelSpec spec) {
    int e = spec.expertsPerGate();
    float temperature = (float) spec.temperature();
    return switch (spec.gate()) {
      case SOFTMAX -> new SoftmaxGate(e, temperature, (float) spec.gateDropout());
      case NOISY_TOP_K -> new NoisyTopKGate(e, spec.topK(), temperature);
      case TOP1 -> new Top1Gate(e, temperature);
    };
  }

  /**
   * Sets the DEMONet VAE's loss for a 1-based epoch: the KL weight of the warm-up ({@link
   * DemonetSpec#betaAt}) and, with {@code vae_training: pretrain} after the pre-training epochs, no
   * VAE loss at all (the trainer also stops updating its parameters, see {@link #frozenParts}). No
   * effect without a VAE.
   *
   * @param epoch 1-based epoch
   */
  public void setEpoch(int epoch) {
    if (vae != null) {
      DemonetSpec dm = spec.demonet();
      vae.setLoss((float) dm.betaAt(epoch), !dm.frozenAt(epoch));
    }
  }

  /** Returns true when this is a DEMONet with a VAE. */
  public boolean hasVae() {
    return vae != null;
  }

  /**
   * The VAE's training loss on DEMON views (for pre-training it alone): reconstruction plus the KL
   * term weighted by {@code beta}, with latent sampling; needs a gradient collector to train.
   *
   * @param ps parameter store
   * @param views [B][V][D] DEMON views
   * @param beta KL weight
   * @return {loss, reconstruction term, KL term}, scalars []
   * @throws IllegalStateException without a VAE
   */
  public NDList vaeLoss(ParameterStore ps, NDArray views, float beta) {
    if (vae == null) {
      throw new IllegalStateException("model has no DEMON VAE");
    }
    vae.setLoss(beta, true);
    NDList out = vae.forward(ps, new NDList(views), true, null);
    return new NDList(out.get(DemonVae.LOSS), out.get(3), out.get(4));
  }

  /**
   * Parts of the names of the parameters that are frozen in a 1-based epoch (the DEMONet VAE after
   * its pre-training); empty when nothing is frozen.
   *
   * @param epoch 1-based epoch
   * @return name parts; a parameter is frozen when its {@code getParameters()} key contains one
   */
  public List<String> frozenParts(int epoch) {
    return vae != null && spec.demonet().frozenAt(epoch) ? List.of("demon_vae") : List.of();
  }

  /**
   * The router readout of DEMON views without training noise: the views standardised and averaged
   * (raw), the VAE's reconstruction of each view from its latent mean, averaged over the views, or
   * the averaged latent mean.
   *
   * @param ps parameter store
   * @param views [B][V][D] DEMON views
   * @return [B][D] (raw, reconstruction) or [B][L] (latent)
   */
  public NDArray routerReadout(ParameterStore ps, NDArray views) {
    return readout(ps, views, false, null).head();
  }

  /**
   * The DEMON spectra of every view of the router input, without training noise: [0] the raw views
   * standardised, [1] the VAE's reconstruction of each view from its latent mean (only when the
   * model has a VAE). The router reads their mean over the views.
   *
   * @param ps parameter store
   * @param views [B][V][D] DEMON views
   * @return [B][V][D] raw, then [B][V][D] reconstruction when there is a VAE
   */
  public NDList demonSpectra(ParameterStore ps, NDArray views) {
    NDList out = new NDList(DemonVae.standardise(views));
    if (vae != null) {
      NDList v = vae.forward(ps, new NDList(views), false, null);
      out.add(v.get(DemonVae.RECONSTRUCTION));
    }
    return out;
  }

  /** Returns {readout, vae loss} for the router input (vae loss 0 without a VAE). */
  private NDList readout(
      ParameterStore ps, NDArray views, boolean training, PairList<String, Object> params) {
    if (vae == null) {
      NDArray r = DemonVae.standardise(views).mean(new int[] {1});
      return new NDList(r, views.getManager().create(0f));
    }
    NDList out = vae.forward(ps, new NDList(views), training, params);
    NDArray r =
        spec.demonet().routerInput() == DemonetSpec.RouterInput.LATENT
            ? out.get(DemonVae.LATENT).mean(new int[] {1})
            : out.get(DemonVae.RECONSTRUCTION).mean(new int[] {1});
    NDArray loss = out.get(DemonVae.LOSS);
    float w = (float) spec.demonet().vaeWeight();
    return new NDList(r, w == 1f ? loss : Scalars.mul(loss, w));
  }

  private int gateOfTask(int task) {
    return spec.type() == ModelType.OMOE || spec.type() == ModelType.CMOE ? 0 : task;
  }

  /**
   * Sets the warm-up noise of every gate (see {@link Gate#setWarmupNoise}); the trainer calls it at
   * the start of each epoch with {@code model.gate_noise} scaled by the warm-up schedule.
   *
   * @param std standard deviation in logit units, &gt;= 0
   */
  public void setGateNoise(float std) {
    for (Gate g : gates) {
      g.setWarmupNoise(std);
    }
  }

  /**
   * Appends the coordinate channel of {@code model.coord_channels}: [B][1][F][T] -&gt;
   * [B][2][F][T], channel 1 holding -1 + 2 t / (T - 1) at column t (0 when T = 1).
   *
   * @param x [B][1][F][T]
   * @return [B][2][F][T]
   */
  public static NDArray withCoordinates(NDArray x) {
    Shape s = x.getShape();
    long t = s.get(3);
    NDArray col =
        t > 1 ? x.getManager().linspace(-1f, 1f, (int) t) : x.getManager().zeros(new Shape(1));
    NDArray c = col.toType(x.getDataType(), false).reshape(1, 1, 1, t).broadcast(s);
    return x.concat(c, 1);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = spec.coordChannels() ? withCoordinates(inputs.get(0)) : inputs.get(0);
    NDList stemOut =
        new NDList(ChannelsLast.convert(stem.forward(ps, new NDList(x), training, params).head()));
    NDList trunkOut = trunk == null ? stemOut : trunk.forward(ps, stemOut, training, params);
    int tasks = spec.numTasks();
    List<NDArray> reps = new ArrayList<>(tasks);
    List<NDArray> taskGateWeights = new ArrayList<>(tasks);
    List<NDList> gateOuts = new ArrayList<>(gates.size());
    NDArray vaeLoss = null;
    if (!spec.type().hasExperts()) {
      NDArray emb = represent(trunkOut.head());
      for (int t = 0; t < tasks; t++) {
        reps.add(emb);
      }
    } else {
      NDList expertIn =
          switch (spec.expertPlacement()) {
            case HEADS -> new NDList(represent(trunkOut.head()));
            case LAST_STAGES -> trunkOut;
            case BACKBONE -> new NDList(x);
          };
      NDArray gateIn;
      if (spec.needsRouterInput()) {
        NDList r = readout(ps, ModelInputs.router(inputs, spec), training, params);
        gateIn = spec.demonet().stopGradient() ? r.get(0).stopGradient() : r.get(0);
        vaeLoss = r.get(1);
      } else {
        gateIn = gateInput(spec, inputs.get(0), stemOut.head(), trunkOut.head());
      }
      List<NDArray> stacks = new ArrayList<>(groups.size());
      for (ExpertLayer group : groups) {
        stacks.add(group.forward(ps, expertIn, training, params).head());
      }
      for (Gate gate : gates) {
        gateOuts.add(gate.forward(ps, new NDList(gateIn), training, params));
      }
      for (int t = 0; t < tasks; t++) {
        NDArray stack =
            spec.type() == ModelType.PLE
                ? stacks.get(1 + t).concat(stacks.get(0), 1)
                : stacks.get(0);
        NDArray w = Gate.weights(gateOuts.get(gateOfTask(t)));
        reps.add(ExpertLayer.mix(stack, w));
        taskGateWeights.add(w);
      }
    }
    NDArray classOut =
        classTower == null
            ? reps.get(0)
            : classTower.forward(ps, new NDList(reps.get(0)), training, params).head();
    if (nuisanceTower != null && training) {
      if (inputs.size() < 2) {
        throw new IllegalArgumentException(
            "model.nuisance_tower_inputs is "
                + spec.nuisanceTowerInputs()
                + " but the training input has no nuisance features (NDList entry 1)");
      }
      NDArray bias = nuisanceTower.forward(ps, new NDList(inputs.get(1)), training, params).head();
      classOut = classOut.add(bias);
    }
    NDArray sizeOut =
        sizeTower == null
            ? x.getManager().zeros(new Shape(x.getShape().get(0), 0), x.getDataType())
            : sizeTower.forward(ps, new NDList(reps.get(1)), training, params).head();
    NDList out = new NDList(classOut, sizeOut);
    NDArray aux = GateLosses.total(gateOuts, gateTopKs, spec.auxLoss(), x);
    out.add(vaeLoss == null ? aux : aux.add(vaeLoss.reshape(aux.getShape())));
    for (Block head : nuisanceHeads) {
      out.add(head.forward(ps, new NDList(reps.get(0)), training, params).head());
    }
    out.addAll(taskGateWeights);
    return out;
  }

  /** Pools trunk feature maps [B][C][H][W] into the representation the heads read. */
  private NDArray represent(NDArray maps) {
    return represent(spec, maps);
  }

  /**
   * Pools trunk feature maps into the representation the heads (and experts at {@code heads}) read:
   * per row with {@code pooling: rows}, else globally.
   *
   * @param spec the model spec
   * @param maps [B][C][H][W] feature maps
   * @return [B][C x H] (rows) or [B][C] (global)
   */
  public static NDArray represent(ModelSpec spec, NDArray maps) {
    return spec.rowPooling() ? RowPool.pool(maps) : GlobalAvgPool.pool(maps);
  }

  /**
   * The gates' input for {@code gate_input} (models without a router input).
   *
   * @param spec the model spec
   * @param input [B][1][bins][frames] the model input (without coordinate channel)
   * @param stemOut [B][C][H][W] the stem's output
   * @param trunkOut [B][C'][H'][W'] the shared trunk's output
   * @return [B][frames] band-averaged input profile, or [B][C] / [B][C'] pooled stem / trunk
   */
  public static NDArray gateInput(
      ModelSpec spec, NDArray input, NDArray stemOut, NDArray trunkOut) {
    return switch (spec.gateInput()) {
      case INPUT_PROFILE -> input.mean(new int[] {2}).squeeze(1);
      case STEM -> GlobalAvgPool.pool(stemOut);
      case TRUNK -> GlobalAvgPool.pool(trunkOut);
    };
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    long b = inputShapes[0].get(0);
    List<Shape> out = new ArrayList<>();
    out.add(new Shape(b, spec.numClasses()));
    out.add(new Shape(b, spec.sizeOutputWidth()));
    out.add(new Shape());
    for (int i = 0; i < nuisanceHeads.size(); i++) {
      out.add(new Shape(b, 1));
    }
    for (int t = 0; t < spec.numGateOutputs(); t++) {
      out.add(new Shape(b, spec.expertsPerGate()));
    }
    return out.toArray(new Shape[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape xs = inputShapes[0];
    if (spec.coordChannels()) {
      xs = new Shape(xs.get(0), xs.get(1) + 1, xs.get(2), xs.get(3));
    }
    long b = xs.get(0);
    stem.initialize(manager, dataType, xs);
    Shape[] stemShapes = stem.getOutputShapes(new Shape[] {xs});
    Shape[] trunkShapes = stemShapes;
    if (trunk != null) {
      trunk.initialize(manager, dataType, stemShapes);
      trunkShapes = trunk.getOutputShapes(stemShapes);
    }
    Shape stemPooled = new Shape(b, stemShapes[0].get(1));
    Shape trunkPooled = new Shape(b, trunkShapes[0].get(1));
    Shape trunkRep =
        spec.rowPooling()
            ? new Shape(b, trunkShapes[0].get(1) * trunkShapes[0].get(3))
            : trunkPooled;
    Shape rep = trunkRep;
    if (spec.type().hasExperts()) {
      Shape[] expertIn =
          switch (spec.expertPlacement()) {
            case HEADS -> new Shape[] {trunkRep};
            case LAST_STAGES -> trunkShapes;
            case BACKBONE -> new Shape[] {xs};
          };
      for (ExpertLayer group : groups) {
        group.initialize(manager, dataType, expertIn);
      }
      rep = new Shape(b, groups.get(0).getOutputShapes(expertIn)[0].get(2));
      Shape gateIn =
          switch (spec.gateInput()) {
            case STEM -> stemPooled;
            case TRUNK -> trunkPooled;
            case INPUT_PROFILE -> new Shape(b, xs.get(3));
          };
      if (spec.needsRouterInput()) {
        DemonetSpec dm = spec.demonet();
        gateIn = new Shape(b, dm.gateInputWidth());
        if (vae != null) {
          vae.initialize(manager, dataType, new Shape(b, dm.views(), dm.bins()));
        }
      }
      for (Gate gate : gates) {
        gate.initialize(manager, dataType, gateIn);
        if (spec.gateTraining().zeroInit()) {
          for (var p : gate.getParameters()) {
            // through a detached view that shares the storage: an in-place change of a leaf that
            // requires grad is refused where grad mode is on (any thread but the engine's first)
            p.getValue().getArray().stopGradient().set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
          }
        }
      }
    }
    if (classTower != null) {
      classTower.initialize(manager, dataType, rep);
    }
    if (sizeTower != null) {
      sizeTower.initialize(manager, dataType, rep);
    }
    for (Block head : nuisanceHeads) {
      head.initialize(manager, dataType, rep);
    }
    if (nuisanceTower != null) {
      nuisanceTower.initialize(manager, dataType, new Shape(b, spec.nuisanceTowerInputs()));
    }
  }
}
