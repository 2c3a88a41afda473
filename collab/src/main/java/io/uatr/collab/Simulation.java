package io.uatr.collab;

import ai.djl.Model;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.collab.model.PartyNet;
import io.uatr.collab.net.AuditLog;
import io.uatr.experiments.data.PreparedData;
import io.uatr.experiments.run.RunFiles;
import io.uatr.inference.Bundle;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.FeatureSegment;
import io.uatr.training.MultiTaskTrainer;
import io.uatr.training.SegmentSet;
import io.uatr.training.Split;
import io.uatr.training.TrainingResult;
import io.uatr.training.eval.EvaluationResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code uatr collab simulate}: for each seed, the three settings on the same data: centralised
 * (one model on the pooled training recordings, in this process), alone (each party process on its
 * own data) and collaborative (PC-MoE among n party processes on 127.0.0.1). Writes {@code
 * results.csv} and {@code report.md} to the output directory.
 */
public final class Simulation {

  private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);

  /** Progress and status callbacks. */
  public interface Display {
    /** A status line. */
    void status(String text);

    /** The listener of one seed's collaborative run. */
    Coordinator.Listener rounds(long seed);
  }

  /**
   * Outcome.
   *
   * @param rows every results.csv row
   * @param attacks every attack.csv row
   * @param fullParameters scalars of the full model
   * @param dir output directory
   * @param seconds wall time
   */
  public record Result(
      List<ResultRow> rows,
      List<AttackRow> attacks,
      long fullParameters,
      Path dir,
      double seconds) {}

  /**
   * One attack figure of one seed.
   *
   * @param seed the seed
   * @param f the figures
   */
  public record AttackRow(long seed, InversionAttack.Figures f) {}

  private Simulation() {}

  /**
   * Runs the simulation.
   *
   * @param configFile the configuration (with a {@code collab} section)
   * @param sets {@code key=value} overrides
   * @param display progress
   * @return the rows and where they were written
   * @throws IOException when files cannot be read or written or a party cannot be started
   * @throws CollabFailure when a party failed or disconnected (the others were stopped)
   */
  public static Result run(Path configFile, List<String> sets, Display display)
      throws IOException, InterruptedException {
    long t0 = System.nanoTime();
    CollabConfig c = CollabConfig.load(configFile, sets);
    if (c.collab().data() != CollabSettings.DataSource.SIMULATED_SPLIT) {
      throw new io.uatr.dsp.config.ConfigException(
          "collab.data",
          "simulate deals one corpus among the parties and needs simulated_split (own is for"
              + " 'uatr collab serve' at sites with their own recordings)");
    }
    // the supported-model check needs no data: the class counts do not matter to it
    ModelSpec probe = c.run().modelSpec(2, 2);
    try {
      PartyNet.check(probe);
    } catch (IllegalArgumentException e) {
      String m = e.getMessage();
      int colon = m.indexOf(": ");
      throw new io.uatr.dsp.config.ConfigException(
          colon > 0 ? m.substring(0, colon) : "model", colon > 0 ? m.substring(colon + 2) : m);
    }
    Path out = c.run().outputDir();
    Files.createDirectories(out);
    RunFiles.writeYaml(out.resolve("config.yaml"), c.source().tree());
    int n = c.collab().parties();
    Path certs = out.resolve("certs");
    if (!Files.isRegularFile(certs.resolve(PartyNames.COORDINATOR + ".key"))) {
      CertificateAuthority.create(certs, n, List.of(c.collab().host()), Duration.ofDays(30));
    }
    display.status("preparing the data");
    PreparedData d = c.data();
    ModelSpec spec = c.spec(d);
    SegmentSet pooled = NonIidSplit.pooled(d.segments());
    List<ResultRow> rows = new ArrayList<>();
    List<AttackRow> attacks = new ArrayList<>();
    long full = 0;
    try (HeapMeter meter = new HeapMeter()) {
      for (long seed : c.run().seeds()) {
        Path seedDir = out.resolve("seed-" + seed);
        display.status("seed " + seed + ": centralised");
        meter.reset();
        try (MultiTaskTrainer t =
            new MultiTaskTrainer(spec, c.run().training(), seed, seedDir.resolve("centralised"))) {
          TrainingResult tr = t.fit(pooled);
          long peak = meter.peak();
          full = 0;
          for (Pair<String, Parameter> p : t.block().getParameters()) {
            full += p.getValue().getArray().size();
          }
          for (int p = 0; p < n; p++) {
            List<FeatureSegment> test = new ArrayList<>();
            List<Integer> classes = new ArrayList<>();
            for (int k = 0; k < spec.numClasses(); k++) {
              if (NonIidSplit.partiesOf(k, n, c.collab().partiesPerType()).contains(p)) {
                classes.add(k);
              }
            }
            for (FeatureSegment s : tr.data().part(Split.TEST)) {
              if (classes.contains(s.classLabel())) {
                test.add(s);
              }
            }
            EvaluationResult ev = t.evaluate(test);
            rows.add(
                new ResultRow(
                    "centralised",
                    p,
                    seed,
                    new PartyResult(ev.segmentAccuracy(), ev.recordingAccuracy(), full, peak)));
          }
        }
        display.status("seed " + seed + ": alone, then collaborative (" + n + " processes)");
        Coordinator.Outcome o = collaborate(configFile, sets, c, seed, seedDir, certs, display);
        for (int p = 0; p < n; p++) {
          rows.add(new ResultRow("alone", p, seed, o.alone().get(p)));
        }
        for (int p = 0; p < n; p++) {
          rows.add(new ResultRow("collaborative", p, seed, o.collaborative().get(p)));
        }
        writeCsv(out, rows);
        if (c.collab().attack()) {
          display.status("seed " + seed + ": reconstruction attack (party-1 on party-0)");
          for (InversionAttack.Figures f : attack(seedDir, d, spec, c)) {
            attacks.add(new AttackRow(seed, f));
          }
          writeAttackCsv(out, attacks);
        }
      }
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Result r = new Result(rows, attacks, full, out, seconds);
    CollabReport.write(r, c, d.synthetic());
    return r;
  }

  private static Coordinator.Outcome collaborate(
      Path configFile,
      List<String> sets,
      CollabConfig c,
      long seed,
      Path seedDir,
      Path certs,
      Display display)
      throws IOException {
    int n = c.collab().parties();
    try (PartyProcesses procs = new PartyProcesses()) {
      for (int p = 0; p < n; p++) {
        List<String> args = new ArrayList<>();
        args.addAll(List.of("--config", configFile.toString(), "--party", Integer.toString(p)));
        args.addAll(List.of("--seed", Long.toString(seed)));
        args.addAll(List.of("--dir", seedDir.resolve(PartyNames.party(p)).toString()));
        args.addAll(List.of("--certs", certs.toString()));
        args.addAll(List.of("--listen", c.collab().host() + ":0"));
        for (String s : sets) {
          args.addAll(List.of("--set", s));
        }
        procs.start(PartyMain.class.getName(), args, seedDir.resolve(PartyNames.party(p) + ".log"));
      }
      List<String> addresses = new ArrayList<>();
      for (int p = 0; p < n; p++) {
        addresses.add(c.collab().host() + ":" + procs.port(p, 300));
      }
      try (AuditLog log = new AuditLog(seedDir.resolve("coordinator-audit.csv"));
          Coordinator coord = new Coordinator(certs, addresses, log)) {
        Coordinator.Outcome o = coord.run(c.run().training().epochs(), true, display.rounds(seed));
        coord.stopAll(null);
        LOG.info("seed {}: {} rounds", seed, o.rounds());
        return o;
      }
    }
  }

  /** Party 1 (hosting experts 1, 1 + n, ...) attacks party 0 with the final models. */
  private static List<InversionAttack.Figures> attack(
      Path seedDir, PreparedData d, ModelSpec spec, CollabConfig c) throws IOException {
    int n = c.collab().parties();
    List<SegmentSet> parts = NonIidSplit.split(d.segments(), n, c.collab().partiesPerType());
    try (NDManager m = NDManager.newBaseManager()) {
      PartyNet[] nets = new PartyNet[2];
      for (int p = 0; p < 2; p++) {
        try (Bundle b = Bundle.load(seedDir.resolve(PartyNames.party(p)).resolve("model"));
            Model model = b.newModel()) {
          nets[p] =
              new PartyNet(
                  spec,
                  m,
                  new Shape(
                      c.run().training().batchSize(),
                      1,
                      d.segments().bins(),
                      d.segments().frames()));
          InversionAttack.load(nets[p], model.getBlock());
        }
      }
      return InversionAttack.run(
          nets[1],
          nets[0],
          1,
          n,
          parts.get(1).part(Split.TRAIN),
          parts.get(0).part(Split.TRAIN),
          m);
    }
  }

  static void writeAttackCsv(Path out, List<AttackRow> rows) throws IOException {
    List<List<String>> cells = new ArrayList<>();
    for (AttackRow r : rows) {
      cells.add(
          List.of(
              Long.toString(r.seed()),
              r.f().representation(),
              String.format(java.util.Locale.ROOT, "%.4f", r.f().mse()),
              String.format(java.util.Locale.ROOT, "%.4f", r.f().correlation()),
              String.format(java.util.Locale.ROOT, "%.4f", r.f().residualCorrelation()),
              Integer.toString(r.f().segments())));
    }
    RunFiles.writeCsv(
        out.resolve("attack.csv"),
        List.of("seed", "representation", "mse", "correlation", "residual_correlation", "segments"),
        cells);
  }

  static void writeCsv(Path out, List<ResultRow> rows) throws IOException {
    List<List<String>> cells = new ArrayList<>();
    for (ResultRow r : rows) {
      cells.add(r.cells());
    }
    RunFiles.writeCsv(out.resolve("results.csv"), ResultRow.HEADER, cells);
  }
}
