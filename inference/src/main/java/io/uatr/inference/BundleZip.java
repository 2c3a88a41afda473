package io.uatr.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Packs a bundle directory into a zip and extracts one safely.
 *
 * <p>Extraction reads the archive's central directory first and refuses, before inflating a single
 * byte, an archive that has more than {@link Limits#maxEntries()} entries (default {@value
 * Limits#DEFAULT_MAX_ENTRIES}), whose entries declare more than {@link Limits#maxTotalBytes()}
 * bytes in all (default {@value Limits#DEFAULT_MAX_TOTAL_BYTES}, 2 GiB), any entry above {@value
 * Limits#RATIO_MIN_BYTES} bytes that declares a compression ratio above {@link Limits#maxRatio()}
 * (default {@value Limits#DEFAULT_MAX_RATIO}; model parameters hardly compress, a "zip bomb" of
 * zeros compresses about 1000:1), two entries with the same name (or the same normalised path), and
 * any entry whose path would leave the target directory. While inflating, an entry that yields more
 * bytes than its central directory declares (a lying archive), fewer, or other bytes than its
 * CRC-32 says is refused too. Every refusal is a {@link BundleException} naming the archive and the
 * entry.
 */
public final class BundleZip {

  /**
   * Limits on what {@link #extract(Path, Path, Limits)} accepts.
   *
   * @param maxEntries most entries (files and directories), &gt;= 1
   * @param maxTotalBytes most bytes all entries may declare inflated, &gt;= 1
   * @param maxRatio highest inflated / compressed size of an entry larger than {@value
   *     #RATIO_MIN_BYTES} bytes, &gt;= 1
   */
  public record Limits(int maxEntries, long maxTotalBytes, double maxRatio) {
    /** Default entry limit (a bundle has a handful of files). */
    public static final int DEFAULT_MAX_ENTRIES = 1000;

    /** Default total inflated size: 2 GiB. */
    public static final long DEFAULT_MAX_TOTAL_BYTES = 2L << 30;

    /** Default highest compression ratio. */
    public static final double DEFAULT_MAX_RATIO = 100;

    /** Entries up to this many bytes (1 MiB) are exempt from the ratio check. */
    public static final long RATIO_MIN_BYTES = 1L << 20;

    /** The defaults above. */
    public static final Limits DEFAULT =
        new Limits(DEFAULT_MAX_ENTRIES, DEFAULT_MAX_TOTAL_BYTES, DEFAULT_MAX_RATIO);

    /** Checks the limits. */
    public Limits {
      if (maxEntries < 1) {
        throw new IllegalArgumentException("maxEntries must be >= 1, was " + maxEntries);
      }
      if (maxTotalBytes < 1) {
        throw new IllegalArgumentException("maxTotalBytes must be >= 1, was " + maxTotalBytes);
      }
      if (!(maxRatio >= 1)) {
        throw new IllegalArgumentException("maxRatio must be >= 1, was " + maxRatio);
      }
    }
  }

  private BundleZip() {}

  /**
   * Extracts {@code zip} into {@code target} with {@link Limits#DEFAULT}.
   *
   * @param zip the archive
   * @param target an existing (normally empty) directory
   * @throws BundleException naming the archive and the entry that breaks a limit, would escape or
   *     is duplicated, or when the file is not a zip
   * @throws IOException on a read or write error
   * @see #extract(Path, Path, Limits)
   */
  public static void extract(Path zip, Path target) throws IOException {
    extract(zip, target, Limits.DEFAULT);
  }

  /**
   * Extracts {@code zip} into {@code target}: checks the whole central directory against {@code
   * limits} (see the class comment), every entry's normalised path (it must stay inside {@code
   * target}; absolute paths and {@code ..} escapes are rejected) and duplicate names before
   * anything is inflated or written, then inflates each entry, never beyond its declared size.
   *
   * @param zip the archive
   * @param target an existing (normally empty) directory
   * @param limits the limits
   * @throws BundleException naming the archive and the entry that breaks a limit, would escape or
   *     is duplicated, or when the file is not a zip
   * @throws IOException on a read or write error
   */
  public static void extract(Path zip, Path target, Limits limits) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    ZipFile zf;
    try {
      zf = new ZipFile(zip.toFile());
    } catch (ZipException e) {
      throw new BundleException(zip + ": not a zip archive (" + e.getMessage() + ")", e);
    }
    try (zf) {
      List<ZipEntry> entries = new ArrayList<>();
      List<Path> outs = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Map<Path, String> paths = new HashMap<>();
      long total = 0;
      Enumeration<? extends ZipEntry> en = zf.entries();
      while (en.hasMoreElements()) {
        ZipEntry e = en.nextElement();
        String name = e.getName();
        if (entries.size() == limits.maxEntries()) {
          throw refuse(
              zip,
              name,
              "is over the limit of "
                  + limits.maxEntries()
                  + " entries (a bundle has a handful of files)");
        }
        if (!names.add(name)) {
          throw refuse(zip, name, "appears twice in the archive");
        }
        Path out = root.resolve(name).normalize();
        if (!out.startsWith(root) || out.equals(root) && !e.isDirectory()) {
          throw refuse(zip, name, "would be written outside the target directory");
        }
        String other = paths.putIfAbsent(out, name);
        if (other != null && !(e.isDirectory() && other.endsWith("/"))) {
          throw refuse(zip, name, "names the same file as entry '" + other + "'");
        }
        long size = e.getSize();
        long csize = e.getCompressedSize();
        if (size < 0 || csize < 0) {
          throw refuse(zip, name, "the central directory gives no size");
        }
        total += size;
        if (total > limits.maxTotalBytes()) {
          throw refuse(
              zip,
              name,
              "declares "
                  + size
                  + " bytes, bringing the archive to "
                  + total
                  + " bytes inflated, over the limit of "
                  + limits.maxTotalBytes());
        }
        if (size > Limits.RATIO_MIN_BYTES && size > limits.maxRatio() * Math.max(1, csize)) {
          throw refuse(
              zip,
              name,
              String.format(
                  Locale.ROOT,
                  "declares a compression ratio of %.0f:1 (%d bytes from %d), over the limit of"
                      + " %.0f:1",
                  size / (double) Math.max(1, csize),
                  size,
                  csize,
                  limits.maxRatio()));
        }
        entries.add(e);
        outs.add(out);
      }
      if (entries.isEmpty()) {
        throw new BundleException(zip + ": not a zip archive or empty");
      }
      for (int i = 0; i < entries.size(); i++) {
        ZipEntry e = entries.get(i);
        Path out = outs.get(i);
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          try (InputStream in = zf.getInputStream(e)) {
            copyExactly(zip, e, in, out);
          }
        }
      }
    }
  }

  private static BundleException refuse(Path zip, String entry, String why) {
    return new BundleException(zip + ": entry '" + entry + "' " + why);
  }

  /** Copies an entry, refusing more or fewer bytes than declared, or a CRC-32 mismatch. */
  private static void copyExactly(Path zip, ZipEntry e, InputStream in, Path out)
      throws IOException {
    long declared = e.getSize();
    CRC32 crc = new CRC32();
    byte[] buf = new byte[64 * 1024];
    long n = 0;
    try (OutputStream os = Files.newOutputStream(out)) {
      int r;
      while ((r = in.read(buf, 0, (int) Math.min(buf.length, declared - n + 1))) > 0) {
        n += r;
        if (n > declared) {
          throw refuse(
              zip,
              e.getName(),
              "inflates to more than the " + declared + " bytes its central directory declares");
        }
        crc.update(buf, 0, r);
        os.write(buf, 0, r);
      }
    } catch (ZipException ex) {
      throw new BundleException(
          zip + ": entry '" + e.getName() + "' is damaged: " + ex.getMessage(), ex);
    } catch (BundleException ex) {
      Files.deleteIfExists(out);
      throw ex;
    }
    if (n != declared) {
      throw refuse(
          zip,
          e.getName(),
          "inflates to " + n + " bytes, its central directory declares " + declared);
    }
    if (e.getCrc() != -1 && crc.getValue() != e.getCrc()) {
      throw refuse(zip, e.getName(), "fails its CRC-32 check");
    }
  }

  /**
   * Packs a bundle directory into one zip file ({@code bundle.yaml} at the archive root), written
   * to a temporary file and renamed into place.
   *
   * @param bundleDir directory with bundle.yaml
   * @param zip output archive
   * @throws IOException on a read or write error
   */
  public static void pack(Path bundleDir, Path zip) throws IOException {
    Path abs = zip.toAbsolutePath();
    Path tmp = BundleWriter.sibling(abs, ".tmp");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(bundleDir)) {
      s.filter(Files::isRegularFile).sorted().forEach(files::add);
    }
    try (OutputStream os = Files.newOutputStream(tmp);
        ZipOutputStream out = new ZipOutputStream(os)) {
      for (Path f : files) {
        String name = bundleDir.relativize(f).toString().replace('\\', '/');
        out.putNextEntry(new ZipEntry(name));
        try (InputStream in = Files.newInputStream(f)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
