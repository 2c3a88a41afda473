package io.uatr.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.ArrayList;
import java.util.List;

/**
 * Adam, AdamW and SGD with momentum written with NDArray ops, so that their state (moments,
 * momentum buffers, step count) can be saved and restored exactly. Updates run in place on the
 * parameter arrays, outside any gradient collector, and zero the gradients afterwards.
 *
 * <ul>
 *   <li>adam: g' = g + wd w; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2; w -= lr (m / (1 -
 *       b1^t)) / (sqrt(v / (1 - b2^t)) + eps)
 *   <li>adamw: as adam with g' = g, and w -= lr wd w before the Adam step (decoupled decay)
 *   <li>sgd: g' = g + wd w; b = g' at the first step, else mu b + g'; w -= lr (nesterov ? g' + mu b
 *       : b)
 * </ul>
 */
public final class Optimiser {

  private final OptimizerConfig c;
  private final List<NDArray> params;
  private final boolean[] decay;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private long steps;

  /**
   * Creates the optimiser and its zero state.
   *
   * @param c settings
   * @param params the trainable arrays, each with a gradient attached; their order fixes the order
   *     of the saved state
   */
  public Optimiser(OptimizerConfig c, List<NDArray> params) {
    this(c, params, List.of());
  }

  /**
   * Creates the optimiser and its zero state, exempting some arrays from weight decay.
   *
   * @param c settings
   * @param params the trainable arrays, each with a gradient attached; their order fixes the order
   *     of the saved state
   * @param noDecay arrays among {@code params} (same objects) that get no weight decay, such as
   *     learned loss weights
   */
  public Optimiser(OptimizerConfig c, List<NDArray> params, List<NDArray> noDecay) {
    this.c = c;
    this.params = List.copyOf(params);
    this.decay = new boolean[this.params.size()];
    for (int i = 0; i < decay.length; i++) {
      NDArray p = this.params.get(i);
      decay[i] = noDecay.stream().noneMatch(q -> q == p);
    }
    for (NDArray p : this.params) {
      first.add(p.zerosLike());
      if (!c.type().equals("sgd")) {
        second.add(p.zerosLike());
      }
    }
  }

  /** Returns the number of steps taken. */
  public long steps() {
    return steps;
  }

  /**
   * Scales all gradients so that their global L2 norm is at most {@code maxNorm}.
   *
   * @param maxNorm the bound; &lt;= 0 only measures
   * @return the global norm before clipping
   */
  public double clipGradients(double maxNorm) {
    double sq = 0;
    for (NDArray p : params) {
      sq += p.getGradient().square().sum().getFloat();
    }
    double norm = Math.sqrt(sq);
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (NDArray p : params) {
        p.getGradient().muli(scale);
      }
    }
    return norm;
  }

  /**
   * Applies one update with learning rate {@code lr} and zeroes the gradients. Safe on any thread,
   * whatever its gradient mode.
   *
   * @param lr learning rate of this step
   */
  public void step(double lr) {
    steps++;
    float flr = (float) lr;
    for (int i = 0; i < params.size(); i++) {
      float wd = decay[i] ? (float) c.weightDecay() : 0f;
      NDArray param = params.get(i);
      NDArray grad = param.getGradient();
      // Update through a detached view that shares the parameter's storage (PyTorch's p.data):
      // an in-place change of a leaf that requires grad is refused while grad mode is on, and
      // grad mode is on by default on any thread other than the one that started the engine.
      NDArray w = param.stopGradient();
      NDArray g = grad;
      if (wd > 0 && !c.type().equals("adamw")) {
        g = g.add(w.mul(wd));
      }
      if (c.type().equals("sgd")) {
        NDArray b = first.get(i);
        float mu = (float) c.momentum();
        if (steps == 1) {
          b.addi(g);
        } else {
          b.muli(mu).addi(g);
        }
        NDArray d = c.nesterov() ? g.add(b.mul(mu)) : b;
        w.subi(d.mul(flr));
      } else {
        float b1 = (float) c.beta1();
        float b2 = (float) c.beta2();
        if (wd > 0 && c.type().equals("adamw")) {
          w.subi(w.mul(flr * wd));
        }
        NDArray m = first.get(i);
        NDArray v = second.get(i);
        m.muli(b1).addi(g.mul(1 - b1));
        v.muli(b2).addi(g.square().mul(1 - b2));
        double bc1 = 1 - Math.pow(c.beta1(), steps);
        double bc2 = 1 - Math.pow(c.beta2(), steps);
        NDArray denom = v.div((float) bc2).sqrt().add((float) c.eps());
        w.subi(m.div((float) bc1).div(denom).mul(flr));
      }
      grad.muli(0);
    }
  }

  /** Returns the state arrays: first moments (or momentum buffers), then second moments. */
  public NDList state() {
    NDList out = new NDList();
    out.addAll(first);
    out.addAll(second);
    return out;
  }

  /**
   * Restores a state saved with {@link #state()} and {@link #steps()}.
   *
   * @param state arrays in the order of {@link #state()}, same shapes
   * @param stepCount the saved step count
   */
  public void load(NDList state, long stepCount) {
    List<NDArray> mine = state();
    if (state.size() != mine.size()) {
      throw new IllegalArgumentException(
          "optimiser state has " + state.size() + " arrays, expected " + mine.size());
    }
    for (int i = 0; i < mine.size(); i++) {
      NDArray dst = mine.get(i);
      NDArray src = state.get(i);
      if (!dst.getShape().equals(src.getShape())) {
        throw new IllegalArgumentException(
            "optimiser state array "
                + i
                + " has shape "
                + src.getShape()
                + ", expected "
                + dst.getShape());
      }
      dst.muli(0).addi(src.toDevice(dst.getDevice(), false));
    }
    steps = stepCount;
  }
}
