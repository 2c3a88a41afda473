package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.uatr.collab.model.PartyNet;
import io.uatr.models.spec.ModelSpec;
import io.uatr.training.SegmentSet;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parameters of each party: its whole backbone (stem, trunk, gates, towers) and the experts j
 * with j mod n = party; the other experts' arrays are released; over all parties every expert is
 * hosted exactly once.
 */
class PartitionTest {

  @Test
  void backbonePlusRoundRobinShard(@TempDir Path tmp) throws Exception {
    int n = 3;
    ModelSpec spec = TinyData.spec(3).toBuilder().experts(5).build();
    SegmentSet all = TinyData.make(3, 7, 4, 1, 21);
    List<SegmentSet> parts = NonIidSplit.split(all, n, 2);
    Path certs = tmp.resolve("certs");
    CertificateAuthority.create(certs, n, List.of(), Duration.ofDays(1));
    long fullScalars = 0;
    long expertScalars = 0;
    Set<String> backboneNames = new HashSet<>();
    try (NDManager m = NDManager.newBaseManager()) {
      PartyNet full = new PartyNet(spec, m, new Shape(8, 1, TinyData.BINS, TinyData.FRAMES));
      for (Pair<String, Parameter> p : full.net().getParameters()) {
        fullScalars += p.getValue().getArray().size();
        if (p.getKey().contains("experts")) {
          expertScalars += p.getValue().getArray().size();
        } else {
          backboneNames.add(p.getKey());
        }
      }
    }
    List<PartyNode> nodes = new ArrayList<>();
    try {
      long hostedTotal = 0;
      for (int p = 0; p < n; p++) {
        PartyNode node =
            new PartyNode(
                new PartySetup(
                    p,
                    n,
                    spec,
                    TinyData.config(1),
                    1,
                    parts.get(p),
                    tmp.resolve("p" + p),
                    certs,
                    "127.0.0.1",
                    0,
                    null));
        nodes.add(node);
        List<Integer> expected = new ArrayList<>();
        for (int j = p; j < spec.experts(); j += n) {
          expected.add(j);
        }
        assertEquals(expected, node.shard().hosted(), "party " + p + " hosts j mod 3 = " + p);
        Set<String> names = new HashSet<>();
        long backbone = 0;
        for (Pair<String, Parameter> q : node.trainer().backbone()) {
          names.add(q.getKey());
          backbone += q.getValue().getArray().size();
        }
        assertEquals(backboneNames, names, "the whole backbone, gates and towers included");
        assertTrue(names.stream().anyMatch(s -> s.contains("gate")));
        assertTrue(names.stream().anyMatch(s -> s.contains("class_tower")));
        for (int j = 0; j < spec.experts(); j++) {
          for (Parameter q : node.trainer().net().expertParameters(j)) {
            if (expected.contains(j)) {
              assertTrue(q.isInitialized());
            } else {
              assertFalse(q.isInitialized(), "expert " + j + " is not kept by party " + p);
            }
          }
        }
        assertEquals(backbone + node.shard().scalars(), node.parametersHeld());
        assertTrue(node.parametersHeld() < fullScalars);
        hostedTotal += node.shard().scalars();
      }
      assertEquals(expertScalars, hostedTotal, "every expert hosted exactly once");
    } finally {
      for (PartyNode node : nodes) {
        node.close();
      }
    }
  }
}
