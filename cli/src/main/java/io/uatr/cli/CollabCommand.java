package io.uatr.cli;

import io.uatr.collab.CertificateAuthority;
import io.uatr.collab.CollabConfig;
import io.uatr.collab.CollabFailure;
import io.uatr.collab.Coordinator;
import io.uatr.collab.HostPort;
import io.uatr.collab.PartyMain;
import io.uatr.collab.PartyNames;
import io.uatr.collab.PartyResult;
import io.uatr.collab.Simulation;
import io.uatr.collab.net.AuditLog;
import io.uatr.collab.net.PeerFailure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code uatr collab init|serve|simulate|train|export}: collaborative private training (PC-MoE).
 */
@Command(
    name = "collab",
    mixinStandardHelpOptions = true,
    description = "Collaborative private training (PC-MoE) among parties that keep their data.",
    subcommands = {
      CollabCommand.Init.class,
      CollabCommand.Serve.class,
      CollabCommand.Simulate.class,
      CollabCommand.Train.class,
      CollabCommand.Export.class
    })
public final class CollabCommand implements Runnable {

  @Override
  public void run() {
    throw new UsageError("a subcommand is required: init, serve, simulate, train or export");
  }

  /** {@code collab init}: a demo CA and per-party certificates. */
  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Make a demo certificate authority and one certificate per party.")
  static final class Init implements Callable<Integer> {
    @Option(names = "--output", required = true, description = "Certificate directory.")
    Path output;

    @Option(names = "--parties", defaultValue = "3", description = "Number of parties.")
    int parties;

    @Option(
        names = "--host",
        description = "Extra host name or address the parties are reached at (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--days", defaultValue = "30", description = "Validity in days.")
    int days;

    @Override
    public Integer call() throws Exception {
      if (parties < 1) {
        throw new UsageError("--parties must be >= 1");
      }
      List<String> names =
          CertificateAuthority.create(output, parties, hosts, Duration.ofDays(days));
      System.out.println("wrote ca.pem and certificates for " + names + " to " + output);
      return ExitCodes.OK;
    }
  }

  /** {@code collab serve}: one party process. */
  @Command(
      name = "serve",
      mixinStandardHelpOptions = true,
      description = "Run one party: serve its experts and train when the coordinator says so.")
  static final class Serve implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Option(names = "--party", required = true, description = "This party's index (0-based).")
    int party;

    @Option(names = "--seed", defaultValue = "1", description = "Seed.")
    long seed;

    @Option(names = "--dir", required = true, description = "This party's directory.")
    Path dir;

    @Option(names = "--certs", required = true, description = "Certificate directory.")
    Path certs;

    @Option(names = "--listen", description = "host:port to listen on (default collab.host:0).")
    String listen;

