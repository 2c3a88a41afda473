package io.uatr.collab.net;

import io.grpc.ChannelCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Mutual-TLS credentials of one identity (a party or the coordinator) from PEM files in a
 * certificate directory: {@code ca.pem} (the trusted authority), {@code NAME.pem} (this identity's
 * certificate) and {@code NAME.key} (its PKCS#8 private key), as written by {@link
 * io.uatr.collab.CertificateAuthority}. Servers require a client certificate signed by the
 * authority; clients check the server's certificate against the authority and its host name.
 */
public final class Tls {

  private final Path ca;
  private final Path cert;
  private final Path key;

  /**
   * Reads the identity {@code name} from {@code dir}.
   *
   * @param dir certificate directory
   * @param name identity, e.g. {@code party-0} or {@code coordinator}
   * @throws IOException when a file is missing
   */
  public Tls(Path dir, String name) throws IOException {
    this.ca = require(dir.resolve("ca.pem"));
    this.cert = require(dir.resolve(name + ".pem"));
    this.key = require(dir.resolve(name + ".key"));
  }

  private static Path require(Path p) throws IOException {
    if (!Files.isRegularFile(p)) {
      throw new IOException(p + " is missing (make the certificates with 'uatr collab init')");
    }
    return p;
  }

  /** Server credentials that require and verify a client certificate. */
  public ServerCredentials server() throws IOException {
    return TlsServerCredentials.newBuilder()
        .keyManager(cert.toFile(), key.toFile())
        .trustManager(ca.toFile())
        .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE)
        .build();
  }

  /** Client credentials that present this identity's certificate. */
  public ChannelCredentials client() throws IOException {
    return TlsChannelCredentials.newBuilder()
        .keyManager(cert.toFile(), key.toFile())
        .trustManager(ca.toFile())
        .build();
  }
}
