package io.uatr.collab;

/** Identities (certificate common names) of the parties and the coordinator. */
public final class PartyNames {

  /** The coordinator's identity. */
  public static final String COORDINATOR = "coordinator";

  private PartyNames() {}

  /** Returns the identity of party {@code p} (0-based): {@code party-p}. */
  public static String party(int p) {
    return "party-" + p;
  }

  /** Returns the index of a party identity, or -1 when it is not one. */
  public static int index(String name) {
    if (name == null || !name.matches("party-[0-9]{1,4}")) {
      return -1;
    }
    return Integer.parseInt(name.substring(6));
  }
}
