package io.uatr.collab.model;

import io.uatr.collab.net.Tensor;
import java.util.List;

/** A router over shards in this process (one party alone, and tests). */
public final class LocalRouter implements ExpertRouter {

  private final List<ExpertShard> shards;

  /** Routes to {@code shards}, shard h hosting experts j with j mod n = h. */
  public LocalRouter(List<ExpertShard> shards) {
    this.shards = List.copyOf(shards);
  }

  @Override
  public int hosts() {
    return shards.size();
  }

  private ExpertShard of(int expert) {
    return shards.get(ExpertRouter.hostOf(expert, shards.size()));
  }

  @Override
  public Tensor forward(long round, int party, int expert, Tensor rows, boolean training) {
    return of(expert).forward(ExpertRouter.key(round, party, expert), expert, rows, training);
  }

  @Override
  public Tensor backward(long round, int party, int expert, Tensor outputGradient) {
    return of(expert).backward(ExpertRouter.key(round, party, expert), outputGradient);
  }

  @Override
  public double[] gradientSquares(int host, long round, int party) {
    return shards.get(host).gradientSquares();
  }

  @Override
  public void update(
      int host, long round, int party, double lr, double globalNorm, double maxNorm) {
    shards.get(host).update(lr, globalNorm, maxNorm);
  }

  @Override
  public List<Tensor> weights(int expert) {
    return of(expert).weights(expert);
  }
}
