package io.uatr.collab;

import io.uatr.training.AtomicFiles;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A demo certificate authority for a collaboration ({@code uatr collab init}): an EC P-256 CA and,
 * signed by it, one certificate per party ({@code party-0} ...) and one for the coordinator. Each
 * certificate names its identity in the common name, is valid for TLS server and client use, and
 * lists the host names and addresses the party is reached at (127.0.0.1 and localhost always).
 *
 * <p>Files in the output directory: {@code ca.pem}, and {@code NAME.pem} and {@code NAME.key}
 * (PKCS#8) per identity. The CA's private key is not kept. For real deployments each site makes its
 * own key and has it signed by an authority the sites agree on; this is for demos and tests.
 */
public final class CertificateAuthority {

  private static final SecureRandom RANDOM = new SecureRandom();

  private CertificateAuthority() {}

  /**
   * Writes a CA and the certificates of {@code parties} parties plus the coordinator.
   *
   * @param dir output directory (created)
   * @param parties number of parties (&gt;= 1)
   * @param hosts extra host names or IP addresses to put into every party certificate
   * @param validity how long the certificates are valid
   * @return the identities written
   * @throws IOException when a file cannot be written
   */
  public static List<String> create(Path dir, int parties, List<String> hosts, Duration validity)
      throws IOException {
    if (parties < 1) {
      throw new IllegalArgumentException("parties must be >= 1, was " + parties);
    }
    try {
      Files.createDirectories(dir);
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=uatr-collab-demo-ca");
      X509Certificate ca = caCertificate(caName, caKeys, validity);
      AtomicFiles.write(dir.resolve("ca.pem"), pem(ca));
      List<String> names = new ArrayList<>();
      for (int p = 0; p < parties; p++) {
        names.add(PartyNames.party(p));
      }
      names.add(PartyNames.COORDINATOR);
      for (String name : names) {
        KeyPair kp = keyPair();
        X509Certificate c = leaf(caName, caKeys, name, kp, hosts, validity);
        AtomicFiles.write(dir.resolve(name + ".pem"), pem(c));
        AtomicFiles.write(
            dir.resolve(name + ".key"), pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
      }
      return names;
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create certificates: " + e.getMessage(), e);
    }
  }

  /**
   * Writes a self-signed identity {@code name} that no collaboration CA has signed (for refusal
   * tests): {@code ca.pem} (its own root), {@code NAME.pem}, {@code NAME.key}.
   */
  public static void createUntrusted(Path dir, String name) throws IOException {
    try {
      Files.createDirectories(dir);
      KeyPair caKeys = keyPair();
      X500Name caName = new X500Name("CN=someone-else-ca");
      AtomicFiles.write(
          dir.resolve("ca.pem"), pem(caCertificate(caName, caKeys, Duration.ofDays(1))));
      KeyPair kp = keyPair();
      AtomicFiles.write(
          dir.resolve(name + ".pem"),
          pem(leaf(caName, caKeys, name, kp, List.of(), Duration.ofDays(1))));
      AtomicFiles.write(
          dir.resolve(name + ".key"), pem(new JcaPKCS8Generator(kp.getPrivate(), null)));
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot create certificates: " + e.getMessage(), e);
    }
  }

  private static KeyPair keyPair() throws GeneralSecurityException {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
    return g.generateKeyPair();
  }

  private static X509Certificate caCertificate(X500Name name, KeyPair keys, Duration validity)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            name,
            new BigInteger(64, RANDOM),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(validity)),
            name,
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
    return sign(b, keys);
  }

  private static X509Certificate leaf(
      X500Name issuer,
      KeyPair issuerKeys,
      String cn,
      KeyPair keys,
      List<String> hosts,
      Duration validity)
      throws GeneralSecurityException, OperatorCreationException, IOException {
    Instant now = Instant.now();
    X509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            new BigInteger(64, RANDOM),
            Date.from(now.minus(Duration.ofMinutes(5))),
            Date.from(now.plus(validity)),
            new X500Name("CN=" + cn),
            keys.getPublic());
    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
    b.addExtension(
        Extension.keyUsage,
        true,
        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
    b.addExtension(
        Extension.extendedKeyUsage,
        false,
        new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
    List<GeneralName> alt = new ArrayList<>();
    alt.add(new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    alt.add(new GeneralName(GeneralName.dNSName, "localhost"));
    for (String h : hosts) {
      alt.add(
          isAddress(h)
              ? new GeneralName(GeneralName.iPAddress, h)
              : new GeneralName(GeneralName.dNSName, h));
    }
    b.addExtension(
        Extension.subjectAlternativeName, false, new GeneralNames(alt.toArray(new GeneralName[0])));
    return sign(b, issuerKeys);
  }

  private static boolean isAddress(String h) {
    if (!h.matches("[0-9.]+") && !h.contains(":")) {
      return false;
    }
    try {
      InetAddress.getByName(h);
      return true;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair issuerKeys)
      throws GeneralSecurityException, OperatorCreationException {
    ContentSigner signer =
        new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(b.build(signer));
  }

  private static byte[] pem(Object o) throws IOException {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString().getBytes(StandardCharsets.US_ASCII);
  }
}
