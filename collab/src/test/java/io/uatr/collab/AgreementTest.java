package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.collab.net.AuditLog;
import io.uatr.dsp.config.ConfigException;
import io.uatr.dsp.config.ConfigReader;
import io.uatr.training.SegmentSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parties must agree on the model spec, class names and feature settings: the coordinator refuses a
 * run naming the party that differs, before any round. Also: host:port parsing and the {@code
 * collab.data} key.
 */
class AgreementTest {

  @Test
  void aPartyWithOtherClassNamesIsNamedAndNoRoundIsRun(@TempDir Path tmp) throws Exception {
    SegmentSet data = TinyData.make(3, 4, 2, 1, 7);
    SegmentSet renamed = new SegmentSet(data.segments(), List.of("class0", "class1", "other"));
    Path certs = tmp.resolve("certs");
    CertificateAuthority.create(certs, 2, List.of(), Duration.ofDays(1));
    List<PartyNode> nodes = new ArrayList<>();
    try {
      List<String> addresses = new ArrayList<>();
      for (int p = 0; p < 2; p++) {
        PartySetup s =
            new PartySetup(
                p,
                2,
                TinyData.spec(3),
                TinyData.config(1),
                1,
                p == 0 ? data : renamed,
                tmp.resolve("p" + p),
                certs,
                "127.0.0.1",
                0,
                null);
        nodes.add(new PartyNode(s));
        addresses.add("127.0.0.1:" + nodes.get(p).port());
      }
      assertNotEquals(setupHash(data), setupHash(renamed));
      assertEquals(setupHash(data), setupHash(TinyData.make(3, 4, 2, 1, 8)), "data is not hashed");
      try (AuditLog log = new AuditLog(tmp.resolve("coordinator-audit.csv"));
          Coordinator c = new Coordinator(certs, addresses, log)) {
        List<Long> steps = new ArrayList<>();
        CollabFailure f =
            assertThrows(
                CollabFailure.class,
                () ->
                    c.run(
                        1,
                        false,
                        new Coordinator.Listener() {
                          @Override
                          public void onStep(long round, int party, double loss) {
                            steps.add(round);
                          }
                        }));
        assertEquals("party-1", f.party());
        assertTrue(f.getMessage().startsWith("party-1 (127.0.0.1:"), f.getMessage());
        assertTrue(f.getMessage().contains("does not agree with party-0"), f.getMessage());
        assertEquals(List.of(), steps, "no round was run");
        c.stopAll(null);
      }
      List<String> audit = Files.readAllLines(tmp.resolve("coordinator-audit.csv"));
      assertTrue(audit.stream().anyMatch(l -> l.contains(",STATUS,")), "STATUS is logged");
      assertTrue(audit.stream().noneMatch(l -> l.contains(",STEP,")), String.join("\n", audit));
    } finally {
      for (PartyNode n : nodes) {
        n.close();
      }
    }
  }

  private static String setupHash(SegmentSet d) {
    return new PartySetup(
            0,
            2,
            TinyData.spec(3),
            TinyData.config(1),
            1,
            d,
            Path.of("unused"),
            Path.of("unused"),
            "127.0.0.1",
            0,
            null)
        .agreementHash();
  }

  @Test
  void hostPortErrorsNameTheEntry() {
    assertEquals(new HostPort("10.0.0.2", 7000), HostPort.parse("10.0.0.2:7000"));
    assertEquals(new HostPort("::1", 80), HostPort.parse("::1:80"));
    assertEquals("site-a.example:9", HostPort.parse("site-a.example:9").toString());
    for (String bad : List.of("10.0.0.2", "10.0.0.2:", ":7000", "10.0.0.2:abc", "h:70000", "")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> HostPort.parse(bad));
      assertTrue(e.getMessage().contains("'" + bad + "'"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> HostPort.parseAll(List.of("a:1", "b:x", "c")));
    assertTrue(e.getMessage().contains("'b:x'"), e.getMessage());
  }

  @Test
  void collabDataIsOwnOrSimulatedSplit() {
    assertEquals(
        CollabSettings.DataSource.SIMULATED_SPLIT,
        CollabSettings.fromConfig(new ConfigReader(Map.of(), "collab")).data());
    assertEquals(
        CollabSettings.DataSource.OWN,
        CollabSettings.fromConfig(new ConfigReader(Map.of("data", "own"), "collab")).data());
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () -> CollabSettings.fromConfig(new ConfigReader(Map.of("data", "mine"), "collab")));
    assertTrue(e.getMessage().contains("collab.data"), e.getMessage());
  }
}
