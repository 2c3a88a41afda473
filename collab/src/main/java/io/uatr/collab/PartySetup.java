package io.uatr.collab;

import io.uatr.inference.BundleManifest;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.SegmentSet;
import io.uatr.training.TrainingConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything one party process needs.
 *
 * @param party this party's index (0-based)
 * @param parties number of parties n
 * @param spec the model spec shared by all parties
 * @param config training settings shared by all parties
 * @param seed run seed
 * @param data this party's segments: its TRAIN recordings and its TEST recordings
 * @param dir this party's directory (audit log, checkpoints, bundles)
 * @param certs certificate directory (this party's key and certificate, the CA)
 * @param host address to listen on
 * @param port port to listen on (0: any free one)
 * @param manifest bundle manifest for the exported model (data and feature description), or null to
 *     skip writing a bundle
 */
public record PartySetup(
    int party,
    int parties,
    ModelSpec spec,
    TrainingConfig config,
    long seed,
    SegmentSet data,
    Path dir,
    Path certs,
    String host,
    int port,
    BundleManifest manifest) {

  /**
   * Returns what every party of a collaboration must agree on, as a hash: SHA-256 (hex) of the
   * model spec, the class names, the feature matrix size (bins x frames) and, when a manifest is
   * given, the resolved feature settings and sample rate. Parties exchange only this hash, never
   * the settings, labels or data it is computed from.
   *
   * @return 64 hex digits
   */
  public String agreementHash() {
    StringBuilder b = new StringBuilder();
    b.append("spec=").append(spec.toMap()).append('\n');
    b.append("classes=").append(data.classNames()).append('\n');
    b.append("input=").append(data.bins()).append('x').append(data.frames()).append('\n');
    if (manifest != null) {
      b.append("features=").append(manifest.features()).append('\n');
      b.append("sample_rate=").append(manifest.sampleRate()).append('\n');
    }
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
