package io.uatr.collab;

import io.uatr.experiments.data.PreparedData;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.SegmentSet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One party as an OS process ({@code uatr collab serve} and the processes {@code simulate} starts):
 * loads the configuration and its data (its whole dataset with {@code collab.data: own}, else its
 * share of the simulated split), starts its endpoint, prints {@code LISTENING <port>} and serves
 * until the coordinator sends STOP.
 *
 * <p>Arguments: {@code --config FILE --party P --seed S --dir DIR --certs DIR [--listen HOST:PORT]
 * [--set key=value]...}
 */
public final class PartyMain {

  private PartyMain() {}

  /**
   * Runs a party until STOP.
   *
   * @param args see the class comment
   * @throws Exception on any failure (the process exits non-zero)
   */
  public static void run(String[] args) throws Exception {
    Path config = null;
    Path dir = null;
    Path certs = null;
    int party = -1;
    long seed = 1;
    String listen = null;
    List<String> sets = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--config" -> config = Path.of(v);
        case "--party" -> party = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--dir" -> dir = Path.of(v);
        case "--certs" -> certs = Path.of(v);
        case "--listen" -> listen = v;
        case "--set" -> sets.add(v);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
      i++;
    }
    if (config == null || dir == null || certs == null || party < 0) {
      throw new IllegalArgumentException("--config, --party, --dir and --certs are required");
    }
    CollabConfig c = CollabConfig.load(config, sets);
    String host = c.collab().host();
    int port = 0;
    if (listen != null) {
      HostPort hp = HostPort.parse(listen);
      host = hp.host();
      port = hp.port();
    }
    PreparedData d = c.data();
    ModelSpec spec = c.spec(d);
    int n = c.collab().parties();
    if (party >= n) {
      throw new IllegalArgumentException("--party " + party + " but collab.parties is " + n);
    }
    // collab.data: own -- this site's whole dataset with its own recording-level split;
    // simulated_split -- this party's non-IID share of a corpus every party reads
    SegmentSet mine =
        c.collab().data() == CollabSettings.DataSource.OWN
            ? d.segments()
            : NonIidSplit.split(d.segments(), n, c.collab().partiesPerType()).get(party);
    PartySetup setup =
        new PartySetup(
            party,
            n,
            spec,
            c.run().training(),
            seed,
            mine,
            dir,
            certs,
            host,
            port,
            c.manifest(d, spec, seed, "collaborative"));
    d = null; // the other parties' data is not kept
    try (PartyNode node = new PartyNode(setup)) {
      System.out.println("LISTENING " + node.port());
      System.out.flush();
      node.awaitStop();
    }
  }

  /**
   * Entry point of a party process.
   *
   * @param args see the class comment
   */
  public static void main(String[] args) {
    try {
      run(args);
      System.exit(0);
    } catch (Exception | Error e) {
      System.err.println("party failed: " + e);
      System.exit(1);
    }
  }
}
