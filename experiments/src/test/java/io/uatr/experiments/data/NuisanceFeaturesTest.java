package io.uatr.experiments.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.uatr.datasets.Recording;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NuisanceFeaturesTest {

  private static Recording rec(String id, Map<String, String> meta) {
    return new Recording(Path.of(id + ".wav"), id, "a", 0, -1, meta, 10, 16000, 0, 10);
  }

  @Test
  void parsesNumbersAndDistanceClasses() {
    assertEquals(12.5, NuisanceFeatures.number(" 12.5 "));
    assertEquals(25.0, NuisanceFeatures.number("0-50"));
    assertEquals(150.0, NuisanceFeatures.number("100 - 200"));
    assertEquals(200.0, NuisanceFeatures.number(">200"));
    assertTrue(Double.isNaN(NuisanceFeatures.number("N.A.")));
    assertTrue(Double.isNaN(NuisanceFeatures.number(null)));
    assertTrue(Double.isNaN(NuisanceFeatures.number("calm")));
  }

  @Test
  void standardisesOnTrainingRecordingsAndMapsMissingToZero() {
    // range: range_m wins over the distance class; wind missing in c; depth constant.
    Recording a =
        rec("a", Map.of("range_m", "100", "range", "0-50", "channel_depth", "10", "wind", "2"));
    Recording b = rec("b", Map.of("range", "0-50", "channel_depth", "10", "wind", "6"));
    Recording c = rec("c", Map.of("range_m", "300", "channel_depth", "10"));
    NuisanceFeatures f = NuisanceFeatures.fit(List.of(a, b, c));
    // range values 100, 25, 300: mean 141.666.., population std by hand
    double mean = (100 + 25 + 300) / 3.0;
    double std =
        Math.sqrt((Math.pow(100 - mean, 2) + Math.pow(25 - mean, 2) + Math.pow(300 - mean, 2)) / 3);
    // wind values 2, 6: mean 4, std 2
    assertArrayEquals(new float[] {(float) ((100 - mean) / std), 0f, -1f}, f.apply(a), 1e-6f);
    assertArrayEquals(new float[] {(float) ((25 - mean) / std), 0f, 1f}, f.apply(b), 1e-6f);
    assertArrayEquals(new float[] {(float) ((300 - mean) / std), 0f, 0f}, f.apply(c), 1e-6f);
    Recording unseen = rec("d", Map.of("wind", "8"));
    assertArrayEquals(new float[] {0f, 0f, 2f}, f.apply(unseen), 1e-6f);
  }
}
