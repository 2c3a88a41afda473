package io.uatr.collab.net;

import static java.util.stream.Collectors.joining;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * A party's record of every message it sends or receives: one CSV line per message with the
 * direction, the peer, the type, the encoded size in bytes, the round, the party whose mini-batch
 * it concerns, the expert and the tensor shapes. Lines are appended and flushed as they happen, so
 * the log survives a crash. A test hook can observe the full encoded messages.
 */
public final class AuditLog implements AutoCloseable {

  /** Header line of the CSV file. */
  public static final String HEADER = "direction,peer,type,bytes,round,party,expert,shapes";

  private final BufferedWriter out;
  private final List<Consumer<Entry>> observers = new ArrayList<>();

  /**
   * One logged message.
   *
   * @param direction "sent" or "received"
   * @param peer the other side's identity (certificate common name)
   * @param msg the message
   * @param bytes its encoded size
   */
  public record Entry(String direction, String peer, Msg msg, int bytes) {}

  /**
   * Opens (appending) the log file.
   *
   * @param file CSV file; the header is written when it is new
   * @throws IOException when it cannot be opened
   */
  public AuditLog(Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    boolean fresh = !Files.exists(file);
    out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    if (fresh) {
      out.write(HEADER);
      out.newLine();
      out.flush();
    }
  }

  /** Registers an observer of every entry (tests use it to inspect the encoded messages). */
  public synchronized void observe(Consumer<Entry> c) {
    observers.add(c);
  }

  /** Records a message sent to {@code peer}. */
  public void sent(String peer, Msg m) {
    record("sent", peer, m);
  }

  /** Records a message received from {@code peer}. */
  public void received(String peer, Msg m) {
    record("received", peer, m);
  }

  private synchronized void record(String dir, String peer, Msg m) {
    int bytes = m.encode().length;
    String shapes =
        m.tensors().stream()
            .map(t -> Arrays.stream(t.shape()).mapToObj(Long::toString).collect(joining("x")))
            .collect(joining(" "));
    try {
      out.write(
          String.join(
              ",",
              dir,
              peer,
              m.type().name(),
              Integer.toString(bytes),
              Long.toString(m.round()),
              Integer.toString(m.party()),
              Integer.toString(m.expert()),
              shapes));
      out.newLine();
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Entry e = new Entry(dir, peer, m, bytes);
    for (Consumer<Entry> c : observers) {
      c.accept(e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    out.close();
  }
}
