package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;

/**
 * A gate (router) over {@code experts} experts. Input [B][in]; output NDList in a fixed order:
 *
 * <ol>
 *   <li>weights [B][E]: mixing weights (rows sum to 1 for dense and top-k gates)
 *   <li>logits [B][E]: the values fed to the softmax (after temperature, with noise if any)
 * </ol>
 *
 * Gates with noise add two entries: clean logits [B][E] and the noise standard deviation [B][E].
 */
public abstract class Gate extends AbstractBlock {

  /** Index of the mixing weights in the gate output. */
  public static final int WEIGHTS = 0;

  /** Index of the softmax input logits in the gate output. */
  public static final int LOGITS = 1;

  /** Index of the clean (noise-free) logits in a noisy gate's output. */
  public static final int CLEAN_LOGITS = 2;

  /** Index of the noise standard deviation in a noisy gate's output. */
  public static final int NOISE_STD = 3;

  private final int experts;
  private final float temperature;
  private float warmupNoise;

  /**
   * Creates the gate.
   *
   * @param version block version byte
   * @param experts number of experts E (&gt;= 1)
   * @param temperature softmax temperature (&gt; 0)
   */
  protected Gate(byte version, int experts, float temperature) {
    super(version);
    if (experts < 1) {
      throw new IllegalArgumentException("gate experts must be >= 1, was " + experts);
    }
    if (!(temperature > 0)) {
      throw new IllegalArgumentException("gate temperature must be > 0, was " + temperature);
    }
    this.experts = experts;
    this.temperature = temperature;
  }

  /** Returns the number of experts E. */
  public int experts() {
    return experts;
  }

  /** Returns the softmax temperature. */
  public float temperature() {
    return temperature;
  }

  /**
   * Sets the standard deviation of the Gaussian noise that dense gates add to their logits in
   * training (the warm-up noise of {@code model.gate_noise}); 0 switches it off. Never applied at
   * inference.
   *
   * @param std standard deviation in logit units, &gt;= 0
   */
  public void setWarmupNoise(float std) {
    if (!(std >= 0)) {
      throw new IllegalArgumentException("gate noise must be >= 0, was " + std);
    }
    warmupNoise = std;
  }

  /** Returns the current warm-up noise standard deviation. */
  public float warmupNoise() {
    return warmupNoise;
  }

  /**
   * Adds the warm-up noise to logits [B][E] in training; returns them unchanged otherwise.
   *
   * @param logits [B][E]
   * @param training whether this is a training forward pass
   * @return [B][E]
   */
  protected NDArray withWarmupNoise(NDArray logits, boolean training) {
    if (!training || warmupNoise == 0) {
      return logits;
    }
    return logits.add(logits.getManager().randomNormal(logits.getShape()).mul(warmupNoise));
  }

  /** Returns the number of arrays in this gate's output (2 or 4). */
  public int outputCount() {
    return 2;
  }

  /** Returns the top-k of the gate, or 0 when the gate is dense. */
  public int topK() {
    return 0;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape s = new Shape(inputShapes[0].get(0), experts);
    Shape[] out = new Shape[outputCount()];
    java.util.Arrays.fill(out, s);
    return out;
  }

  /** Returns the mixing weights [B][E] from a gate output. */
  public static ai.djl.ndarray.NDArray weights(NDList gateOutput) {
    return gateOutput.get(WEIGHTS);
  }
}
