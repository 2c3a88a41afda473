package io.uatr.collab;

import io.uatr.training.SegmentSet;
import java.nio.file.Path;
import java.util.List;

/** A party process on the tiny test data: args DIR CERTS PARTY PARTIES SEED EPOCHS. */
public final class TestPartyMain {

  private TestPartyMain() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path certs = Path.of(args[1]);
    int party = Integer.parseInt(args[2]);
    int parties = Integer.parseInt(args[3]);
    long seed = Long.parseLong(args[4]);
    int epochs = Integer.parseInt(args[5]);
    List<SegmentSet> parts = NonIidSplit.split(TinyData.make(3, 7, 4, 1, 21), parties, 2);
    PartySetup s =
        new PartySetup(
            party,
            parties,
            TinyData.spec(3),
            TinyData.config(epochs),
            seed,
            parts.get(party),
            dir,
            certs,
            "127.0.0.1",
            0,
            null);
    try (PartyNode node = new PartyNode(s)) {
      System.out.println("LISTENING " + node.port());
      System.out.flush();
      node.awaitStop();
    }
    System.exit(0);
  }
}
