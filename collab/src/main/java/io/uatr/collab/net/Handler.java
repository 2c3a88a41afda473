package io.uatr.collab.net;

/** Serves one request from an authenticated peer. */
@FunctionalInterface
public interface Handler {
  /**
   * Answers a request.
   *
   * @param peer the caller's certificate common name (e.g. {@code party-1}, {@code coordinator})
   * @param request the request
   * @return the reply
   * @throws Exception any failure; it reaches the caller as an error naming this party
   */
  Msg handle(String peer, Msg request) throws Exception;
}
