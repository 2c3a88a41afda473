package io.uatr.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import io.uatr.models.spec.ModelSpec;

/**
 * The fixed order of a {@link MultiTaskNet}'s input NDList (B = batch):
 *
 * <ol start="0">
 *   <li>spectrogram [B][1][bins][frames] (always)
 *   <li>nuisance features [B][n] (read in training when {@code nuisance_tower_inputs} &gt; 0; a
 *       [B][0] placeholder when a later entry is present and there are none)
 *   <li>router input [B][views][router bins], for models with {@link ModelSpec#needsRouterInput()}
 *       ({@code demonet}: the DEMON spectra of the segment's views)
 * </ol>
 */
public final class ModelInputs {

  /** Index of the spectrogram. */
  public static final int SPECTROGRAM = 0;

  /** Index of the nuisance features. */
  public static final int NUISANCE = 1;

  /** Index of the router input. */
  public static final int ROUTER = 2;

  private ModelInputs() {}

  /**
   * Assembles a model input.
   *
   * @param x [B][1][bins][frames]
   * @param nuisance [B][n], or null
   * @param router [B][V][D], or null
   * @return the NDList in the order above (no entry after the last non-null one)
   */
  public static NDList of(NDArray x, NDArray nuisance, NDArray router) {
    NDList in = new NDList(x);
    if (nuisance != null || router != null) {
      in.add(
          nuisance != null
              ? nuisance
              : x.getManager().zeros(new Shape(x.getShape().get(0), 0), x.getDataType()));
    }
    if (router != null) {
      in.add(router);
    }
    return in;
  }

  /**
   * Returns the router input, checking its presence and shape.
   *
   * @param in the model input
   * @param spec the model's spec
   * @return [B][views][bins]
   * @throws IllegalArgumentException when it is missing or has another shape
   */
  public static NDArray router(NDList in, ModelSpec spec) {
    long v = spec.demonet().views();
    long d = spec.demonet().bins();
    if (in.size() <= ROUTER) {
      throw new IllegalArgumentException(
          "model.type "
              + spec.type().key()
              + " needs the router input [B]["
              + v
              + "]["
              + d
              + "] (input entry "
              + ROUTER
              + "; features.router must be set)");
    }
    NDArray r = in.get(ROUTER);
    Shape s = r.getShape();
    if (s.dimension() != 3 || s.get(1) != v || s.get(2) != d) {
      throw new IllegalArgumentException(
          "router input has shape " + s + ", the model expects [B][" + v + "][" + d + "]");
    }
    return r;
  }
}
