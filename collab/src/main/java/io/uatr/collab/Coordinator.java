package io.uatr.collab;

import io.uatr.collab.net.AuditLog;
import io.uatr.collab.net.Msg;
import io.uatr.collab.net.MsgType;
import io.uatr.collab.net.Peer;
import io.uatr.collab.net.PeerFailure;
import io.uatr.collab.net.Tls;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives a collaboration: tells every party its peers, checks that all parties agree on the model
 * spec, class names and feature settings (they report a hash of them, see {@link
 * PartySetup#agreementHash()}), agrees on the round to resume from (the newest round every party
 * holds a checkpoint of), then runs the rounds synchronously (in each round every party trains on
 * one mini-batch, in party order; then all commit a checkpoint), and finally has every party
 * assemble, save and evaluate its model. When a party cannot be reached, the others are stopped and
 * a {@link CollabFailure} names it.
 */
public final class Coordinator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Coordinator.class);
  private static final Pattern DISCONNECTED =
      Pattern.compile("(party-[0-9]+) \\(([^)]*)\\) is unreachable or disconnected");

  private final List<Peer> parties = new ArrayList<>();
  private final List<String> addresses;

  /** Progress callbacks. */
  public interface Listener {
    /** Called once the run length is known. */
    default void onStart(long firstRound, long rounds, int parties) {}

    /** Called after party {@code party} trained in round {@code round}. */
    default void onStep(long round, int party, double loss) {}

    /** Called after every party committed round {@code round}. */
    default void onRound(long round) {}
  }

  /**
   * Outcome.
   *
   * @param alone per party: trained alone (empty when not requested)
   * @param collaborative per party: the collaboratively trained model
   * @param rounds rounds in the run
   * @param resumedAfter the round resumed after (-1 for a fresh start)
   */
  public record Outcome(
      List<PartyResult> alone, List<PartyResult> collaborative, long rounds, long resumedAfter) {}

  /**
   * Connects (lazily) to the parties.
   *
   * @param certs certificate directory holding the coordinator's identity
   * @param addresses host:port of each party, in party order
   * @param audit the coordinator's audit log
   * @throws IOException when the credentials cannot be read
   * @throws IllegalArgumentException naming an address that is not host:port
   */
  public Coordinator(Path certs, List<String> addresses, AuditLog audit) throws IOException {
    this.addresses = List.copyOf(addresses);
    Tls tls = new Tls(certs, PartyNames.COORDINATOR);
    for (int p = 0; p < addresses.size(); p++) {
      HostPort a = HostPort.parse(addresses.get(p));
      parties.add(new Peer(PartyNames.party(p), a.host(), a.port(), tls, audit));
    }
  }

  /**
   * Runs (or resumes) the collaboration.
   *
   * @param epochs training.epochs: the run has epochs x (largest party's batches per epoch) rounds
   * @param alone whether each party first trains alone on its data (the comparison setting)
   * @param listener progress
   * @return the results
   * @throws CollabFailure naming the party that failed (the others have been stopped), or naming
   *     the party whose agreement hash differs from party-0's (then no round was run and no party
   *     was stopped)
   */
  public Outcome run(int epochs, boolean alone, Listener listener) {
    long round = -1;
    try {
      sendPeers();
      int maxBatches = 0;
      Set<Long> common = null;
      String agreement0 = null;
      for (int q = 0; q < parties.size(); q++) {
        Peer p = parties.get(q);
        Msg st = p.call(Msg.of(MsgType.STATUS, -1, -1, -1, 0, ""));
        maxBatches = Math.max(maxBatches, (int) st.value());
        String c = field(st.note(), "committed");
        String agreement = field(st.note(), "agreement");
        if (q == 0) {
          agreement0 = agreement;
        } else if (!agreement.equals(agreement0)) {
          throw new CollabFailure(
              p.name(),
              p.name()
                  + " ("
                  + addresses.get(q)
                  + ") does not agree with party-0 on the model spec, class names or feature"
                  + " settings (agreement hash "
                  + abbrev(agreement)
                  + " vs "
                  + abbrev(agreement0)
                  + "); no round was run. Give every party the same model, class names and"
                  + " features in its configuration.",
              null);
        }
        Set<Long> mine = new HashSet<>();
        for (String r : c.isEmpty() ? new String[0] : c.split(",")) {
          mine.add(Long.parseLong(r));
        }
        if (common == null) {
          common = mine;
        } else {
          common.retainAll(mine);
        }
      }
      long rounds = (long) epochs * maxBatches;
      long resume = common.stream().mapToLong(Long::longValue).max().orElse(-1);
      resume = Math.min(resume, rounds - 1);
      for (Peer p : parties) {
        p.call(Msg.of(MsgType.RESTORE, resume, -1, -1, 0, ""));
      }
      if (resume >= 0) {
        LOG.info("resuming after round {} of {}", resume + 1, rounds);
      }
      List<PartyResult> aloneResults = alone ? inParallel(MsgType.ALONE) : List.of();
      listener.onStart(resume + 1, rounds, parties.size());
      for (round = resume + 1; round < rounds; round++) {
        for (int p = 0; p < parties.size(); p++) {
          Msg r = parties.get(p).call(Msg.of(MsgType.STEP, round, p, -1, rounds, ""));
          listener.onStep(round, p, r.value());
        }
        for (Peer p : parties) {
          p.call(Msg.of(MsgType.COMMIT, round, -1, -1, 0, ""));
        }
        listener.onRound(round);
      }
      return new Outcome(aloneResults, finishAll(), rounds, resume);
    } catch (PeerFailure f) {
      String culprit = f.party();
      String address = addresses.get(PartyNames.index(culprit));
      Matcher m = DISCONNECTED.matcher(f.getMessage());
      if (!f.disconnected() && m.find()) {
        culprit = m.group(1);
        address = m.group(2);
      }
      boolean lost = f.disconnected() || m.find(0);
      stopAll(culprit);
      String where = round >= 0 ? " in round " + (round + 1) : "";
      throw new CollabFailure(
          culprit,
          (lost ? culprit + " (" + address + ") disconnected" + where : f.getMessage())
              + "; the other parties were stopped. Run again to resume from the last complete"
              + " round.",
          f);
    }
  }

  /**
   * Has every party collect all experts' weights from their hosts, write its bundle
   * (PARTY_DIR/model) and evaluate it ({@code uatr collab export}); the end of {@link #run}.
   *
   * @return each party's test result, in party order
   * @throws PeerFailure naming a party that cannot be reached
   */
  public List<PartyResult> export() {
    sendPeers();
    return finishAll();
  }

  private void sendPeers() {
    String all = String.join(",", addresses);
    for (Peer p : parties) {
      p.call(Msg.of(MsgType.PEERS, -1, -1, -1, 0, all));
    }
  }

  /** FINISH one party at a time: a finishing party fetches expert weights from the others. */
  private List<PartyResult> finishAll() {
    List<PartyResult> out = new ArrayList<>();
    for (Peer p : parties) {
      out.add(PartyResult.parse(p.call(Msg.of(MsgType.FINISH, -1, -1, -1, 0, "")).note()));
    }
    return out;
  }

  /** Returns the value of {@code key=value} in a {@code ;}-separated note ("" when absent). */
  private static String field(String note, String key) {
    for (String kv : note.split(";")) {
      if (kv.startsWith(key + "=")) {
        return kv.substring(key.length() + 1);
      }
    }
    return "";
  }

  private static String abbrev(String hash) {
    return hash.length() > 12 ? hash.substring(0, 12) : hash;
  }

  private List<PartyResult> inParallel(MsgType type) {
    ExecutorService ex = Executors.newFixedThreadPool(parties.size());
    try {
      List<Future<Msg>> fs = new ArrayList<>();
      for (Peer p : parties) {
        fs.add(ex.submit(() -> p.call(Msg.of(type, -1, -1, -1, 0, ""))));
      }
      List<PartyResult> out = new ArrayList<>();
      for (Future<Msg> f : fs) {
        try {
          out.add(PartyResult.parse(f.get().note()));
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof PeerFailure pf) {
            throw pf;
          }
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
      }
      return out;
    } finally {
      ex.shutdownNow();
    }
  }

  /** Sends STOP to every party except {@code except} (null: all), ignoring failures. */
  public void stopAll(String except) {
    for (Peer p : parties) {
      if (p.name().equals(except)) {
        continue;
      }
      try {
        p.call(Msg.of(MsgType.STOP, -1, -1, -1, 0, ""));
      } catch (PeerFailure e) {
        LOG.debug("{} did not take STOP: {}", p.name(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    parties.forEach(Peer::close);
  }
}
