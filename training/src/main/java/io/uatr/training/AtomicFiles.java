package io.uatr.training;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Durable, atomic file writes: write a temporary file, force it to disk, rename over the target.
 */
public final class AtomicFiles {

  private AtomicFiles() {}

  /**
   * Writes {@code bytes} to {@code target} atomically: readers see the old or the new content,
   * never a part, also after a crash.
   *
   * @param target the file
   * @param bytes the content
   * @throws IOException when writing fails (the target is then unchanged)
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
    try {
      writeDurably(tmp, bytes);
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      forceDirectory(dir);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Writes a new file and forces its content to disk. */
  static void writeDurably(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch =
        FileChannel.open(
            file,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /** Forces a directory's entries to disk (best effort where the platform cannot). */
  static void forceDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException e) {
      // Some platforms cannot open directories; the rename is still atomic.
    }
  }
}
