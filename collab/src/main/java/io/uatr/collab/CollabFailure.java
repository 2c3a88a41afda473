package io.uatr.collab;

/** A collaboration stopped because a party failed or disconnected; the message names it. */
public final class CollabFailure extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String party;

  /**
   * Creates the failure.
   *
   * @param party the identity of the party that failed
   * @param message what happened
   * @param cause the underlying error
   */
  public CollabFailure(String party, String message, Throwable cause) {
    super(message, cause);
    this.party = party;
  }

  /** Returns the identity of the party that failed. */
  public String party() {
    return party;
  }
}
