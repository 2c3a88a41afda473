package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Noisy top-k gate (Shazeer et al. 2017). Clean logits c = Linear_g(x) / T; noise std s =
 * softplus(Linear_n(x)) + 0.01; in training H = c + N(0,1) s, at inference H = c; weights = softmax
 * over the k largest H per row, exactly 0 elsewhere. [B][in] -&gt; [B][E] with exactly k non-zeros
 * per row. Output entries: weights, H, c, s (see {@link Gate}).
 */
public final class NoisyTopKGate extends Gate {

  private static final byte VERSION = 1;

  /** Added to the softplus noise scale, as in the reference implementation. */
  public static final float NOISE_EPSILON = 0.01f;

  private static final float MASKED = -1e9f;

  private final Block router;
  private final Block noise;
  private final int k;

  /**
   * Creates the gate.
   *
   * @param experts number of experts E
   * @param k experts kept per example, 1 &lt;= k &lt;= E
   * @param temperature softmax temperature (&gt; 0)
   */
  public NoisyTopKGate(int experts, int k, float temperature) {
    super(VERSION, experts, temperature);
    if (k < 1 || k > experts) {
      throw new IllegalArgumentException("gate top_k must be in [1, " + experts + "], was " + k);
    }
    this.k = k;
    router = addChildBlock("router", Layers.linear(experts));
    noise = addChildBlock("noise", Layers.linear(experts));
  }

  @Override
  public int topK() {
    return k;
  }

  @Override
  public int outputCount() {
    return 4;
  }

  @Override
  protected NDList forwardInternal(
      ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
    NDArray clean = Scalars.div(router.forward(ps, inputs, training, params).head(), temperature());
    NDArray std =
        Activation.softPlus(noise.forward(ps, inputs, training, params).head()).add(NOISE_EPSILON);
    NDArray noisy =
        training ? clean.add(clean.getManager().randomNormal(clean.getShape()).mul(std)) : clean;
    return new NDList(keepTopK(noisy, k), noisy, clean, std);
  }

  /**
   * Softmax over the k largest entries of each row, exactly 0 elsewhere. [B][E] -&gt; [B][E]; ties
   * are broken by sort order so that each row has exactly k non-zeros.
   */
  public static NDArray keepTopK(NDArray logits, int k) {
    long e = logits.getShape().get(1);
    NDArray top = logits.argSort(1, false).get(new NDIndex(":, :{}", k));
    NDArray mask = top.oneHot((int) e, DataType.FLOAT32).sum(new int[] {1});
    return logits.add(mask.sub(1f).mul(-MASKED)).softmax(1).mul(mask);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    router.initialize(manager, dataType, inputShapes);
    noise.initialize(manager, dataType, inputShapes);
  }
}
