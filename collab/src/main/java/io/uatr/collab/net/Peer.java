package io.uatr.collab.net;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A client connection to one party at host:port over mutual TLS. Calls block; every request and
 * reply goes into the audit log. A failed call becomes a {@link PeerFailure} naming the party.
 */
public final class Peer implements AutoCloseable {

  private final String name;
  private final String address;
  private final ManagedChannel channel;
  private final AuditLog audit;

  /**
   * Connects (lazily) to a party.
   *
   * @param name the party's identity, e.g. {@code party-2}
   * @param host host name or address (must match the party certificate's names)
   * @param port port
   * @param tls the caller's credentials
   * @param audit the caller's audit log
   * @throws IOException when the credentials cannot be read
   */
  public Peer(String name, String host, int port, Tls tls, AuditLog audit) throws IOException {
    this.name = name;
    this.address = host + ":" + port;
    this.audit = audit;
    this.channel =
        NettyChannelBuilder.forAddress(host, port, tls.client())
            .maxInboundMessageSize(Wire.MAX_MESSAGE_BYTES)
            .build();
  }

  /** Returns the party's identity. */
  public String name() {
    return name;
  }

  /** Returns host:port. */
  public String address() {
    return address;
  }

  /**
   * Sends a request and waits for the reply.
   *
   * @param request the request
   * @return the reply
   * @throws PeerFailure when the party cannot be reached or its handler failed
   */
  public Msg call(Msg request) {
    audit.sent(name, request);
    try {
      Msg reply = ClientCalls.blockingUnaryCall(channel, Wire.CALL, CallOptions.DEFAULT, request);
      audit.received(name, reply);
      return reply;
    } catch (StatusRuntimeException e) {
      throw new PeerFailure(name, address, request.type(), e);
    }
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
