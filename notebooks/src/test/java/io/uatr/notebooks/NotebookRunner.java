package io.uatr.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs a Java notebook ({@code .ipynb}, JJava/IJava conventions) headlessly through the {@code
 * jdk.jshell} API in this JVM: the first code cell (only {@code %} magics) is skipped, every other
 * code cell is split into snippets and evaluated in order. The first rejected snippet, compile
 * error or exception stops the run with a {@link NotebookFailure} naming the notebook and cell.
 */
final class NotebookRunner {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A failed cell. */
  static final class NotebookFailure extends Exception {
    private final int cell;

    NotebookFailure(Path notebook, int cell, String message, Throwable cause) {
      super(notebook.getFileName() + ", code cell " + cell + ": " + message, cause);
      this.cell = cell;
    }

    /** Index of the failing code cell (0 = the magics cell). */
    int cell() {
      return cell;
    }
  }

  private NotebookRunner() {}

  /**
   * Reads the code cells of a notebook.
   *
   * @param notebook the .ipynb file
   * @return [code cells] source text of each code cell, in order
   * @throws IOException when the file is unreadable or not a notebook (the message names it)
   */
  static List<String> codeCells(Path notebook) throws IOException {
    JsonNode root = JSON.readTree(notebook.toFile());
    JsonNode cells = root == null ? null : root.get("cells");
    if (cells == null || !cells.isArray()) {
      throw new IOException(notebook + ": not a notebook (no \"cells\" array)");
    }
    List<String> out = new ArrayList<>();
    for (JsonNode c : cells) {
      if (!"code".equals(c.path("cell_type").asText())) {
        continue;
      }
      JsonNode src = c.get("source");
      StringBuilder b = new StringBuilder();
      if (src != null && src.isArray()) {
        src.forEach(l -> b.append(l.asText()));
      } else if (src != null) {
        b.append(src.asText());
      }
      out.add(b.toString());
    }
    return out;
  }

  /**
   * Runs every code cell after the first in one fresh JShell.
   *
   * @param notebook the .ipynb file
   * @return number of code cells evaluated
   * @throws NotebookFailure at the first failing cell
   * @throws IOException when the notebook cannot be read
   */
  static int run(Path notebook) throws IOException, NotebookFailure {
    List<String> cells = codeCells(notebook);
    if (cells.isEmpty()) {
      throw new IOException(notebook + ": no code cells");
    }
    for (String line : cells.get(0).split("\n")) {
      if (!line.isBlank() && !line.strip().startsWith("%")) {
        throw new NotebookFailure(notebook, 0, "first code cell must hold only % magics", null);
      }
    }
    try (JShell shell = JShell.builder().executionEngine("local").build()) {
      for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
        if (!entry.isEmpty()) {
          shell.addToClasspath(entry);
        }
      }
      for (int i = 1; i < cells.size(); i++) {
        runCell(shell, notebook, i, cells.get(i));
      }
    }
    return cells.size() - 1;
  }

  private static void runCell(JShell shell, Path notebook, int index, String cell)
      throws NotebookFailure {
    for (String line : cell.split("\n")) {
      if (line.strip().startsWith("%")) {
        throw new NotebookFailure(notebook, index, "magic outside the first code cell", null);
      }
    }
    SourceCodeAnalysis sca = shell.sourceCodeAnalysis();
    String rest = cell;
    while (!rest.isBlank()) {
      SourceCodeAnalysis.CompletionInfo ci = sca.analyzeCompletion(rest);
      if (ci.completeness() == SourceCodeAnalysis.Completeness.EMPTY) {
        break;
      }
      if (!ci.completeness().isComplete()) {
        throw new NotebookFailure(
            notebook, index, "incomplete code (" + ci.completeness() + "): " + head(rest), null);
      }
      eval(shell, notebook, index, ci.source());
      rest = ci.remaining();
    }
  }

  private static void eval(JShell shell, Path notebook, int index, String source)
      throws NotebookFailure {
    for (SnippetEvent e : shell.eval(source)) {
      Snippet s = e.snippet();
      List<Diag> errors = shell.diagnostics(s).filter(Diag::isError).toList();
      if (!errors.isEmpty()) {
        StringBuilder m = new StringBuilder("compile error in `" + head(source) + "`:");
        for (Diag d : errors) {
          m.append(' ').append(d.getMessage(null));
        }
        throw new NotebookFailure(notebook, index, m.toString(), null);
      }
      if (e.status() == Snippet.Status.REJECTED) {
        throw new NotebookFailure(notebook, index, "rejected: `" + head(source) + "`", null);
      }
      if (e.status() == Snippet.Status.RECOVERABLE_DEFINED
          || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
        throw new NotebookFailure(
            notebook,
            index,
            "unresolved references in `"
                + head(source)
                + "`: "
                + String.join(", ", unresolved(shell, s)),
            null);
      }
      if (e.exception() != null) {
        throw new NotebookFailure(
            notebook,
            index,
            "exception in `" + head(source) + "`: " + describe(e.exception()),
            e.exception());
      }
    }
  }

  private static List<String> unresolved(JShell shell, Snippet s) {
    return s instanceof jdk.jshell.DeclarationSnippet d
        ? shell.unresolvedDependencies(d).toList()
        : List.of();
  }

  private static String describe(jdk.jshell.JShellException x) {
    String cls =
        x instanceof jdk.jshell.EvalException ev
            ? ev.getExceptionClassName()
            : x.getClass().getName();
    return cls + ": " + x.getMessage();
  }

  private static String head(String source) {
    String s = source.strip().replaceAll("\\s+", " ");
    return s.length() > 80 ? s.substring(0, 77) + "..." : s;
  }
}
