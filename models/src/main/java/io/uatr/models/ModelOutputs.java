package io.uatr.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.uatr.models.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed order of a {@link MultiTaskNet}'s forward output (B = batch, N = number of nuisance
 * heads, G = {@link ModelSpec#numGateOutputs()}):
 *
 * <ol start="0">
 *   <li>class logits [B][num_classes] (in training, plus the nuisance tower's output if any)
 *   <li>size output: logits [B][num_size_levels], a value [B][1], or [B][0] when size_head is none
 *   <li>weighted auxiliary gate loss, a scalar [] averaged over the gates (0 without gates)
 *   <li>entries 3 .. 3+N-1: nuisance head outputs [B][1], in the order of {@code nuisance_heads}
 *   <li>entries 3+N .. 3+N+G-1: gate weights [B][E] per task (class first, then size); {@code omoe}
 *       reports its one shared gate for each task; for {@code ple} the columns are the task's own
 *       experts followed by the shared experts
 * </ol>
 */
public final class ModelOutputs {

  /** Index of the class logits. */
  public static final int CLASS_LOGITS = 0;

  /** Index of the size output. */
  public static final int SIZE = 1;

  /** Index of the auxiliary gate loss. */
  public static final int AUX_LOSS = 2;

  /** Index of the first nuisance head output. */
  public static final int FIRST_NUISANCE = 3;

  private ModelOutputs() {}

  /** Returns the class logits [B][C]. */
  public static NDArray classLogits(NDList out) {
    return out.get(CLASS_LOGITS);
  }

  /** Returns the size output [B][L], [B][1] or [B][0]. */
  public static NDArray size(NDList out) {
    return out.get(SIZE);
  }

  /** Returns the weighted auxiliary gate loss, a scalar []. */
  public static NDArray auxLoss(NDList out) {
    return out.get(AUX_LOSS);
  }

  /** Returns the nuisance head outputs [B][1], in the order of the spec's nuisance_heads. */
  public static List<NDArray> nuisance(NDList out, ModelSpec spec) {
    return new ArrayList<>(
        out.subNDList(FIRST_NUISANCE, FIRST_NUISANCE + spec.nuisanceHeads().size()));
  }

  /** Returns the gate weights [B][E] per task (class first, then size); empty without experts. */
  public static List<NDArray> gateWeights(NDList out, ModelSpec spec) {
    int first = FIRST_NUISANCE + spec.nuisanceHeads().size();
    return new ArrayList<>(out.subNDList(first, first + spec.numGateOutputs()));
  }

  /** Returns the number of entries in the forward output for {@code spec}. */
  public static int count(ModelSpec spec) {
    return FIRST_NUISANCE + spec.nuisanceHeads().size() + spec.numGateOutputs();
  }
}
