package io.uatr.collab;

import java.util.ArrayList;
import java.util.List;

/**
 * A party's network address, written {@code host:port} (the port after the last colon).
 *
 * @param host host name or address (not empty)
 * @param port TCP port in [0, 65535] (0: any free one, for listening only)
 */
public record HostPort(String host, int port) {

  /**
   * Parses {@code host:port}.
   *
   * @param text the address
   * @return the address
   * @throws IllegalArgumentException naming {@code text} when the host or port is missing or the
   *     port is not a number in [0, 65535]
   */
  public static HostPort parse(String text) {
    String t = text == null ? "" : text.trim();
    int colon = t.lastIndexOf(':');
    if (colon <= 0 || colon == t.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port");
    }
    int port;
    try {
      port = Integer.parseInt(t.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "': the port is not a number", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("'" + text + "': the port is not in [0, 65535]");
    }
    return new HostPort(t.substring(0, colon), port);
  }

  /**
   * Parses every address.
   *
   * @param texts addresses, each {@code host:port}
   * @return the addresses, in order
   * @throws IllegalArgumentException naming the first bad entry
   */
  public static List<HostPort> parseAll(List<String> texts) {
    List<HostPort> out = new ArrayList<>();
    for (String t : texts) {
      out.add(parse(t));
    }
    return out;
  }

  @Override
  public String toString() {
    return host + ":" + port;
  }
}
