package io.uatr.experiments.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.experiments.config.ConfigSource;
import io.uatr.experiments.data.DatasetInspector;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code uatr dataset inspect} on the shipped 9-class configs over a fake ShipsEar copy (the real
 * metadata, tiny WAVs): the published split shares 9 vessels, the vessel split none, and it names
 * the single-vessel class.
 */
class VesselProtocolTest {
  @TempDir static Path tmp;
  static Path shipsear;

  @BeforeAll
  static void data() throws IOException {
    shipsear = Fixtures.fakeShipsEar(tmp.resolve("shipsear"));
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> inspect(String config) throws IOException {
    List<String> sets = Fixtures.tiny(tmp.resolve("cache"));
    sets.add("dataset.root=" + shipsear);
    ConfigSource src =
        Fixtures.load(Fixtures.repo().resolve("configs/experiments/" + config), sets);
    SuiteRunner.Suite suite = SuiteRunner.parse(src, "x");
    RunSettings s = suite.variants().get(0).settings();
    return DatasetInspector.inspect(s.dataset(), s.features());
  }

  @Test
  @SuppressWarnings("unchecked")
  void inspectReportsNoSharedVesselForTheVesselSplitAndNamesDredger() throws IOException {
    Map<String, Object> pub = inspect("shipsear-9class.yaml");
    List<Map<String, Object>> leak = (List<Map<String, Object>>) pub.get("leakage");
    assertEquals(9, leak.stream().filter(m -> m.get("kind").equals("ship")).count());
    assertEquals(List.of(), pub.get("train_only_classes"));

    Map<String, Object> ves = inspect("shipsear-9class-vessels.yaml");
    assertEquals(List.of(), ves.get("leakage"));
    assertEquals(List.of("Dredger"), ves.get("train_only_classes"));
    Map<String, Object> splits = (Map<String, Object>) ves.get("splits");
    Map<String, Object> test = (Map<String, Object>) splits.get("test");
    Map<String, Object> train = (Map<String, Object>) splits.get("train");
    assertEquals(20, test.get("recordings"));
    assertEquals(65, train.get("recordings"));
    Map<String, Map<String, Object>> testClasses =
        (Map<String, Map<String, Object>>) test.get("classes");
    for (Map.Entry<String, Map<String, Object>> e : testClasses.entrySet()) {
      int n = (Integer) e.getValue().get("recordings");
      assertEquals(e.getKey().equals("Dredger"), n == 0, e.getKey() + ": " + n);
    }
    String text = DatasetInspector.text(ves, false);
    assertTrue(text.contains("leakage check: clean"), text);
    assertTrue(text.contains("train only, not tested") && text.contains("[Dredger]"), text);
  }
}
