package io.uatr.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
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

  private static final NDIndex ALL = new NDIndex("...");

  private final OptimizerConfig c;
  private final List<NDArray> params;
  private final boolean[] decay;
  private final List<NDArray> first = new ArrayList<>();
  private final List<NDArray> second = new ArrayList<>();
  private long steps;
  private boolean[] frozen;

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
    this.frozen = new boolean[this.params.size()];
    for (NDArray p : this.params) {
      first.add(p.zerosLike());
      if (!c.type().equals("sgd")) {
        second.add(p.zerosLike());
      }
    }
  }

  /**
   * Freezes parameters: a frozen parameter is not updated, its gradient is zeroed at each step and
   * left out of {@link #gradientNorm()}, and its optimiser state stays as it is.
   *
   * @param mask [parameters] true for each frozen parameter, in the optimiser's order
   */
  public void setFrozen(boolean[] mask) {
    if (mask.length != params.size()) {
      throw new IllegalArgumentException(
          "frozen mask has " + mask.length + " entries, expected " + params.size());
    }
    frozen = mask.clone();
  }

  /** Returns the number of steps taken. */
  public long steps() {
    return steps;
  }

  /**
   * The global gradient L2 norm and the first parameter whose gradient is not finite.
   *
   * @param norm global L2 norm over every parameter's gradient (NaN or infinite when some gradient
   *     entry is)
   * @param firstNonFinite index (in the optimiser's parameter order) of the first parameter whose
   *     gradient holds a NaN or an infinity, or -1 when every gradient is finite
   * @param largest index of the parameter with the largest gradient norm (-1 when not finite)
   * @param largestNorm that parameter's gradient L2 norm
   * @param norms [parameters] each parameter's gradient L2 norm (up to the first non-finite one)
   */
  public record GradientNorm(
      double norm, int firstNonFinite, int largest, double largestNorm, double[] norms) {

    /** Whether every gradient entry is finite. */
    public boolean finite() {
      return firstNonFinite < 0;
    }
  }

  /**
   * Measures the gradients: the global L2 norm, each parameter's squared norm accumulated in double
   * in parameter order (so the figure does not depend on thread scheduling), and the first
   * parameter with a non-finite entry. A float overflow of a parameter's sum of squares (finite
   * entries above ~1e19) is told apart from a real NaN/infinity by checking the entries.
   *
   * @return the norm and the first non-finite parameter
   */
  public GradientNorm gradientNorm() {
    double sq = 0;
    int largest = -1;
    double largestSq = -1;
    double[] norms = new double[params.size()];
    for (int i = 0; i < params.size(); i++) {
      if (frozen[i]) {
        continue;
      }
      NDArray g = params.get(i).getGradient();
      double s = g.square().sum().getFloat();
      if (!Double.isFinite(s)) {
        if (!Finite.all(g)) {
          return new GradientNorm(Double.NaN, i, -1, Double.NaN, norms);
        }
        double max = g.abs().max().getFloat();
        s = max * max * g.div((float) max).square().sum().getFloat();
      }
      norms[i] = Math.sqrt(s);
      if (s > largestSq) {
        largestSq = s;
        largest = i;
      }
      sq += s;
    }
    return new GradientNorm(Math.sqrt(sq), -1, largest, Math.sqrt(Math.max(0, largestSq)), norms);
  }

  /**
   * Scales all gradients by {@code maxNorm / norm} when {@code norm > maxNorm}, the global norm
   * clipping of PyTorch's {@code clip_grad_norm_}.
   *
   * @param norm the global norm from {@link #gradientNorm()}, finite
   * @param maxNorm the bound; &lt;= 0 leaves the gradients alone
   * @return whether the gradients were scaled
   */
  public boolean clip(double norm, double maxNorm) {
    if (maxNorm > 0 && norm > maxNorm) {
      float scale = (float) (maxNorm / (norm + 1e-6));
      for (NDArray p : params) {
        p.getGradient().muli(scale);
      }
      return true;
    }
    return false;
  }

  /**
   * Sets every gradient to exactly zero, NaN and infinite entries included (multiplying by zero
   * would keep them). Used when a step is skipped.
   */
  public void zeroGradients() {
    for (NDArray p : params) {
      p.getGradient().set(ALL, 0f);
    }
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
      if (frozen[i]) {
        grad.muli(0);
        continue;
      }
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
