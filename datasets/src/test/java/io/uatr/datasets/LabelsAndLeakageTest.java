package io.uatr.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelsAndLeakageTest {

  @Test
  void groupingsFollowTheShipsEarPaper() {
    LabelMap five = LabelMap.shipsEar5();
    assertEquals("A", five.classOf("Trawler"));
    assertEquals("B", five.classOf("pilot_ship"));
    assertEquals("C", five.classOf("Passengers"));
    assertEquals("D", five.classOf("RORO"));
    assertEquals("E", five.classOf("Natural ambient noise"));
    assertEquals(12, LabelMap.shipsEar12().classes().size());
    assertNull(LabelMap.shipsEar9().classOf("Tugboat"));
    assertEquals(9, LabelMap.shipsEar9().classes().size());
    SizeMap size = SizeMap.m3Default();
    assertEquals(0, size.levelOf("Natural ambient noise"));
    assertEquals(1, size.levelOf("Sailboat"));
    assertEquals(2, size.levelOf("Mussel boat"));
    assertEquals(3, size.levelOf("Ocean liner"));
    for (String t : LabelMap.SHIPSEAR_TYPES) {
      assertTrue(size.levelOf(t) >= 0, t);
    }
  }

  static Recording rec(String id, String ship, double start, double end) {
    Map<String, String> m = new LinkedHashMap<>();
    if (ship != null) {
      m.put(Recording.SHIP, ship);
    }
    return new Recording(Path.of(id + "__x.wav"), id, "A", 0, 1, m, 100, 1000, start, end);
  }

  @Test
  void leakageCheckFindsRecordingsAndShipsInSeveralParts() {
    Map<String, List<Recording>> parts = new LinkedHashMap<>();
    parts.put(
        "train", List.of(rec("1", "s1", 0, 100), rec("2", null, 0, 50), rec("3", null, 0, 60)));
    parts.put(
        "test", List.of(rec("4", "s1", 0, 100), rec("2", null, 50, 100), rec("3", null, 40, 100)));
    LeakageCheck.Report r = LeakageCheck.check(parts);
    assertEquals(List.of("train", "test"), r.recordings().get("3"));
    assertFalse(r.recordings().containsKey("2"));
    assertEquals(List.of("train", "test"), r.timeSplitRecordings().get("2"));
    assertEquals(List.of("train", "test"), r.ships().get("s1"));
    assertFalse(r.clean());
    Map<String, List<Recording>> ok =
        Map.of("train", List.of(rec("1", "a", 0, 100)), "test", List.of(rec("2", "b", 0, 100)));
    assertTrue(LeakageCheck.check(ok).clean());
  }
}
