package io.uatr.models.blocks;

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
