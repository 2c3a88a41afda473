package io.uatr.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On-disk cache of feature matrices, keyed by recording and feature configuration. Each entry is
 * one file {@code <dir>/<k0k1>/<key>.f32}: an 8-byte magic {@code UATRFC01}, rows and cols as
 * little-endian int32, then rows x cols little-endian float32 values, row-major. Entries are
 * written to a temporary file in the same directory, forced to disk and renamed into place
 * atomically, so readers (in any process) see either no entry or a complete one; two processes
 * computing the same entry both succeed and the last rename wins. Reads are memory-mapped. A file
 * whose length does not match its header is treated as absent and rewritten.
 */
public final class FeatureCache {
  private static final Logger LOG = LoggerFactory.getLogger(FeatureCache.class);
  private static final byte[] MAGIC = "UATRFC01".getBytes(StandardCharsets.US_ASCII);
  private static final int HEADER = 16;

  private final Path dir;

  /**
   * Opens (creating if needed) a cache directory.
   *
   * @param dir the directory
   * @throws IOException if it cannot be created
   */
  public FeatureCache(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir);
  }

  /**
   * SHA-256 hex digest of a text, e.g. of a canonical feature-config string.
   *
   * @param text the text
   * @return 64 lowercase hex digits
   */
  public static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
  }

  /**
   * The cache key of a recording (file path, size and modification time, and the used time section)
   * under a feature configuration, so that an edited file or changed config misses.
   *
   * @param r the recording
   * @param featureConfig canonical text of the feature configuration (plus anything else the
   *     features depend on, e.g. a segment index)
   * @return 64 hex digits
   * @throws IOException if the file's attributes cannot be read
   */
  public static String key(Recording r, String featureConfig) throws IOException {
    Path f = r.file().toAbsolutePath().normalize();
    BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
    return sha256(
        f
            + "\n"
            + a.size()
            + "\n"
            + a.lastModifiedTime().toMillis()
            + "\n"
            + r.startS()
            + "-"
            + r.endS()
            + "\n"
            + sha256(featureConfig));
  }

  /** The file of a key. */
  Path fileOf(String key) {
    return dir.resolve(key.substring(0, 2)).resolve(key + ".f32");
  }

  /**
   * Looks up an entry.
   *
   * @param r the recording
   * @param featureConfig canonical feature-config text
   * @return the mapped features, or empty on a miss (or a damaged entry)
   * @throws IOException on a read error other than a missing file
   */
  public Optional<CachedFeatures> get(Recording r, String featureConfig) throws IOException {
    return read(fileOf(key(r, featureConfig)));
  }

  /**
   * Returns the cached features, computing and storing them on a miss.
   *
   * @param r the recording
   * @param featureConfig canonical feature-config text
   * @param compute makes the [rows][cols] matrix on a miss (rows of equal length)
   * @return the mapped features
   * @throws IOException if the entry cannot be written or read
   */
  public CachedFeatures getOrCompute(Recording r, String featureConfig, Supplier<float[][]> compute)
      throws IOException {
    Path file = fileOf(key(r, featureConfig));
    Optional<CachedFeatures> hit = read(file);
    if (hit.isPresent()) {
      return hit.get();
    }
    write(file, compute.get());
    return read(file)
        .orElseThrow(() -> new IOException(file + ": cache entry unreadable right after writing"));
  }

  /**
   * Stores a matrix atomically.
   *
   * @param file target entry file
   * @param m [rows][cols] values
   * @throws IOException on a write error (the target is then untouched)
   */
  static void write(Path file, float[][] m) throws IOException {
    int rows = m.length;
    int cols = rows == 0 ? 0 : m[0].length;
    for (float[] row : m) {
      if (row.length != cols) {
        throw new IllegalArgumentException(
            "feature rows differ in length: " + row.length + " vs " + cols);
      }
    }
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer head = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        head.put(MAGIC).putInt(rows).putInt(cols).flip();
        while (head.hasRemaining()) {
          ch.write(head);
        }
        ByteBuffer buf = ByteBuffer.allocate(Math.max(4, cols * 4)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : m) {
          buf.clear();
          buf.asFloatBuffer().put(row);
          buf.limit(cols * 4);
          while (buf.hasRemaining()) {
            ch.write(buf);
          }
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        throw new IOException(file.getParent() + ": file system cannot rename atomically", e);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static Optional<CachedFeatures> read(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEADER) {
        LOG.warn("{}: damaged cache entry ({} bytes), recomputing", file, size);
        return Optional.empty();
      }
      MappedByteBuffer map = ch.map(FileChannel.MapMode.READ_ONLY, 0, size);
      map.order(ByteOrder.LITTLE_ENDIAN);
      byte[] magic = new byte[MAGIC.length];
      map.get(magic);
      int rows = map.getInt();
      int cols = map.getInt();
      if (!java.util.Arrays.equals(magic, MAGIC)
          || rows < 0
          || cols < 0
          || size != HEADER + 4L * rows * cols) {
        LOG.warn("{}: damaged cache entry (header/length mismatch), recomputing", file);
        return Optional.empty();
      }
      map.position(HEADER);
      return Optional.of(
          new CachedFeatures(
              file, rows, cols, map.slice().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }
}
