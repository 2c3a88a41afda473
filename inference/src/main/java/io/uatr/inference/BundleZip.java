package io.uatr.inference;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/** Packs a bundle directory into a zip and extracts one safely. */
public final class BundleZip {

  private BundleZip() {}

  /**
   * Extracts {@code zip} into {@code target}. Every entry's normalised path must stay inside {@code
   * target}; absolute paths and {@code ..} escapes are rejected before anything is written.
   *
   * @param zip the archive
   * @param target an existing (normally empty) directory
   * @throws BundleException naming the entry that would escape, or when the file is not a zip
   * @throws IOException on a read or write error
   */
  public static void extract(Path zip, Path target) throws IOException {
    Path root = target.toAbsolutePath().normalize();
    int entries = 0;
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      ZipEntry e;
      while ((e = in.getNextEntry()) != null) {
        entries++;
        Path out = root.resolve(e.getName()).normalize();
        if (!out.startsWith(root) || out.equals(root) && !e.isDirectory()) {
          throw new BundleException(
              zip + ": entry '" + e.getName() + "' would be written outside the target directory");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
        } else {
          Files.createDirectories(out.getParent());
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IllegalArgumentException e) {
      throw new BundleException(zip + ": not a readable zip: " + e.getMessage(), e);
    }
    if (entries == 0) {
      throw new BundleException(zip + ": not a zip archive or empty");
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
