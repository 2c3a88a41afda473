package io.uatr.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void parsesEveryOptionAndSeveralInputs() {
    Args a =
        Args.parse(
            new String[] {
              "--model",
              "b.zip",
              "--input",
              "x.wav",
              "dir",
              "--output",
              "out",
              "--format",
              "csv",
              "--segments",
              "--partitions",
              "8"
            });
    assertEquals("b.zip", a.model());
    assertEquals(List.of(Path.of("x.wav"), Path.of("dir")), a.inputs());
    assertEquals("out", a.output());
    assertEquals("csv", a.format());
    assertTrue(a.segments());
    assertEquals(8, a.partitions());
    assertEquals(
        "parquet",
        Args.parse(new String[] {"--model", "b", "--input", "i", "--output", "o"}).format());
  }

  @Test
  void rejectsMissingOrUnknownArguments() {
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--model", "b"}));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Args.parse(new String[] {"--model", "b", "--input", "i", "--output", "o", "--x"}));
    assertTrue(e.getMessage().contains("--x"));
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                Args.parse(
                    new String[] {
                      "--model", "b", "--input", "i", "--output", "o", "--format", "orc"
                    }));
    assertTrue(e.getMessage().contains("--format"));
    assertThrows(IllegalArgumentException.class, () -> Args.parse(new String[] {"--model"}));
  }
}
