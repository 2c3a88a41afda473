package io.uatr.inference.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Expands {@code --input} arguments into the recordings to predict: a path ending in {@code .wav}
 * is a recording (whatever it turns out to hold); a directory contributes every {@code .wav} path
 * below it (recursively, following symbolic links, sorted; a directory named {@code .wav} too, so
 * that it gets its error row); any other file is a list of paths, one per line (blank lines and
 * {@code #} comments skipped, relative paths resolved against the list's directory). Duplicates are
 * dropped, first occurrence kept.
 *
 * <p>A directory below an input that cannot be read (permissions, a symbolic link loop, an I/O
 * error) does not stop the walk: it is listed among the paths, in its sorted place, and {@link
 * #scan} reports it with the reason so that it gets an error row of its own.
 */
public final class InputPaths {

  /**
   * What the inputs expand to.
   *
   * @param paths recordings in order, and the unreadable directories in their sorted places
   * @param unreadable for each directory that could not be read, why (naming it)
   */
  public record Scan(List<Path> paths, Map<Path, String> unreadable) {
    /** Copies the lists. */
    public Scan {
      paths = List.copyOf(paths);
      unreadable = Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }
  }

  private InputPaths() {}

  /**
   * Expands the inputs (see {@link #scan}; an unreadable directory is among the paths returned, and
   * predicting it gives an error row).
   *
   * @param inputs files, directories and list files
   * @return recording paths in order
   * @throws NoSuchFileException when an argument or list entry (other than a .wav) does not exist
   * @throws IOException on a read error of an argument or list file
   */
  public static List<Path> expand(List<Path> inputs) throws IOException {
    return scan(inputs).paths();
  }

  /**
   * Expands the inputs, reporting directories below them that could not be read.
   *
   * @param inputs files, directories and list files
   * @return the paths and the unreadable directories with their reasons
   * @throws NoSuchFileException when an argument or list entry (other than a .wav) does not exist
   * @throws IOException on a read error of an argument or list file
   */
  public static Scan scan(List<Path> inputs) throws IOException {
    Set<Path> out = new LinkedHashSet<>();
    Map<Path, String> unreadable = new LinkedHashMap<>();
    for (Path p : inputs) {
      add(p, out, unreadable, 0);
    }
    return new Scan(new ArrayList<>(out), unreadable);
  }

  private static void add(Path p, Set<Path> out, Map<Path, String> unreadable, int depth)
      throws IOException {
    if (isWav(p)) {
      out.add(p);
    } else if (Files.isDirectory(p)) {
      walk(p, out, unreadable);
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
        add(q, out, unreadable, depth + 1);
      }
    } else {
      throw new NoSuchFileException(p.toString());
    }
  }

  private static void walk(Path root, Set<Path> out, Map<Path, String> unreadable)
      throws IOException {
    List<Path> found = new ArrayList<>();
    Files.walkFileTree(
        root,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (!dir.equals(root) && isWav(dir)) {
              found.add(dir);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (isWav(file)) {
              found.add(file);
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException exc) {
            if (exc instanceof FileSystemLoopException || Files.isDirectory(file)) {
              unreadable.put(file, file + ": cannot read directory (" + describe(exc) + ")");
              found.add(file);
            } else if (isWav(file)) {
              found.add(file); // predicting it reports the problem
            }
            return FileVisitResult.CONTINUE;
          }
        });
    Collections.sort(found);
    out.addAll(found);
  }

  private static String describe(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof FileSystemLoopException) {
      return "symbolic link loop";
    }
    String m = e.getMessage();
    String kind = e.getClass().getSimpleName();
    return m == null || m.isBlank() ? kind : kind + ": " + m;
  }

  private static boolean isWav(Path p) {
    Path name = p.getFileName();
    return name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".wav");
  }
}
