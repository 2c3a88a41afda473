package io.uatr.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs every notebook in {@code notebooks/} headlessly, in name order (the batch-inference notebook
 * loads the bundle the training notebook wrote), and checks that the runner reports failing cells.
 */
class NotebooksTest {
  private static final Path DIR = Path.of(System.getProperty("uatr.notebooks.dir", "."));

  private static Path resource(String name) throws Exception {
    return Path.of(NotebooksTest.class.getResource("/" + name).toURI());
  }

  @Test
  void everyNotebookRunsWithoutErrors() throws Exception {
    List<Path> notebooks;
    try (Stream<Path> s = Files.list(DIR)) {
      notebooks = s.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
    }
    for (Path nb : notebooks) {
      assertTrue(NotebookRunner.run(nb) > 0, nb + " has code cells after the magics");
    }
    assertEquals(3, notebooks.size(), "notebooks found in " + DIR.toAbsolutePath());
    for (String png :
        List.of(
            "out/features/logmel.png",
            "out/features/demon-spectrum.png",
            "out/training/curves.png",
            "out/inference/predictions.png")) {
      assertTrue(Files.size(DIR.resolve(png)) > 1000, png + " written");
    }
  }

  @Test
  void notebooksAreCommittedWithoutOutputs() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json =
        new com.fasterxml.jackson.databind.ObjectMapper();
    try (Stream<Path> s = Files.list(DIR)) {
      for (Path nb : s.filter(p -> p.toString().endsWith(".ipynb")).toList()) {
        for (com.fasterxml.jackson.databind.JsonNode c : json.readTree(nb.toFile()).get("cells")) {
          assertEquals(0, c.path("outputs").size(), nb + " has outputs");
          assertTrue(
              c.path("execution_count").isMissingNode() || c.get("execution_count").isNull());
        }
      }
    }
  }

  @Test
  void anExceptionInACellIsReportedWithItsIndex() throws Exception {
    NotebookRunner.NotebookFailure f =
        assertThrows(
            NotebookRunner.NotebookFailure.class,
            () -> NotebookRunner.run(resource("failing/throws.ipynb")));
    assertEquals(2, f.cell());
    assertTrue(f.getMessage().contains("throws.ipynb"), f.getMessage());
    assertTrue(f.getMessage().contains("java.lang.IllegalStateException"), f.getMessage());
  }

  @Test
  void aCompileErrorIsReportedWithItsIndex() throws Exception {
    NotebookRunner.NotebookFailure f =
        assertThrows(
            NotebookRunner.NotebookFailure.class,
            () -> NotebookRunner.run(resource("failing/compile-error.ipynb")));
    assertEquals(3, f.cell());
    assertTrue(f.getMessage().contains("compile error"), f.getMessage());
  }

  @Test
  void aPassingNotebookSeesTheProjectClasspath() throws IOException, Exception {
    assertEquals(2, NotebookRunner.run(resource("failing/passes.ipynb")));
  }
}
