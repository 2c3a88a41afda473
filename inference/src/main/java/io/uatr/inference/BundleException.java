package io.uatr.inference;

import java.io.IOException;

/** A model bundle that cannot be read or written; the message names the file and the problem. */
public final class BundleException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the bundle file or key
   */
  public BundleException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what is wrong, naming the bundle file or key
   * @param cause the underlying error
   */
  public BundleException(String message, Throwable cause) {
    super(message, cause);
  }
}
