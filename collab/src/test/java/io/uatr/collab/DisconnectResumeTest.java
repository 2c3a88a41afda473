package io.uatr.collab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.collab.net.AuditLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three party processes; one is killed (SIGKILL) in the middle of a round. The coordinator stops
 * the others cleanly with a message naming the lost party; a new run resumes after the last
 * complete round and ends with exactly the parameters of an uninterrupted run.
 */
class DisconnectResumeTest {

  static final int PARTIES = 3;
  static final int EPOCHS = 2;
  static final long SEED = 3;
  static final long KILL_ROUND = 2;

  @TempDir Path tmp;

  @Test
  void killedPartyIsNamedOthersStopAndTheRunResumes() throws Exception {
    Path certs = tmp.resolve("certs");
    CertificateAuthority.create(certs, PARTIES, List.of(), Duration.ofDays(1));
    Path whole = tmp.resolve("whole");
    Coordinator.Outcome a = run(whole, certs, false, null);
    assertEquals(-1, a.resumedAfter());
    assertTrue(a.rounds() > KILL_ROUND + 1);

    Path broken = tmp.resolve("broken");
    List<Integer> exits = new ArrayList<>();
    CollabFailure f = assertThrows(CollabFailure.class, () -> run(broken, certs, true, exits));
    assertEquals("party-2", f.party());
    assertTrue(f.getMessage().startsWith("party-2 (127.0.0.1:"), f.getMessage());
    assertTrue(
        f.getMessage().contains("disconnected in round " + (KILL_ROUND + 1)), f.getMessage());
    assertEquals(List.of(0, 0), exits, "the other parties stopped cleanly");

    Coordinator.Outcome b = run(broken, certs, false, null);
    assertEquals(KILL_ROUND - 1, b.resumedAfter(), "resumed after the last complete round");
    String last = String.format(java.util.Locale.ROOT, "round-%06d", a.rounds() - 1);
    for (int p = 0; p < PARTIES; p++) {
      for (String file : List.of("backbone.ndlist", "shard.ndlist", "shard-optimizer.ndlist")) {
        Path x = whole.resolve("party-" + p).resolve("checkpoints").resolve(last).resolve(file);
        Path y = broken.resolve("party-" + p).resolve("checkpoints").resolve(last).resolve(file);
        assertArrayEquals(Files.readAllBytes(x), Files.readAllBytes(y), "party " + p + " " + file);
      }
      assertEquals(
          a.collaborative().get(p), b.collaborative().get(p).withHeap(a.collaborative().get(p)));
    }
  }

  /** Runs a collaboration of three fresh processes on {@code dir}; optionally kills party 2. */
  private static Coordinator.Outcome run(Path dir, Path certs, boolean kill, List<Integer> exits)
      throws Exception {
    try (PartyProcesses procs = new PartyProcesses()) {
      List<String> addresses = new ArrayList<>();
      for (int p = 0; p < PARTIES; p++) {
        procs.start(
            TestPartyMain.class.getName(),
            List.of(
                dir.resolve("party-" + p).toString(),
                certs.toString(),
                Integer.toString(p),
                Integer.toString(PARTIES),
                Long.toString(SEED),
                Integer.toString(EPOCHS)),
            dir.resolve("party-" + p + ".log"));
      }
      for (int p = 0; p < PARTIES; p++) {
        addresses.add("127.0.0.1:" + procs.port(p, 120));
      }
      try (AuditLog log = new AuditLog(dir.resolve("coordinator-audit.csv"));
          Coordinator c = new Coordinator(certs, addresses, log)) {
        Coordinator.Listener l =
            new Coordinator.Listener() {
              @Override
              public void onStep(long round, int party, double loss) {
                if (kill && round == KILL_ROUND && party == 0) {
                  try {
                    procs.process(2).destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }
              }
            };
        try {
          Coordinator.Outcome o = c.run(EPOCHS, false, l);
          c.stopAll(null);
          return o;
        } catch (CollabFailure e) {
          if (exits != null) {
            exits.add(procs.waitFor(0, 30));
            exits.add(procs.waitFor(1, 30));
          }
          throw e;
        }
      }
    }
  }
}
