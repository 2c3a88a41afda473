package io.uatr.collab.net;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A party's gRPC server on host:port with mutual TLS: only peers with a certificate signed by the
 * run's authority get through the handshake; each request reaches the {@link Handler} with the
 * caller's certificate common name, and both the request and the reply go into the audit log.
 */
public final class Endpoint implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Endpoint.class);
  private static final Context.Key<String> PEER = Context.key("uatr-peer");

  private final Server server;
  private final ExecutorService executor =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "collab-endpoint");
            t.setDaemon(true);
            return t;
          });

  /**
   * Starts the server.
   *
   * @param tls this party's credentials
   * @param host address to bind, e.g. 127.0.0.1
   * @param port port, 0 for any free one
   * @param handler serves requests
   * @param audit the audit log
   * @throws IOException when the port cannot be bound
   */
  public Endpoint(Tls tls, String host, int port, Handler handler, AuditLog audit)
      throws IOException {
    ServerServiceDefinition def =
        ServerServiceDefinition.builder(Wire.SERVICE)
            .addMethod(
                Wire.CALL,
                ServerCalls.asyncUnaryCall(
                    (req, obs) -> {
                      String peer = PEER.get();
                      audit.received(peer, req);
                      try {
                        Msg reply = handler.handle(peer, req);
                        audit.sent(peer, reply);
                        obs.onNext(reply);
                        obs.onCompleted();
                      } catch (Exception | Error e) {
                        LOG.warn("request {} from {} failed: {}", req.type(), peer, e.toString());
                        obs.onError(
                            Status.INTERNAL
                                .withDescription(
                                    e.getMessage() == null ? e.toString() : e.getMessage())
                                .asRuntimeException());
                      }
                    }))
            .build();
    server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port), tls.server())
            .maxInboundMessageSize(Wire.MAX_MESSAGE_BYTES)
            .addService(ServerInterceptors.intercept(def, new PeerInterceptor()))
            .executor(executor)
            .build()
            .start();
  }

  /** Returns the bound port. */
  public int port() {
    return server.getPort();
  }

  /** Stops accepting calls and waits briefly for running ones. */
  @Override
  public void close() {
    server.shutdown();
    executor.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow();
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Puts the peer certificate's common name into the call context; refuses calls without one. */
  private static final class PeerInterceptor implements ServerInterceptor {
    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      SSLSession ssl = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      String cn = ssl == null ? null : commonName(ssl);
      if (cn == null) {
        call.close(Status.UNAUTHENTICATED.withDescription("no client certificate"), new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(Context.current().withValue(PEER, cn), call, headers, next);
    }
  }

  /** Returns the CN of the peer's certificate, or null. */
  static String commonName(SSLSession ssl) {
    try {
      Certificate[] chain = ssl.getPeerCertificates();
      if (chain.length == 0 || !(chain[0] instanceof X509Certificate x)) {
        return null;
      }
      return cn(x.getSubjectX500Principal());
    } catch (SSLPeerUnverifiedException e) {
      return null;
    }
  }

  static String cn(X500Principal p) {
    for (String part : p.getName(X500Principal.RFC2253).split(",")) {
      if (part.startsWith("CN=")) {
        return part.substring(3);
      }
    }
    return null;
  }
}