    @Override
    public Integer call() throws Exception {
      if (options.config == null) {
        throw new UsageError("--config is required");
      }
      List<String> args = new ArrayList<>();
      args.addAll(List.of("--config", options.config.toString(), "--party", "" + party));
      args.addAll(List.of("--seed", "" + seed, "--dir", dir.toString()));
      args.addAll(List.of("--certs", certs.toString()));
      if (listen != null) {
        try {
          HostPort.parse(listen);
        } catch (IllegalArgumentException e) {
          throw new UsageError("--listen: " + e.getMessage());
        }
        args.addAll(List.of("--listen", listen));
      }
      for (String s : options.sets) {
        args.addAll(List.of("--set", s));
      }
      PartyMain.run(args.toArray(new String[0]));
      return ExitCodes.OK;
    }
  }

  /** {@code collab simulate}: n local party processes, three settings, results and report. */
  @Command(
      name = "simulate",
      mixinStandardHelpOptions = true,
      description =
          "Start the parties on 127.0.0.1 and compare centralised, alone and collaborative"
              + " training; writes results.csv and report.md.")
  static final class Simulate implements Callable<Integer> {
    @Mixin ConfigOptions options;

    @Override
    public Integer call() throws Exception {
      if (options.config == null) {
        throw new UsageError("--config is required");
      }
      try {
        Simulation.Result r =
            Simulation.run(
                options.config,
                options.sets,
                new Simulation.Display() {
                  @Override
                  public void status(String text) {
                    System.err.println(text);
                  }

                  @Override
                  public Coordinator.Listener rounds(long seed) {
                    return new RoundsDisplay("seed " + seed + " collaborative rounds");
                  }
                });
        System.out.print(Files.readString(r.dir().resolve("report.md")));
        System.out.println("results: " + r.dir().resolve("results.csv"));
        return ExitCodes.OK;
      } catch (CollabFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.FAILURE;
      }
    }
  }

  /** A progress bar over rounds, naming the party that is training. */
  static final class RoundsDisplay implements Coordinator.Listener {
    private final String title;
    private Progress bar;
    private int parties;
    private long rounds;

    RoundsDisplay(String title) {
      this.title = title;
    }

    @Override
    public void onStart(long firstRound, long rounds, int parties) {
      this.parties = parties;
      this.rounds = rounds;
      bar = new Progress(title, rounds, "rounds");
      bar.update(firstRound, "");
    }

    @Override
    public void onStep(long round, int party, double loss) {
      bar.update(
          0,
          String.format(
              java.util.Locale.ROOT,
              "round %d, %s of %d trained (loss %.3f)",
              round + 1,
              PartyNames.party(party),
              parties,
              loss));
    }

    @Override
    public void onRound(long round) {
      bar.update(1, "round " + (round + 1) + " committed");
      if (round + 1 == rounds) {
        bar.close();
      }
    }
  }

  /** {@code collab export}: each running party collects the experts and writes its bundle. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Have running parties fetch every expert's weights from their hosts and write their"
              + " model as a standard bundle (PARTY_DIR/model) that 'uatr predict' runs.")
  static final class Export implements Callable<Integer> {
    @Option(names = "--certs", required = true, description = "Certificate directory.")
    Path certs;

    @Option(
        names = "--parties",
        required = true,
        split = ",",
        description = "host:port of every party, in party order.")
    List<String> parties;

    @Option(names = "--audit", defaultValue = "coordinator-audit.csv", description = "Audit log.")
    Path audit;

    @Override
    public Integer call() throws Exception {
      addresses(parties);
      try (AuditLog log = new AuditLog(audit);
          Coordinator coordinator = new Coordinator(certs, parties, log)) {
        printBundles(coordinator.export(), parties);
      } catch (PeerFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.FAILURE;
      }
      return ExitCodes.OK;
    }
  }

  /** One line per party: where its bundle is and its test accuracy. */
  private static void printBundles(List<PartyResult> results, List<String> addresses) {
    for (int p = 0; p < results.size(); p++) {
      PartyResult r = results.get(p);
      System.out.printf(
          java.util.Locale.ROOT,
          "%s (%s): bundle written in its directory (model/); test accuracy %.2f %%"
              + " (segments), %.2f %% (recordings)%n",
          PartyNames.party(p),
          addresses.get(p),
          100 * r.segmentAccuracy(),
          100 * r.recordingAccuracy());
    }
  }

  /** Parses {@code --parties}: a usage error (exit 2) names the first bad entry. */
  static List<HostPort> addresses(List<String> parties) {
    if (parties.isEmpty()) {
      throw new UsageError("--parties needs at least one host:port");
    }
    try {
      return HostPort.parseAll(parties);
    } catch (IllegalArgumentException e) {
      throw new UsageError("--parties: " + e.getMessage());
    }
  }

  /** {@code collab train}: the coordinator of parties that are already running. */
  @Command(
      name = "train",
      mixinStandardHelpOptions = true,
      description =
          "Coordinate parties already running ('uatr collab serve' at each site): run or resume"
              + " the collaborative rounds, then have every party write its bundle (PARTY_DIR/model)."
              + " The parties keep running ('uatr collab export' can collect again).")
  static final class Train implements Callable<Integer> {
    @Option(names = "--certs", required = true, description = "Certificate directory.")
    Path certs;

    @Option(
        names = "--parties",
        required = true,
        split = ",",
        description = "host:port of every party, in party order.")
    List<String> parties;

    @Option(
        names = "--epochs",
        description = "Epochs: rounds = epochs x the largest party's batches per epoch.")
    Integer epochs;

    @Option(names = "--config", description = "Configuration whose training.epochs is used.")
    Path config;

    @Option(names = "--audit", defaultValue = "coordinator-audit.csv", description = "Audit log.")
    Path audit;

    @Override
    public Integer call() throws Exception {
      List<HostPort> addresses = addresses(parties);
      if ((epochs == null) == (config == null)) {
        throw new UsageError("give exactly one of --epochs and --config");
      }
      int n =
          epochs != null ? epochs : CollabConfig.load(config, List.of()).run().training().epochs();
      if (n < 1) {
        throw new UsageError("--epochs must be >= 1, was " + n);
      }
      List<String> all = addresses.stream().map(HostPort::toString).toList();
      try (AuditLog log = new AuditLog(audit);
          Coordinator coord = new Coordinator(certs, all, log)) {
        Coordinator.Outcome o = coord.run(n, false, new RoundsDisplay("collaborative rounds"));
        if (o.resumedAfter() >= 0) {
          System.out.println("resumed after round " + (o.resumedAfter() + 1));
        }
        printBundles(o.collaborative(), all);
        System.out.println(o.rounds() + " rounds; audit log: " + audit);
        return ExitCodes.OK;
      } catch (CollabFailure f) {
        System.err.println("error: " + f.getMessage());
        return ExitCodes.FAILURE;
      }
    }
  }
}
