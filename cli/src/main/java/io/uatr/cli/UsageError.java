package io.uatr.cli;

/** A usage or configuration error: the command exits with status 2 and prints the message. */
public final class UsageError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the error.
   *
   * @param message what is wrong, naming the key, file and line where known
   */
  public UsageError(String message) {
    super(message);
  }
}
