package io.uatr.experiments.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Shaft-rate bands and the group x expert table. */
class ShaftRoutingTest {
  @Test
  void bandsHaveInclusiveLowerBounds() {
    assertEquals(
        List.of("< 2 Hz", "2-5 Hz", "5-10 Hz", "10-20 Hz", ">= 20 Hz", ShaftRouting.NO_SHAFT),
        ShaftRouting.groupNames());
    assertEquals(0, ShaftRouting.group(1.1));
    assertEquals(1, ShaftRouting.group(2.0));
    assertEquals(1, ShaftRouting.group(4.99));
    assertEquals(2, ShaftRouting.group(5.0));
    assertEquals(3, ShaftRouting.group(17.0));
    assertEquals(4, ShaftRouting.group(20.0));
    assertEquals(4, ShaftRouting.group(32.5));
    assertEquals(5, ShaftRouting.group(Double.NaN));
  }

  @Test
  void recordedDataIsSkippedWithAReason() {
    io.uatr.experiments.data.PreparedData real =
        new io.uatr.experiments.data.PreparedData(null, null, List.of(), null, "", Map.of(), false);
    assertTrue(ShaftRouting.skipReason(real).orElseThrow().startsWith("not synthetic"));
  }

  @Test
  void tableCountsHardAssignmentsPerGroup() {
    float[][] gate = {{0.9f, 0.1f}, {0.2f, 0.8f}, {0.6f, 0.4f}, {0.3f, 0.7f}, {0.5f, 0.5f}};
    String[] recs = {"1", "1", "2", "3", "4"};
    Map<String, Double> shaft = Map.of("1", 1.5, "2", 25.0, "3", 25.5);
    ShaftRouting.Table t = ShaftRouting.of(gate, recs, shaft);
    assertArrayEquals(new long[] {1, 1}, t.counts()[0]);
    assertArrayEquals(new long[] {1, 1}, t.counts()[4]);
    assertArrayEquals(new long[] {1, 0}, t.counts()[5], "recording 4 has no shaft; tie -> 0");
    assertArrayEquals(new long[] {0, 0}, t.counts()[2]);
    assertEquals(5, t.total());
    String md = ShaftRouting.markdown(t);
    assertTrue(md.contains("| < 2 Hz | 2 | 1 (50.0 %) | 1 (50.0 %) |"), md);
    assertTrue(md.contains("| 5-10 Hz | 0 | 0 (n/a) | 0 (n/a) |"), md);
  }
}
