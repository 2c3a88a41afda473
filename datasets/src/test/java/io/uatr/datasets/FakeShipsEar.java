package io.uatr.datasets;

import io.uatr.dsp.io.SampleFormat;
import io.uatr.dsp.io.WavWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Builds a fake ShipsEar directory: one small WAV per ID of the shipped metadata (200 Hz, a few
 * seconds; trawler 28 lasts 150 s), with names in both schemes: {@code <ID>__<dd_mm_yy>_<desc>.wav}
 * for even IDs and {@code <Type>_<ID>__<dd_mm_yy>_<desc>.wav} for odd ones, in class folders.
 */
final class FakeShipsEar {
  static final int FS = 200;

  private FakeShipsEar() {}

  static Path build(Path root) throws IOException {
    Files.createDirectories(root);
    for (Map<String, String> row : ShipsEarLoader.shippedMetadata().rows()) {
      int id = Integer.parseInt(row.get("ids"));
      String type = row.get("label");
      String[] d = row.get("date").split("/");
      String date =
          String.format(
              "%02d_%02d_%s", Integer.parseInt(d[2]), Integer.parseInt(d[1]), d[0].substring(2));
      String desc = type.equals("Dredger") ? "A__Draga_" + (id % 4 + 1) : date + "_radaUno_Pasa";
      String name =
          id % 2 == 0
              ? id + "__" + desc + ".wav"
              : type.replace(' ', '_') + "_" + id + "__" + desc + ".wav";
      Path dir = root.resolve(type.replace(' ', '_'));
      Files.createDirectories(dir);
      double seconds = id == 28 ? 150 : 2 + id % 5;
      float[] x = new float[(int) (seconds * FS)];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) (0.1 * Math.sin(0.01 * id * i));
      }
      WavWriter.write(dir.resolve(name), x, FS, 1, SampleFormat.PCM_S16);
    }
    return root;
  }

  static Path find(Path root, String id) throws IOException {
    try (var s = Files.walk(root)) {
      return s.filter(p -> id.equals(ShipsEarLoader.idOf(p.getFileName().toString())))
          .findFirst()
          .orElseThrow();
    }
  }
}
