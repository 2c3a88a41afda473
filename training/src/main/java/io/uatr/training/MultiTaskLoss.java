package io.uatr.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import io.uatr.models.ModelOutputs;
import io.uatr.models.blocks.Scalars;
import io.uatr.models.spec.SizeHead;
import java.util.List;

/**
 * The training loss of a multi-task model: class loss, size loss and the model's auxiliary gate
 * loss ({@link ModelOutputs#auxLoss}, already weighted by the model spec), combined as
 *
 * <ul>
 *   <li>fixed: class_weight x L_class + size_weight x L_size + L_aux;
 *   <li>uncertainty (Kendall, Gal and Cipolla 2018, with learned s_k = log sigma_k^2): exp(-s_0)
 *       L_class + s_0 / 2 + c exp(-s_1) L_size + s_1 / 2 + L_aux, where c = 1 for a levels
 *       (classification) size head and 1/2 for a regression head.
 * </ul>
 *
 * L_class is the cross-entropy against (possibly mixed) class target distributions; L_size is the
 * same for a levels head and the L1 or Huber loss for a regression head. All losses are means over
 * the batch. With nuisance heads the total also gets nuisance_weight x L_nuis, where L_nuis is the
 * mean over batch and heads of (prediction - standardised target)^2.
 */
public final class MultiTaskLoss {

  /**
   * The loss and its parts, scalars [].
   *
   * @param total the value to minimise
   * @param classLoss L_class
   * @param sizeLoss L_size (0 without a size head)
   * @param aux the auxiliary gate loss
   * @param nuisanceLoss L_nuis, unweighted (0 without nuisance heads)
   */
  public record Parts(
      NDArray total, NDArray classLoss, NDArray sizeLoss, NDArray aux, NDArray nuisanceLoss) {}

  private final LossConfig config;
  private final SizeHead sizeHead;

  /**
   * Configures the loss.
   *
   * @param config weighting and size-loss settings
   * @param sizeHead the model's size head
   */
  public MultiTaskLoss(LossConfig config, SizeHead sizeHead) {
    this.config = config;
    this.sizeHead = sizeHead;
  }

  /**
   * Computes the loss of one batch.
   *
   * @param out the model's forward output (see {@link ModelOutputs})
   * @param classTarget [B][C] class target distributions (one-hot or mixed)
   * @param sizeTarget [B][L] size level distributions (levels head), [B] values (regression head),
   *     or null without a size head
   * @param logVars [2] learned log variances s (uncertainty weighting), else null
   * @return the loss and its parts
   */
  public Parts compute(NDList out, NDArray classTarget, NDArray sizeTarget, NDArray logVars) {
    return compute(out, classTarget, sizeTarget, logVars, List.of(), null);
  }

  /**
   * Computes the loss of one batch with nuisance heads.
   *
   * @param out the model's forward output (see {@link ModelOutputs})
   * @param classTarget [B][C] class target distributions
   * @param sizeTarget as in {@link #compute(NDList, NDArray, NDArray, NDArray)}
   * @param logVars [2] learned log variances (uncertainty weighting), else null
   * @param heads the nuisance head outputs [B][1] each (empty without heads)
   * @param nuisanceTarget [B][H] standardised targets, column h for head h; null without heads
   * @return the loss and its parts
   */
  public Parts compute(
      NDList out,
      NDArray classTarget,
      NDArray sizeTarget,
      NDArray logVars,
      List<NDArray> heads,
      NDArray nuisanceTarget) {
    NDArray classLoss = softCrossEntropy(ModelOutputs.classLogits(out), classTarget);
    NDArray aux = ModelOutputs.auxLoss(out);
    NDArray sizeLoss;
    switch (sizeHead) {
      case LEVELS:
        sizeLoss = softCrossEntropy(ModelOutputs.size(out), sizeTarget);
        break;
      case REGRESSION:
        NDArray pred = ModelOutputs.size(out).reshape(-1);
        sizeLoss =
            config.sizeLoss().equals("l1")
                ? l1(pred, sizeTarget)
                : huber(pred, sizeTarget, config.huberDelta());
        break;
      default:
        sizeLoss = classLoss.getManager().create(0f);
    }
    NDArray total;
    if (config.uncertainty()) {
      if (logVars == null) {
        throw new IllegalArgumentException("uncertainty weighting needs the log variances");
      }
      total = uncertaintyTerm(classLoss, logVars.get(0), 1.0);
      if (sizeHead != SizeHead.NONE) {
        double c = sizeHead == SizeHead.REGRESSION ? 0.5 : 1.0;
        total = total.add(uncertaintyTerm(sizeLoss, logVars.get(1), c));
      }
    } else {
      total = Scalars.mul(classLoss, (float) config.classWeight());
      if (sizeHead != SizeHead.NONE) {
        total = total.add(Scalars.mul(sizeLoss, (float) config.sizeWeight()));
      }
    }
    NDArray nuisanceLoss = nuisanceLoss(heads, nuisanceTarget, classLoss);
    if (!heads.isEmpty()) {
      total = total.add(Scalars.mul(nuisanceLoss, (float) config.nuisanceWeight()));
    }
    return new Parts(
        total.add(aux.reshape(total.getShape())), classLoss, sizeLoss, aux, nuisanceLoss);
  }

  /**
   * Mean squared error of the nuisance heads: mean over b and h of (heads[h][b] - target[b][h])^2.
   *
   * @param heads H outputs [B][1]
   * @param target [B][H]
   * @param like any scalar of the batch's manager (for the 0 returned without heads)
   * @return scalar []
   */
  public static NDArray nuisanceLoss(List<NDArray> heads, NDArray target, NDArray like) {
    if (heads.isEmpty()) {
      return like.getManager().create(0f);
    }
    if (target == null || target.getShape().get(1) != heads.size()) {
      throw new IllegalArgumentException(
          "nuisance targets must be [B][" + heads.size() + "], were " + target);
    }
    NDArray pred = ai.djl.ndarray.NDArrays.concat(new NDList(heads), 1);
    return pred.sub(target).square().mean();
  }

  /** Returns c exp(-s) L + s / 2 for scalars L and s (shape []). */
  public static NDArray uncertaintyTerm(NDArray loss, NDArray logVar, double c) {
    return Scalars.mul(logVar.neg().exp().mul(loss), (float) c).add(Scalars.mul(logVar, 0.5f));
  }

  /**
   * Cross-entropy against target distributions: mean over b of -sum_c t[b][c] log softmax(z[b])[c].
   *
   * @param logits [B][C]
   * @param target [B][C], rows summing to 1
   * @return scalar []
   */
  public static NDArray softCrossEntropy(NDArray logits, NDArray target) {
    return logits.logSoftmax(1).mul(target).sum(new int[] {1}).neg().mean();
  }

  /** Mean absolute error of [B] predictions against [B] targets; scalar []. */
  public static NDArray l1(NDArray pred, NDArray target) {
    return pred.sub(target).abs().mean();
  }

  /**
   * Huber loss (PyTorch's HuberLoss): mean of 0.5 d^2 where |d| &lt;= delta, else delta (|d| - 0.5
   * delta); d = pred - target, both [B]; scalar [].
   */
  public static NDArray huber(NDArray pred, NDArray target, double delta) {
    NDArray a = pred.sub(target).abs();
    float dl = (float) delta;
    NDArray quad = Scalars.mul(a.square(), 0.5f);
    NDArray lin = Scalars.mul(a.sub(0.5f * dl), dl);
    return ai.djl.ndarray.NDArrays.where(a.lte(dl), quad, lin).mean();
  }
}
