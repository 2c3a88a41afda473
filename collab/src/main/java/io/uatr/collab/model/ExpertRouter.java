package io.uatr.collab.model;

import io.uatr.collab.net.Tensor;
import java.util.List;

/**
 * How a party reaches the hosts of the expert pool (itself included). Host {@code h} hosts the
 * experts j with j mod n = h.
 */
public interface ExpertRouter {

  /** Returns the number of hosts (parties) n. */
  int hosts();

  /**
   * Runs expert {@code expert} at its host on the routed rows of party {@code party}'s mini-batch.
   *
   * @return the expert output [b][D]
   */
  Tensor forward(long round, int party, int expert, Tensor rows, boolean training);

  /**
   * Sends the gradient of the expert output back to its host.
   *
   * @return the gradient with respect to the routed rows [b][...]
   */
  Tensor backward(long round, int party, int expert, Tensor outputGradient);

  /** Returns the squared gradient norms of host {@code host}'s trainable expert arrays. */
  double[] gradientSquares(int host, long round, int party);

  /** Makes host {@code host} clip and step its experts' optimiser. */
  void update(int host, long round, int party, double lr, double globalNorm, double maxNorm);

  /** Fetches expert {@code expert}'s parameter arrays from its host (export). */
  List<Tensor> weights(int expert);

  /** Returns the host of expert {@code j} among {@code n} parties. */
  static int hostOf(int j, int n) {
    return j % n;
  }

  /** Returns the key of one routed forward. */
  static String key(long round, int party, int expert) {
    return round + "/" + party + "/" + expert;
  }
}
