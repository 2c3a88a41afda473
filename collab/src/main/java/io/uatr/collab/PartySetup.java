package io.uatr.collab;

import io.uatr.inference.BundleManifest;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.SegmentSet;
import io.uatr.training.TrainingConfig;
import java.nio.file.Path;

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
    BundleManifest manifest) {}
