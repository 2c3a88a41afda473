package io.uatr.collab;

import io.uatr.collab.model.ExpertRouter;
import io.uatr.collab.model.ExpertShard;
import io.uatr.collab.net.Msg;
import io.uatr.collab.net.MsgType;
import io.uatr.collab.net.Peer;
import io.uatr.collab.net.Tensor;
import java.util.List;
import java.util.Locale;

/**
 * Routes to the expert hosts over gRPC; experts this party hosts are called directly (no message).
 * Messages carry only the routed rows' activations, the expert outputs, their gradients, scalar
 * gradient norms, update commands and (for export) expert weights.
 */
final class RemoteRouter implements ExpertRouter {

  private final int self;
  private final ExpertShard local;
  private final List<Peer> peers; // index = party; null at self

  RemoteRouter(int self, ExpertShard local, List<Peer> peers) {
    this.self = self;
    this.local = local;
    this.peers = peers;
  }

  @Override
  public int hosts() {
    return peers.size();
  }

  private int host(int expert) {
    return ExpertRouter.hostOf(expert, peers.size());
  }

  @Override
  public Tensor forward(long round, int party, int expert, Tensor rows, boolean training) {
    int h = host(expert);
    if (h == self) {
      return local.forward(ExpertRouter.key(round, party, expert), expert, rows, training);
    }
    Msg reply =
        peers
            .get(h)
            .call(
                new Msg(
                    MsgType.ACTIVATION, round, party, expert, training ? 1 : 0, "", List.of(rows)));
    return expect(reply, MsgType.EXPERT_OUTPUT).tensors().get(0);
  }

  @Override
  public Tensor backward(long round, int party, int expert, Tensor outputGradient) {
    int h = host(expert);
    if (h == self) {
      return local.backward(ExpertRouter.key(round, party, expert), outputGradient);
    }
    Msg reply =
        peers
            .get(h)
            .call(
                new Msg(
                    MsgType.OUTPUT_GRADIENT, round, party, expert, 0, "", List.of(outputGradient)));
    return expect(reply, MsgType.ACTIVATION_GRADIENT).tensors().get(0);
  }

  @Override
  public double[] gradientSquares(int host, long round, int party) {
    if (host == self) {
      return local.gradientSquares();
    }
    Msg reply = peers.get(host).call(Msg.of(MsgType.GRAD_NORM, round, party, -1, 0, ""));
    return new double[] {expect(reply, MsgType.GRAD_NORM).value()};
  }

  @Override
  public void update(
      int host, long round, int party, double lr, double globalNorm, double maxNorm) {
    if (host == self) {
      local.update(lr, globalNorm, maxNorm);
      return;
    }
    String note =
        String.format(Locale.ROOT, "%s %s", Double.toString(globalNorm), Double.toString(maxNorm));
    expect(peers.get(host).call(Msg.of(MsgType.UPDATE, round, party, -1, lr, note)), MsgType.ACK);
  }

  @Override
  public List<Tensor> weights(int expert) {
    int h = host(expert);
    if (h == self) {
      return local.weights(expert);
    }
    Msg reply = peers.get(h).call(Msg.of(MsgType.WEIGHTS_REQUEST, -1, self, expert, 0, ""));
    return expect(reply, MsgType.EXPERT_WEIGHTS).tensors();
  }

  private static Msg expect(Msg m, MsgType t) {
    if (m.type() != t) {
      throw new IllegalStateException("expected a " + t + " reply, got " + m.type());
    }
    return m;
  }
}
