package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.collab.model.ExpertRouter;
import io.uatr.collab.model.ExpertShard;
import io.uatr.collab.model.LocalRouter;
import io.uatr.collab.model.PartyTrainer;
import io.uatr.collab.net.AuditLog;
import io.uatr.collab.net.MsgType;
import io.uatr.collab.net.Tensor;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.FeatureSegment;
import io.uatr.training.SegmentSet;
import io.uatr.training.TrainingConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three parties on 127.0.0.1, each with its own endpoint, train together over gRPC with mutual TLS.
 * The result must equal the same protocol run with direct calls between the parties' objects (bit
 * for bit), and every logged message must carry only what PC-MoE allows.
 */
class ProtocolRoundTripTest {

  static final int PARTIES = 3;
  static final int EPOCHS = 2;
  static final long SEED = 5;

  @TempDir Path tmp;

  @Test
  void threePartiesOverGrpcMatchDirectCallsAndLeakNothingElse() throws Exception {
    SegmentSet all = TinyData.make(3, 7, 4, 1, 21);
    ModelSpec spec = TinyData.spec(3);
    TrainingConfig config = TinyData.config(EPOCHS);
    List<SegmentSet> parts = NonIidSplit.split(all, PARTIES, 2);
    Path certs = tmp.resolve("certs");
    CertificateAuthority.create(certs, PARTIES, List.of(), Duration.ofDays(1));
    List<PartyNode> nodes = new ArrayList<>();
    List<AuditLog.Entry> seen = new CopyOnWriteArrayList<>();
    Coordinator.Outcome outcome;
    try {
      List<String> addresses = new ArrayList<>();
      for (int p = 0; p < PARTIES; p++) {
        PartyNode n =
            new PartyNode(
                new PartySetup(
                    p,
                    PARTIES,
                    spec,
                    config,
                    SEED,
                    parts.get(p),
                    tmp.resolve("party-" + p),
                    certs,
                    "127.0.0.1",
                    0,
                    null));
        n.audit().observe(seen::add);
        nodes.add(n);
        addresses.add("127.0.0.1:" + n.port());
      }
      try (AuditLog log = new AuditLog(tmp.resolve("coordinator-audit.csv"));
          Coordinator c = new Coordinator(certs, addresses, log)) {
        outcome = c.run(EPOCHS, false, new Coordinator.Listener() {});
        c.stopAll(null);
      }
      assertEquals(PARTIES, outcome.collaborative().size());
      for (PartyResult r : outcome.collaborative()) {
        assertTrue(r.segmentAccuracy() >= 0 && r.segmentAccuracy() <= 1);
        assertTrue(r.parametersHeld() > 0);
      }
      // the same protocol with direct calls between the parties' objects
      try (NDManager m = NDManager.newBaseManager()) {
        List<PartyTrainer> direct = new ArrayList<>();
        List<ExpertShard> shards = new ArrayList<>();
        for (int p = 0; p < PARTIES; p++) {
          PartyTrainer t = new PartyTrainer(spec, config, SEED, p, parts.get(p), m);
          List<Integer> hosted = new ArrayList<>();
          for (int j = 0; j < spec.experts(); j++) {
            if (ExpertRouter.hostOf(j, PARTIES) == p) {
              hosted.add(j);
            }
          }
          direct.add(t);
          shards.add(new ExpertShard(t.net(), hosted, config.optimizer(), m));
        }
        LocalRouter router = new LocalRouter(shards);
        int maxBatches = direct.stream().mapToInt(PartyTrainer::batches).max().orElseThrow();
        long rounds = (long) EPOCHS * maxBatches;
        assertEquals(rounds, outcome.rounds());
        for (long r = 0; r < rounds; r++) {
          for (int p = 0; p < PARTIES; p++) {
            direct.get(p).setRouter(router);
            direct.get(p).step(r, rounds);
          }
        }
        for (int p = 0; p < PARTIES; p++) {
          List<Pair<String, Parameter>> a = direct.get(p).backbone();
          List<Pair<String, Parameter>> b = nodes.get(p).trainer().backbone();
          for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(
                a.get(i).getValue().getArray().toFloatArray(),
                b.get(i).getValue().getArray().toFloatArray(),
                "party " + p + " " + a.get(i).getKey());
          }
          List<Parameter> sa = shards.get(p).parameters();
          List<Parameter> sb = nodes.get(p).shard().parameters();
          assertEquals(sa.size(), sb.size());
          for (int i = 0; i < sa.size(); i++) {
            assertArrayEquals(
                sa.get(i).getArray().toFloatArray(), sb.get(i).getArray().toFloatArray());
          }
        }
      }
      checkAudit(seen, all, nodes, spec);
      for (int p = 0; p < PARTIES; p++) {
        List<String> lines = Files.readAllLines(tmp.resolve("party-" + p).resolve("audit.csv"));
        assertEquals(AuditLog.HEADER, lines.get(0));
        assertTrue(lines.size() > 10, "party " + p + " logged its messages");
      }
    } finally {
      for (PartyNode n : nodes) {
        n.close();
      }
    }
  }

  private static final Set<MsgType> TENSOR_TYPES =
      EnumSet.of(
          MsgType.ACTIVATION,
          MsgType.EXPERT_OUTPUT,
          MsgType.OUTPUT_GRADIENT,
          MsgType.ACTIVATION_GRADIENT,
          MsgType.EXPERT_WEIGHTS);

  /** Every message: allowed type, allowed shapes, and no feature row or backbone array inside. */
  static void checkAudit(
      List<AuditLog.Entry> seen, SegmentSet all, List<PartyNode> nodes, ModelSpec spec) {
    assertFalse(seen.isEmpty());
    List<float[]> secrets = new ArrayList<>();
    for (FeatureSegment s : all.segments()) {
      for (float[] row : s.features().toArray()) {
        secrets.add(java.util.Arrays.copyOf(row, 6));
      }
    }
    for (PartyNode n : nodes) {
      for (Pair<String, Parameter> p : n.trainer().backbone()) {
        float[] v = p.getValue().getArray().toFloatArray();
        if (v.length >= 6 && !p.getKey().contains("running") && !p.getKey().contains("gate")) {
          secrets.add(java.util.Arrays.copyOf(v, 6));
        }
      }
    }
    int activations = 0;
    for (AuditLog.Entry e : seen) {
      MsgType t = e.msg().type();
      if (!TENSOR_TYPES.contains(t)) {
        assertTrue(e.msg().tensors().isEmpty(), t + " carries no tensor");
        continue;
      }
      if (t == MsgType.ACTIVATION) {
        activations++;
        assertEquals(
            e.msg().expert() % nodes.size(),
            PartyNames.index(e.direction().equals("sent") ? e.peer() : "party-" + hostOf(e, nodes)),
            "activations go to the expert's host only");
      }
      for (Tensor x : e.msg().tensors()) {
        if (t != MsgType.EXPERT_WEIGHTS) {
          assertEquals(2, x.shape().length, t + ": rows x hidden width, got " + x.shapeText());
          assertTrue(x.shape()[0] <= 8, "at most one mini-batch of rows");
          assertTrue(
              x.shape()[1] == spec.expertDim()
                  || x.shape()[1] == 4 * TinyData.FRAMES / 4
                  || x.shape()[1] < TinyData.BINS * TinyData.FRAMES,
              "hidden widths only");
          assertFalse(oneHot(x), t + " looks like labels");
        }
        for (float[] secret : secrets) {
          assertFalse(contains(x.data(), secret), t + " carries a feature row or backbone array");
        }
      }
    }
    assertTrue(activations > 0);
  }

  private static int hostOf(AuditLog.Entry e, List<PartyNode> nodes) {
    return e.msg().expert() % nodes.size();
  }

  private static boolean oneHot(Tensor x) {
    for (float v : x.data()) {
      if (v != 0f && v != 1f) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(float[] hay, float[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  @SuppressWarnings("unused")
  private static void keep(Object o) {
    assertNotNull(o);
  }
}
