package io.uatr.collab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.collab.model.ExpertRouter;
import io.uatr.collab.model.ExpertShard;
import io.uatr.collab.model.PartyNet;
import io.uatr.collab.model.PartyTrainer;
import io.uatr.collab.model.Tensors;
import io.uatr.collab.net.AuditLog;
import io.uatr.collab.net.Endpoint;
import io.uatr.collab.net.Msg;
import io.uatr.collab.net.MsgType;
import io.uatr.collab.net.Peer;
import io.uatr.collab.net.Tensor;
import io.uatr.collab.net.Tls;
import io.uatr.inference.BundleWriter;
import io.uatr.training.Devices;
import io.uatr.training.MultiTaskTrainer;
import io.uatr.training.Split;
import io.uatr.training.TrainingResult;
import io.uatr.training.eval.EvaluationResult;
import io.uatr.training.eval.SegmentPredictor;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One party: its data, backbone and expert shard, its gRPC endpoint (mutual TLS) and its audit log.
 * Parties serve each other's expert requests; the coordinator drives rounds with control messages
 * (see {@link MsgType}). Data-plane requests are accepted from party identities only, control
 * requests from the coordinator only.
 */
public final class PartyNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PartyNode.class);

  private final PartySetup s;
  private final NDManager manager;
  private final PartyTrainer trainer;
  private final ExpertShard shard;
  private final AuditLog audit;
  private final Tls tls;
  private final Endpoint endpoint;
  private final HeapMeter meter = new HeapMeter();
  private final PartyCheckpoints checkpoints;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final List<Peer> peers = new ArrayList<>();
  private final ExecutorService compute =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "party-compute");
            t.setDaemon(true);
            return t;
          });
  private final String agreement;
  private RemoteRouter router;
  private boolean collabStarted;

  /**
   * Builds the party's model (releasing the experts other parties host) and starts its endpoint.
   *
   * @param setup the party's settings and data
   * @throws IOException when the certificates or the audit log cannot be read or written, or the
   *     port cannot be bound
   */
  public PartyNode(PartySetup setup) throws IOException {
    this.s = setup;
    this.agreement = setup.agreementHash();
    Devices.applyThreads(s.config().threads());
    // every request is served on one thread whose engine thread count is set once: which pool
    // thread served a request must not change the floating-point results
    call(() -> Devices.applyThreads(s.config().threads()));
    this.manager = NDManager.newBaseManager(Devices.resolve(s.config().device()));
    this.trainer = new PartyTrainer(s.spec(), s.config(), s.seed(), s.party(), s.data(), manager);
    List<Integer> hosted = new ArrayList<>();
    for (int j = 0; j < trainer.net().expertCount(); j++) {
      if (ExpertRouter.hostOf(j, s.parties()) == s.party()) {
        hosted.add(j);
      } else {
        for (Parameter p : trainer.net().expertParameters(j)) {
          p.close(); // another party hosts this expert: its arrays are not kept here
        }
      }
    }
    this.shard = new ExpertShard(trainer.net(), hosted, s.config().optimizer(), manager);
    this.checkpoints = new PartyCheckpoints(s.dir());
    this.audit = new AuditLog(s.dir().resolve("audit.csv"));
    this.tls = new Tls(s.certs(), PartyNames.party(s.party()));
    this.endpoint = new Endpoint(tls, s.host(), s.port(), this::handle, audit);
  }

  /** Returns the bound port. */
  public int port() {
    return endpoint.port();
  }

  /** Returns the audit log (tests observe it). */
  public AuditLog audit() {
    return audit;
  }

  /** Returns the scalars this party holds for collaborative training (backbone + shard). */
  public long parametersHeld() {
    return trainer.backboneScalars() + shard.scalars();
  }

  /** Returns the trainer (tests read its parameters). */
  public PartyTrainer trainer() {
    return trainer;
  }

  /** Returns the expert shard. */
  public ExpertShard shard() {
    return shard;
  }

  /** Blocks until the coordinator sends STOP. */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  private Msg handle(String peer, Msg req) throws Exception {
    if (req.type().dataPlane() && PartyNames.index(peer) < 0) {
      throw new SecurityException(peer + " may not send " + req.type() + " (parties only)");
    }
    if (!req.type().dataPlane() && !PartyNames.COORDINATOR.equals(peer)) {
      throw new SecurityException(peer + " may not send " + req.type() + " (coordinator only)");
    }
    return call(() -> serve(req));
  }

  /** Runs {@code task} on the compute thread and returns its result (or rethrows its error). */
  private <T> T call(java.util.concurrent.Callable<T> task) throws IOException {
    try {
      return compute.submit(task).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException r) {
        throw r;
      }
      if (c instanceof Error err) {
        throw err;
      }
      if (c instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException(c.getMessage(), c);
    }
  }

  private Msg serve(Msg req) throws Exception {
    String key = ExpertRouter.key(req.round(), req.party(), req.expert());
    switch (req.type()) {
      case ACTIVATION -> {
        Tensor y = shard.forward(key, req.expert(), req.tensors().get(0), req.value() != 0);
        return reply(MsgType.EXPERT_OUTPUT, req, 0, List.of(y));
      }
      case OUTPUT_GRADIENT -> {
        return reply(
            MsgType.ACTIVATION_GRADIENT,
            req,
            0,
            List.of(shard.backward(key, req.tensors().get(0))));
      }
      case GRAD_NORM -> {
        double sq = 0;
        for (double v : shard.gradientSquares()) {
          sq += v;
        }
        return reply(MsgType.GRAD_NORM, req, sq, List.of());
      }
      case UPDATE -> {
        String[] parts = req.note().split(" ");
        shard.update(req.value(), Double.parseDouble(parts[0]), Double.parseDouble(parts[1]));
        return reply(MsgType.ACK, req, 0, List.of());
      }
      case WEIGHTS_REQUEST -> {
        return reply(MsgType.EXPERT_WEIGHTS, req, 0, shard.weights(req.expert()));
      }
      case PEERS -> {
        connect(req.note());
        return reply(MsgType.ACK, req, 0, List.of());
      }
      case STATUS -> {
        String rounds =
            checkpoints.rounds().stream().map(String::valueOf).collect(Collectors.joining(","));
        return Msg.of(
            MsgType.ACK,
            -1,
            s.party(),
            -1,
            trainer.batches(),
            "committed=" + rounds + ";agreement=" + agreement);
      }
      case RESTORE -> {
        restore(req.round());
        return reply(MsgType.ACK, req, 0, List.of());
      }
      case STEP -> {
        if (!collabStarted) {
          meter.reset();
          collabStarted = true;
        }
        PartyTrainer.StepResult r = trainer.step(req.round(), (long) req.value());
        return reply(
            MsgType.ACK,
            req,
            r.loss(),
            List.of(),
            String.format(Locale.ROOT, "correct=%d;segments=%d", r.correct(), r.segments()));
      }
      case COMMIT -> {
        checkpoints.write(req.round(), state());
        return reply(MsgType.ACK, req, 0, List.of());
      }
      case ALONE -> {
        return reply(MsgType.ACK, req, 0, List.of(), alone().toNote());
      }
      case FINISH -> {
        return reply(MsgType.ACK, req, 0, List.of(), finish().toNote());
      }
      case STOP -> {
        stopped.countDown();
        return reply(MsgType.ACK, req, 0, List.of());
      }
      default -> throw new IllegalArgumentException("unexpected request " + req.type());
    }
  }

  private Msg reply(MsgType t, Msg req, double value, List<Tensor> ts) {
    return reply(t, req, value, ts, "");
  }

  private Msg reply(MsgType t, Msg req, double value, List<Tensor> ts, String note) {
    return new Msg(t, req.round(), req.party(), req.expert(), value, note, ts);
  }

  private void connect(String addresses) throws IOException {
    String[] a = addresses.split(",");
    if (a.length != s.parties()) {
      throw new IllegalArgumentException(
          "expected " + s.parties() + " party addresses, got '" + addresses + "'");
    }
    closePeers();
    for (int p = 0; p < a.length; p++) {
      if (p == s.party()) {
        peers.add(null);
        continue;
      }
      HostPort hp = HostPort.parse(a[p]);
      peers.add(new Peer(PartyNames.party(p), hp.host(), hp.port(), tls, audit));
    }
    router = new RemoteRouter(s.party(), shard, peers);
    trainer.setRouter(router);
  }

  private PartyCheckpoints.State state() {
    List<NDArray> backbone = new ArrayList<>();
    for (Pair<String, Parameter> p : trainer.backbone()) {
      backbone.add(p.getValue().getArray());
    }
    List<NDArray> hosted = new ArrayList<>();
    for (Parameter p : shard.parameters()) {
      hosted.add(p.getArray());
    }
    return new PartyCheckpoints.State(backbone, trainer.optimiser(), hosted, shard.optimiser());
  }

  private void restore(long round) throws IOException {
    shard.discardPending();
    trainer.zeroGradients();
    if (round >= 0) {
      checkpoints.read(round, state(), manager);
      LOG.info("{}: restored the checkpoint of round {}", PartyNames.party(s.party()), round);
    }
  }

  /** Trains this party's data alone (ordinary training of the full model) and evaluates it. */
  private PartyResult alone() throws IOException {
    meter.reset();
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(s.spec(), s.config(), s.seed(), s.dir().resolve("alone"))) {
      TrainingResult tr = t.fit(s.data());
      EvaluationResult ev = t.evaluate(tr.data().part(Split.TEST));
      long held = 0;
      for (Pair<String, Parameter> p : t.block().getParameters()) {
        held += p.getValue().getArray().size();
      }
      return new PartyResult(ev.segmentAccuracy(), ev.recordingAccuracy(), held, meter.peak());
    }
  }

  /**
   * Collects every expert's weights from its host, assembles the party's final model (its backbone
   * plus all experts), writes it as a standard bundle when a manifest was given, and evaluates it
   * on the party's test segments.
   */
  private PartyResult finish() throws IOException {
    long peak = meter.peak();
    long held = parametersHeld();
    try (NDManager m = manager.newSubManager()) {
      PartyNet full =
          new PartyNet(
              s.spec(),
              m,
              new Shape(s.config().batchSize(), 1, s.data().bins(), s.data().frames()));
      List<Pair<String, Parameter>> dst = full.backboneParameters();
      List<Pair<String, Parameter>> src = trainer.backbone();
      for (int i = 0; i < dst.size(); i++) {
        if (!dst.get(i).getKey().equals(src.get(i).getKey())) {
          throw new IllegalStateException("backbone order differs at " + dst.get(i).getKey());
        }
        set(dst.get(i).getValue().getArray(), src.get(i).getValue().getArray());
      }
      for (int j = 0; j < full.expertCount(); j++) {
        List<Tensor> w = router.weights(j);
        List<Parameter> ps = full.expertParameters(j);
        if (w.size() != ps.size()) {
          throw new IllegalStateException("expert " + j + ": " + w.size() + " arrays received");
        }
        for (int i = 0; i < ps.size(); i++) {
          try (NDArray a = Tensors.array(m, w.get(i))) {
            set(ps.get(i).getArray(), a);
          }
        }
      }
      if (s.manifest() != null) {
        BundleWriter.write(s.dir().resolve("model"), full.net(), s.manifest());
      }
      var test = s.data().part(Split.TEST);
      EvaluationResult ev =
          EvaluationResult.of(
              SegmentPredictor.predict(full.net(), s.spec(), test, s.config().batchSize(), m),
              s.spec().numClasses(),
              s.spec().sizeHead());
      return new PartyResult(ev.segmentAccuracy(), ev.recordingAccuracy(), held, peak);
    }
  }

  private static void set(NDArray dst, NDArray src) {
    if (!dst.getShape().equals(src.getShape())) {
      throw new IllegalStateException("shape " + src.getShape() + " for " + dst.getShape());
    }
    dst.stopGradient().set(new NDIndex("..."), src);
  }

  private void closePeers() {
    for (Peer p : peers) {
      if (p != null) {
        p.close();
      }
    }
    peers.clear();
  }

  @Override
  public void close() throws IOException {
    endpoint.close();
    compute.shutdownNow();
    closePeers();
    meter.close();
    audit.close();
    manager.close();
  }
}
