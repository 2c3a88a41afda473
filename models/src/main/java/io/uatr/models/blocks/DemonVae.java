package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The cross-temporal variational autoencoder of DEMONet over the DEMON spectra of V views (time
 * windows) of each segment, with one of two codecs. MLP: encoder Linear(hidden) + ReLU, then
 * Linear(L) for the latent mean and Linear(L) for its log variance; decoder Linear(hidden) + ReLU +
 * Linear(D). Conv: dilated kernel-3 Conv1d stacks along the linear modulation-frequency axis with a
 * latent of C channels per bin (L = C x D), see {@link #DemonVae(int, int, int, int[], boolean)}.
 *
 * <p>Training pairs ({@link #targetView}): with cross-temporal alignment view v of a segment is
 * encoded and the decoder must rebuild view (v + 1) mod V of the SAME segment, so that only what
 * persists from one window to the next (shaft and blade-rate lines) can be reconstructed and
 * window-specific noise cannot; without it (plain VAE) view v rebuilds itself. Pairs never cross
 * batch rows, so never recordings or splits.
 *
 * <p>Loss per pair: sum over bins of (reconstruction - target)^2 + beta x KL(N(mu, sigma^2) || N(0,
 * 1)), summed over the latent; averaged over the B x V pairs. Inputs are scaled per view to a
 * maximum of 1 first ({@link #scale}).
 *
 * <p>Input NDList: [0] views [B][V][D]. Output NDList: [0] the deterministic reconstruction of
 * every view from its latent mean [B][V][D]; [1] the latent means [B][V][L]; [2] the VAE loss []
 * (only in training with {@code beta} set by {@link #setBeta} and the loss on; else 0); [3] the
 * reconstruction term []; [4] the KL term [].
 */
public final class DemonVae extends AbstractBlock {

  private static final byte VERSION = 1;

  /** Index of the reconstruction [B][V][D] in the output. */
  public static final int RECONSTRUCTION = 0;

  /** Index of the latent means [B][V][L] in the output. */
  public static final int LATENT = 1;

  /** Index of the weighted loss [] in the output. */
  public static final int LOSS = 2;

  private final int latent;
  private final boolean conv;
  private final boolean crossTemporal;
  private final Block encoder;
  private final Block mean;
  private final Block logVar;
  private final Block decoder;
  private float beta;
  private boolean lossOn = true;

  /**
   * Creates the VAE with the MLP codec.
   *
   * @param bins D, bins of one DEMON view
   * @param hidden hidden width of encoder and decoder
   * @param latent L, latent width
   * @param crossTemporal pair view v with view v + 1 of the same segment (false: with itself)
   */
  public DemonVae(int bins, int hidden, int latent, boolean crossTemporal) {
    super(VERSION);
    this.latent = latent;
    this.conv = false;
    this.crossTemporal = crossTemporal;
    encoder = addChildBlock("encoder", Layers.denseRelu(hidden));
    mean = addChildBlock("mean", Layers.linear(latent));
    logVar = addChildBlock("log_var", Layers.linear(latent));
    decoder = addChildBlock("decoder", Layers.tower(hidden, bins));
  }

  /**
   * Creates the VAE with the fully convolutional codec over the linear modulation-frequency axis:
   * encoder = one Conv1d(kernel 3, dilation d, {@code channels} filters, length-preserving zero
   * padding d) + ReLU per entry d of {@code dilations}; latent mean and log variance = 1 x 1 Conv1d
   * to {@code latentChannels} channels per bin; decoder = the same dilated stack on the latent,
   * then a 1 x 1 Conv1d to one channel. Every layer is shift-equivariant along the frequency axis,
   * so a comb of lines spaced by the shaft rate is treated alike at every shaft rate. The latent of
   * a view is [latentChannels][D], flattened to L = latentChannels x D.
   *
   * @param bins D, bins of one DEMON view
   * @param channels filters of every dilated layer
   * @param latentChannels latent channels per bin
   * @param dilations dilation of each kernel-3 layer of the encoder and of the decoder
   * @param crossTemporal pair view v with view v + 1 of the same segment (false: with itself)
   */
  public DemonVae(
      int bins, int channels, int latentChannels, int[] dilations, boolean crossTemporal) {
    super(VERSION);
    this.latent = latentChannels * bins;
    this.conv = true;
    this.crossTemporal = crossTemporal;
    encoder = addChildBlock("encoder", dilatedStack(channels, dilations));
    mean = addChildBlock("mean", conv1(latentChannels, 1, 0, 1));
    logVar = addChildBlock("log_var", conv1(latentChannels, 1, 0, 1));
    decoder = addChildBlock("decoder", dilatedStack(channels, dilations).add(conv1(1, 1, 0, 1)));
  }

  private static SequentialBlock dilatedStack(int channels, int[] dilations) {
    SequentialBlock b = new SequentialBlock();
    for (int d : dilations) {
      b.add(conv1(channels, 3, d, d)).add(Activation.reluBlock());
    }
    return b;
  }

  private static Block conv1(int filters, int kernel, int pad, int dilation) {
    return Conv1d.builder()
        .setFilters(filters)
        .setKernelShape(new Shape(kernel))
        .optPadding(new Shape(pad))
        .optDilation(new Shape(dilation))
        .build();
  }

  /**
   * Sets the KL weight of the loss (the trainer follows the warm-up) and whether the loss is
   * computed at all (off while the VAE is frozen).
   *
   * @param beta KL weight, &gt;= 0
   * @param on false: the loss outputs are 0 and the VAE gets no gradient from them
   */
  public void setLoss(float beta, boolean on) {
    this.beta = beta;
    this.lossOn = on;
  }

  /**
   * The target view of the training pair whose source is view {@code v}.
   *
   * @param v source view in [0, views)
   * @param views V
   * @param crossTemporal cross-temporal pairing
   * @return (v + 1) mod V with cross-temporal pairing (a different window when V &gt;= 2), else v
   */
  public static int targetView(int v, int views, boolean crossTemporal) {
    return crossTemporal ? (v + 1) % views : v;
  }

  /**
   * Standardises each view over its bins: (x - mean) / (std + 1e-6).
   *
   * @param views [B][V][D], no gradient needed
   * @return [B][V][D]
   */
  public static NDArray standardise(NDArray views) {
    NDArray mean = views.mean(new int[] {2}, true);
    NDArray centred = views.sub(mean);
    NDArray std = centred.square().mean(new int[] {2}, true).sqrt().add(1e-6f);
    return centred.div(std);
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray x = standardise(inputs.get(0));
    Shape s = x.getShape();
    long b = s.get(0);
    int v = (int) s.get(1);
    long d = s.get(2);
    NDArray flat = conv ? x.reshape(b * v, 1, d) : x.reshape(b * v, d);
    NDArray h = encoder.forward(ps, new NDList(flat), training, params).head();
    NDArray mu = mean.forward(ps, new NDList(h), training, params).head();
    NDArray recon = decoder.forward(ps, new NDList(mu), training, params).head();
    NDManager m = x.getManager();
    NDArray loss = m.create(0f);
    NDArray reconLoss = m.create(0f);
    NDArray kl = m.create(0f);
    if (training && lossOn) {
      NDArray lv = logVar.forward(ps, new NDList(h), training, params).head();
      NDArray eps = m.randomNormal(mu.getShape(), DataType.FLOAT32);
      NDArray z = mu.add(lv.exp().sqrt().mul(eps));
      NDArray out = decoder.forward(ps, new NDList(z), training, params).head();
      NDArray target = pairTargets(x, crossTemporal).reshape(out.getShape());
      reconLoss = out.sub(target).square().mean();
      NDArray klRows =
          lv.add(1f).sub(mu.square()).sub(lv.exp()).reshape(b * v, latent).sum(new int[] {1});
      kl = Scalars.mul(klRows.mean(), -0.5f / d);
      loss = reconLoss.add(Scalars.mul(kl, beta));
    }
    return new NDList(recon.reshape(b, v, d), mu.reshape(b, v, latent), loss, reconLoss, kl);
  }

  /**
   * The reconstruction target of every training pair: entry [b][v] is view {@link #targetView}(v)
   * of the same batch row b (the same segment).
   *
   * @param x [B][V][D] views
   * @param crossTemporal cross-temporal pairing
   * @return [B][V][D]
   */
  public static NDArray pairTargets(NDArray x, boolean crossTemporal) {
    int v = (int) x.getShape().get(1);
    if (!crossTemporal || v < 2) {
      return x;
    }
    return x.get(":, 1:, :").concat(x.get(":, :1, :"), 1);
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = inputShapes[0];
    return new Shape[] {
      s, new Shape(s.get(0), s.get(1), latent), new Shape(), new Shape(), new Shape()
    };
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    Shape s = inputShapes[0];
    if (conv) {
      Shape in = new Shape(s.get(0) * s.get(1), 1, s.get(2));
      encoder.initialize(manager, dataType, in);
      Shape hc = encoder.getOutputShapes(new Shape[] {in})[0];
      mean.initialize(manager, dataType, hc);
      logVar.initialize(manager, dataType, hc);
      decoder.initialize(manager, dataType, mean.getOutputShapes(new Shape[] {hc})[0]);
      return;
    }
    Shape flat = new Shape(s.get(0) * s.get(1), s.get(2));
    encoder.initialize(manager, dataType, flat);
    Shape h = encoder.getOutputShapes(new Shape[] {flat})[0];
    mean.initialize(manager, dataType, h);
    logVar.initialize(manager, dataType, h);
    decoder.initialize(manager, dataType, new Shape(flat.get(0), latent));
  }
}
