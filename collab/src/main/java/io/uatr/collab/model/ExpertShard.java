package io.uatr.collab.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.uatr.collab.net.Tensor;
import io.uatr.training.Optimiser;
import io.uatr.training.OptimizerConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The experts one party hosts (global indices j with j mod n = party) and their optimiser. A
 * forward keeps the autograd graph of the rows it received until the matching backward, which
 * returns the gradient with respect to those rows and accumulates the experts' parameter gradients;
 * {@link #update} then takes one optimiser step over every hosted expert.
 *
 * <p>Not thread-safe; the protocol calls it from one request at a time. Every method runs outside
 * any other open gradient collector of the process (the party closes its collectors before it
 * routes rows to experts).
 */
public final class ExpertShard {

  private final Map<Integer, Block> experts = new TreeMap<>();
  private final Map<Integer, List<Parameter>> params = new TreeMap<>();
  private final List<NDArray> trainable = new ArrayList<>();
  private final Optimiser optimiser;
  private final NDManager manager;
  private final Map<String, NDArray[]> pending = new HashMap<>();

  /**
   * Takes the hosted experts out of an initialised network.
   *
   * @param net the party's full network; the experts of other hosts are released by the caller
   * @param hosted global indices of the hosted experts
   * @param optimizer optimiser settings (same as the backbone's)
   * @param manager parent manager for per-request arrays
   */
  public ExpertShard(
      PartyNet net, List<Integer> hosted, OptimizerConfig optimizer, NDManager manager) {
    this.manager = manager;
    for (int j : hosted) {
      experts.put(j, net.expert(j));
      List<Parameter> ps = net.expertParameters(j);
      params.put(j, ps);
      for (Parameter p : ps) {
        if (p.requiresGradient()) {
          trainable.add(p.getArray());
        }
      }
    }
    optimiser = new Optimiser(optimizer, trainable);
  }

  /** Returns the hosted expert indices, ascending. */
  public List<Integer> hosted() {
    return new ArrayList<>(experts.keySet());
  }

  /** Whether expert {@code j} is hosted here. */
  public boolean hosts(int j) {
    return experts.containsKey(j);
  }

  /** Returns every hosted parameter (experts ascending, block order), statistics included. */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>();
    params.values().forEach(out::addAll);
    return out;
  }

  /** Returns the optimiser (for checkpoints). */
  public Optimiser optimiser() {
    return optimiser;
  }

  /** Returns expert {@code j}'s parameter arrays in block order (export). */
  public List<Tensor> weights(int j) {
    require(j);
    List<Tensor> out = new ArrayList<>();
    for (Parameter p : params.get(j)) {
      out.add(Tensors.of(p.getArray()));
    }
    return out;
  }

  /**
   * Runs expert {@code j} on the rows routed to it and keeps the graph for the backward.
   *
   * @param key identifies the request (round, party, expert); the backward uses the same key
   * @param j global expert index
   * @param rows [b][...] the hidden activations of the routed rows
   * @param training training mode (batch statistics in conv experts)
   * @return the expert output [b][D]
   */
  public Tensor forward(String key, int j, Tensor rows, boolean training) {
    require(j);
    NDManager m = manager.newSubManager();
    NDArray x = m.create(rows.data(), new Shape(rows.shape()));
    if (!training) {
      try (m) {
        return Tensors.of(
            experts.get(j).forward(new ParameterStore(m, false), new NDList(x), false).head());
      }
    }
    x.setRequiresGradient(true);
    NDArray y;
    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
      y = experts.get(j).forward(new ParameterStore(m, false), new NDList(x), true).head();
    }
    if (pending.put(key, new NDArray[] {x, y}) != null) {
      throw new IllegalStateException("duplicate forward " + key);
    }
    return Tensors.of(y);
  }

  /**
   * Back-propagates the gradient of a kept forward: accumulates the expert's parameter gradients
   * and returns the gradient with respect to its input rows.
   *
   * @param key the forward's key
   * @param dy [b][D] gradient of the loss with respect to the expert output
   * @return [b][...] gradient with respect to the rows
   */
  public Tensor backward(String key, Tensor dy) {
    NDArray[] xy = pending.remove(key);
    if (xy == null) {
      throw new IllegalStateException("no forward " + key + " to back-propagate");
    }
    NDManager m = xy[0].getManager();
    try (m) {
      NDArray g = m.create(dy.data(), new Shape(dy.shape()));
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        gc.backward(xy[1].mul(g).sum());
      }
      return Tensors.of(xy[0].getGradient());
    }
  }

  /** Drops kept forwards and zeroes the gradients (after a failed round). */
  public void discardPending() {
    optimiser.zeroGradients();
    for (NDArray[] xy : pending.values()) {
      xy[0].getManager().close();
    }
    pending.clear();
  }

  /** Returns the squared L2 norm of each hosted trainable array's gradient, in optimiser order. */
  public double[] gradientSquares() {
    double[] out = new double[trainable.size()];
    for (int i = 0; i < out.length; i++) {
      NDArray g = trainable.get(i).getGradient();
      out[i] = g.square().sum().getFloat();
    }
    return out;
  }

  /**
   * Clips with the global norm (as {@link Optimiser#clip}) and takes one optimiser step over every
   * hosted expert (experts no row was routed to have zero gradients, as in ordinary training).
   *
   * @param lr learning rate
   * @param globalNorm the global gradient norm of the step (backbone and all experts)
   * @param maxNorm clip_grad_norm (&lt;= 0: no clipping)
   */
  public void update(double lr, double globalNorm, double maxNorm) {
    if (!pending.isEmpty()) {
      throw new IllegalStateException(pending.size() + " forwards were never back-propagated");
    }
    optimiser.clip(globalNorm, maxNorm);
    optimiser.step(lr);
  }

  /** Returns the number of scalars held (all hosted parameter arrays). */
  public long scalars() {
    long n = 0;
    for (Parameter p : parameters()) {
      n += p.getArray().size();
    }
    return n;
  }

  private void require(int j) {
    if (!experts.containsKey(j)) {
      throw new IllegalArgumentException("expert " + j + " is not hosted here " + hosted());
    }
  }
}
