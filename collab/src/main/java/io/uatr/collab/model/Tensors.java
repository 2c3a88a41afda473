package io.uatr.collab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.uatr.collab.net.Tensor;

/** Conversions between NDArrays and wire tensors. */
public final class Tensors {

  private Tensors() {}

  /** Copies an array (any shape, float32) into a wire tensor. */
  public static Tensor of(NDArray a) {
    return new Tensor(a.getShape().getShape(), a.toFloatArray());
  }

  /** Creates an array in {@code m} from a wire tensor. */
  public static NDArray array(NDManager m, Tensor t) {
    return m.create(t.data(), new Shape(t.shape()));
  }

  /**
   * Copies the rows {@code idx} of a row-major array [B][...] into a tensor [idx.length][...].
   *
   * @param all the array's values, C order
   * @param shape its shape
   * @param idx row indices
   * @return the selected rows
   */
  public static Tensor rows(float[] all, long[] shape, int[] idx) {
    int row = (int) (all.length / shape[0]);
    float[] out = new float[idx.length * row];
    for (int i = 0; i < idx.length; i++) {
      System.arraycopy(all, idx[i] * row, out, i * row, row);
    }
    long[] s = shape.clone();
    s[0] = idx.length;
    return new Tensor(s, out);
  }
}
