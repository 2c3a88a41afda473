package io.uatr.cli;

/** Exit codes of the uatr command (architecture.md). */
public final class ExitCodes {
  /** Success. */
  public static final int OK = 0;

  /** Failure (unreadable input, I/O error, internal error). */
  public static final int FAILURE = 1;

  /** Usage or configuration error. */
  public static final int USAGE = 2;

  /** {@code predict} finished but some inputs failed. */
  public static final int PARTIAL = 3;

  private ExitCodes() {}
}
