package io.uatr.collab.net;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/** A call to a party failed: it is unreachable (disconnected) or its handler reported an error. */
public final class PeerFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String party;
  private final boolean disconnected;

  /**
   * Wraps a gRPC failure.
   *
   * @param party the party's identity
   * @param address its host:port
   * @param type the request that failed
   * @param cause the gRPC error
   */
  public PeerFailure(String party, String address, MsgType type, StatusRuntimeException cause) {
    super(describe(party, address, type, cause), cause);
    this.party = party;
    Status.Code c = cause.getStatus().getCode();
    this.disconnected = c == Status.Code.UNAVAILABLE || c == Status.Code.CANCELLED;
  }

  private static String describe(
      String party, String address, MsgType type, StatusRuntimeException e) {
    Status s = e.getStatus();
    if (s.getCode() == Status.Code.UNAVAILABLE) {
      return party + " (" + address + ") is unreachable or disconnected during " + type;
    }
    return party + " (" + address + ") failed on " + type + ": " + s.getDescription();
  }

  /** Returns the identity of the party that failed. */
  public String party() {
    return party;
  }

  /** Whether the party could not be reached (as opposed to reporting an error). */
  public boolean disconnected() {
    return disconnected;
  }
}
