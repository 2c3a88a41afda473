package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.uatr.collab.net.AuditLog;
import io.uatr.collab.net.Endpoint;
import io.uatr.collab.net.Msg;
import io.uatr.collab.net.MsgType;
import io.uatr.collab.net.Peer;
import io.uatr.collab.net.PeerFailure;
import io.uatr.collab.net.Tensor;
import io.uatr.collab.net.Tls;
import io.uatr.collab.net.Wire;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mutual TLS: a certified party gets through and is named; peers without a valid one do not. */
class MutualTlsTest {

  @TempDir Path tmp;

  @Test
  void certifiedPeerIsServedAndNamedOthersAreRefused() throws Exception {
    Path certs = tmp.resolve("certs");
    assertEquals(
        List.of("party-0", "party-1", "coordinator"),
        CertificateAuthority.create(certs, 2, List.of(), Duration.ofDays(1)));
    List<String> callers = new CopyOnWriteArrayList<>();
    try (AuditLog serverLog = new AuditLog(tmp.resolve("server-audit.csv"));
        AuditLog clientLog = new AuditLog(tmp.resolve("client-audit.csv"));
        Endpoint server =
            new Endpoint(
                new Tls(certs, "party-0"),
                "127.0.0.1",
                0,
                (peer, req) -> {
                  callers.add(peer);
                  return new Msg(
                      MsgType.EXPERT_OUTPUT,
                      req.round(),
                      req.party(),
                      req.expert(),
                      0,
                      "",
                      req.tensors());
                },
                serverLog)) {
      Tensor t = new Tensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6.5f});
      Msg req = new Msg(MsgType.ACTIVATION, 7, 1, 3, 0, "", List.of(t));
      try (Peer p =
          new Peer("party-0", "127.0.0.1", server.port(), new Tls(certs, "party-1"), clientLog)) {
        Msg reply = p.call(req);
        assertEquals(MsgType.EXPERT_OUTPUT, reply.type());
        assertEquals(7, reply.round());
        assertEquals(6.5f, reply.tensors().get(0).data()[5]);
      }
      assertEquals(List.of("party-1"), callers);

      // a certificate from another authority (the client trusts the server, but its own
      // certificate is not signed by the collaboration's CA)
      Path other = tmp.resolve("other");
      CertificateAuthority.createUntrusted(other, "party-1");
      Files.copy(
          certs.resolve("ca.pem"),
          other.resolve("ca.pem"),
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      try (Peer p =
          new Peer("party-0", "127.0.0.1", server.port(), new Tls(other, "party-1"), clientLog)) {
        PeerFailure f = assertThrows(PeerFailure.class, () -> p.call(req));
        assertTrue(f.getMessage().contains("party-0"), f.getMessage());
      }

      // no client certificate at all
      ManagedChannel ch =
          NettyChannelBuilder.forAddress(
                  "127.0.0.1",
                  server.port(),
                  TlsChannelCredentials.newBuilder()
                      .trustManager(certs.resolve("ca.pem").toFile())
                      .build())
              .build();
      try {
        assertThrows(
            StatusRuntimeException.class,
            () -> ClientCalls.blockingUnaryCall(ch, Wire.CALL, CallOptions.DEFAULT, req));
      } finally {
        ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertEquals(List.of("party-1"), callers, "refused peers never reach the handler");
    }
    List<String> audit = Files.readAllLines(tmp.resolve("server-audit.csv"));
    assertEquals(AuditLog.HEADER, audit.get(0));
    assertEquals("received,party-1,ACTIVATION," + req0Bytes() + ",7,1,3,2x3", audit.get(1));
    assertTrue(audit.get(2).startsWith("sent,party-1,EXPERT_OUTPUT,"), audit.get(2));
    assertEquals(3, audit.size(), "only the authenticated exchange is logged");
  }

  private static int req0Bytes() {
    Tensor t = new Tensor(new long[] {2, 3}, new float[6]);
    return new Msg(MsgType.ACTIVATION, 7, 1, 3, 0, "", List.of(t)).encode().length;
  }
}
