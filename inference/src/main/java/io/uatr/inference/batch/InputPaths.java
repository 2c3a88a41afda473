package io.uatr.inference.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Expands {@code --input} arguments into the recordings to predict: a path ending in {@code .wav}
 * is a recording (whatever it turns out to hold); a directory contributes every {@code .wav} path
 * below it (recursively, sorted; a directory named {@code .wav} too, so that it gets its error
 * row); any other file is a list of paths, one per line (blank lines and {@code #} comments
 * skipped, relative paths resolved against the list's directory). Duplicates are dropped, first
 * occurrence kept.
 */
public final class InputPaths {

  private InputPaths() {}

  /**
   * Expands the inputs.
   *
   * @param inputs files, directories and list files
   * @return recording paths in order
   * @throws NoSuchFileException when an argument or list entry (other than a .wav) does not exist
   * @throws IOException on a read error
   */
  public static List<Path> expand(List<Path> inputs) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    for (Path p : inputs) {
      add(p, out, 0);
    }
    return new ArrayList<>(out);
  }

  private static void add(Path p, Set<Path> out, int depth) throws IOException {
    if (isWav(p)) {
      out.add(p);
    } else if (Files.isDirectory(p)) {
      try (Stream<Path> s = Files.walk(p)) {
        s.filter(f -> !f.equals(p) && isWav(f)).sorted().forEach(out::add);
      }
    } else if (Files.isRegularFile(p)) {
      if (depth > 0) {
        throw new IOException(p + ": a list file may not name another list file");
      }
      int line = 0;
      for (String s : Files.readAllLines(p, StandardCharsets.UTF_8)) {
        line++;
        String t = s.strip();
        if (t.isEmpty() || t.startsWith("#")) {
          continue;
        }
        Path q = Path.of(t);
        if (!q.isAbsolute() && p.getParent() != null) {
          q = p.getParent().resolve(q);
        }
        if (!isWav(q) && !Files.exists(q)) {
          throw new NoSuchFileException(q.toString(), null, p + ":" + line + ": listed path");
        }
        add(q, out, depth + 1);
      }
    } else {
      throw new NoSuchFileException(p.toString());
    }
  }

  private static boolean isWav(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".wav");
  }
}
