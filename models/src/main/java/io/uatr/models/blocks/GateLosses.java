package io.uatr.models.blocks;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import io.uatr.models.spec.AuxLossWeights;
import java.util.List;

/**
 * Auxiliary gate losses. Each function takes one gate's arrays and returns a scalar NDArray (shape
 * []); {@link #total} applies the weights per gate and averages over the gates. CV^2 uses the
 * population variance: CV^2(v) = var(v) / (mean(v)^2 + 1e-10).
 */
public final class GateLosses {

  /** Added to the squared mean in CV^2, as in the reference implementation. */
  public static final float CV_EPSILON = 1e-10f;

  private GateLosses() {}

  /** Importance loss CV(sum over the batch of the weights)^2 (Shazeer); weights [B][E]. */
  public static NDArray importance(NDArray weights) {
    return cvSquared(weights.sum(new int[] {0}));
  }

  /**
   * Smooth load loss CV(load)^2 (Shazeer): load_i = sum_b Phi((c_bi - t_bi) / s_bi), where t_bi is
   * the k-th largest noisy logit of row b excluding entry i ((k+1)-th largest if i is in the top k,
   * else the k-th largest). Zero when k equals the number of experts (every expert always used).
   *
   * @param clean clean logits c [B][E]
   * @param noisy noisy logits H [B][E]
   * @param noiseStd noise standard deviation s [B][E], &gt; 0
   * @param k experts kept per example
   */
  public static NDArray load(NDArray clean, NDArray noisy, NDArray noiseStd, int k) {
    long e = noisy.getShape().get(1);
    if (k >= e) {
      return noisy.getManager().create(0f);
    }
    NDArray top = noisy.topK(k + 1, 1, true, true).get(0);
    NDArray thresholdIfIn = top.get(":, {}", k).expandDims(1);
    NDArray thresholdIfOut = top.get(":, {}", k - 1).expandDims(1);
    NDArray isIn = noisy.gt(thresholdIfIn);
    NDArray probIfIn = normalCdf(clean.sub(thresholdIfIn).div(noiseStd));
    NDArray probIfOut = normalCdf(clean.sub(thresholdIfOut).div(noiseStd));
    NDArray prob = NDArrays.where(isIn, probIfIn, probIfOut);
    return cvSquared(prob.sum(new int[] {0}));
  }

  /**
   * Switch balance loss E * sum_i f_i P_i: f_i the fraction of the batch whose arg-max logit is
   * expert i, P_i the mean softmax probability of expert i; logits [B][E]. Equals 1 when routing is
   * uniform.
   */
  public static NDArray switchBalance(NDArray logits) {
    long e = logits.getShape().get(1);
    NDArray f = logits.argMax(1).oneHot((int) e, DataType.FLOAT32).mean(new int[] {0});
    NDArray p = logits.softmax(1).mean(new int[] {0});
    return Scalars.mul(f.mul(p).sum(), e);
  }

  /** Added inside the logarithms of {@link #mutualInformation}: bounds d(w log w)/dw by ~21. */
  public static final float LOG_EPSILON = 1e-9f;

  /**
   * Mutual-information loss (mean_b H(w_b) - H(mean_b w_b)) / log E for weights w [B][E] (rows
   * summing to 1), with H(p) = -sum_i p_i log(p_i + 1e-9). In [-1, 1]: -1 when each example goes to
   * one expert and the experts are used equally, 0 for uniform weights. 0 when E = 1.
   */
  public static NDArray mutualInformation(NDArray weights) {
    long e = weights.getShape().get(1);
    if (e < 2) {
      return weights.getManager().create(0f);
    }
    NDArray perExample = entropy(weights).mean();
    NDArray overall = entropy(weights.mean(new int[] {0}, true)).mean();
    return Scalars.div(perExample.sub(overall), (float) Math.log(e));
  }

  private static NDArray entropy(NDArray p) {
    return p.mul(p.add(LOG_EPSILON).log()).sum(new int[] {1}).neg();
  }

  /** Router z-loss mean over the batch of logsumexp(logits)^2; logits [B][E]. */
  public static NDArray zLoss(NDArray logits) {
    NDArray max = logits.max(new int[] {1}, true);
    NDArray lse = logits.sub(max).exp().sum(new int[] {1}, true).log().add(max);
    return lse.square().mean();
  }

  /**
   * Weighted auxiliary loss of one gate: w_imp importance + w_load load (noisy gates only) + w_sw
   * switch + w_z z-loss. Returns a scalar [].
   *
   * @param gateOutput the gate's output (see {@link Gate})
   * @param topK the gate's k (0 for dense gates)
   * @param w the weights
   */
  public static NDArray weighted(NDList gateOutput, int topK, AuxLossWeights w) {
    NDArray weights = gateOutput.get(Gate.WEIGHTS);
    NDArray logits = gateOutput.get(Gate.LOGITS);
    NDArray sum = weights.getManager().create(0f);
    if (w.importance() > 0) {
      sum = sum.add(Scalars.mul(importance(weights), (float) w.importance()));
    }
    if (w.load() > 0 && gateOutput.size() > Gate.NOISE_STD) {
      NDArray load =
          load(gateOutput.get(Gate.CLEAN_LOGITS), logits, gateOutput.get(Gate.NOISE_STD), topK);
      sum = sum.add(Scalars.mul(load, (float) w.load()));
    }
    if (w.switchBalance() > 0) {
      sum = sum.add(Scalars.mul(switchBalance(logits), (float) w.switchBalance()));
    }
    if (w.zLoss() > 0) {
      sum = sum.add(Scalars.mul(zLoss(logits), (float) w.zLoss()));
    }
    if (w.mutualInformation() > 0) {
      sum = sum.add(Scalars.mul(mutualInformation(weights), (float) w.mutualInformation()));
    }
    return sum;
  }

  /**
   * Mean over the gates of {@link #weighted}; a scalar [] (0 when there is no gate).
   *
   * @param gateOutputs one output per gate
   * @param topKs each gate's k (0 for dense)
   * @param w the weights
   * @param zeroLike any array on the right manager, used for the zero of an empty list
   */
  public static NDArray total(
      List<NDList> gateOutputs, List<Integer> topKs, AuxLossWeights w, NDArray zeroLike) {
    if (gateOutputs.isEmpty() || w.isZero()) {
      return zeroLike.getManager().create(0f);
    }
    NDArray sum = null;
    for (int g = 0; g < gateOutputs.size(); g++) {
      NDArray one = weighted(gateOutputs.get(g), topKs.get(g), w);
      sum = sum == null ? one : sum.add(one);
    }
    return Scalars.div(sum, gateOutputs.size());
  }

  private static NDArray cvSquared(NDArray v) {
    NDArray mean = v.mean();
    NDArray var = v.sub(mean).square().mean();
    return var.div(mean.square().add(CV_EPSILON));
  }

  private static NDArray normalCdf(NDArray z) {
    return Scalars.mul(Scalars.div(z, (float) Math.sqrt(2.0)).erf().add(1f), 0.5f);
  }
}
