package io.uatr.dsp.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpyTest {
  @TempDir Path dir;

  @Test
  void headerFollowsTheFormatSpec() {
    byte[] h = NpyHeader.encodeFloat32(128, 7);
    assertEquals(0, h.length % 64);
    assertEquals((byte) 0x93, h[0]);
    assertEquals(1, h[6]);
    int hlen = (h[8] & 0xff) | (h[9] & 0xff) << 8;
    assertEquals(h.length - 10, hlen);
    String dict = new String(h, 10, hlen, StandardCharsets.US_ASCII);
    assertEquals("{'descr': '<f4', 'fortran_order': False, 'shape': (128, 7), }", dict.trim());
    assertEquals('\n', dict.charAt(dict.length() - 1));
  }

  @Test
  void streamedColumnsLandInCOrder() throws Exception {
    int rows = 3;
    int cols = 2500; // spans several blocks
    Path f = dir.resolve("m.npy");
    try (NpyMatrixWriter w = NpyMatrixWriter.create(f, rows, cols)) {
      for (int c = 0; c < cols; c++) {
        w.writeColumn(new float[] {c, -c, c * 0.5f});
      }
      w.commit();
    }
    // independent decode: raw little-endian floats after the header
    byte[] all = Files.readAllBytes(f);
    int off = NpyHeader.encodeFloat32(rows, cols).length;
    ByteBuffer b = ByteBuffer.wrap(all, off, all.length - off).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(rows * cols * 4, b.remaining());
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        float expect = r == 0 ? c : r == 1 ? -c : c * 0.5f;
        assertEquals(expect, b.getFloat(), 0f, "r=" + r + " c=" + c);
      }
    }
    Npy.FloatArray back = Npy.read(f);
    assertArrayEquals(new long[] {rows, cols}, back.shape());
    assertEquals(-7f, back.get(1, 7));
  }

  @Test
  void uncommittedWriteLeavesNothing() throws Exception {
    Path f = dir.resolve("x.npy");
    try (NpyMatrixWriter w = NpyMatrixWriter.create(f, 2, 5)) {
      w.writeColumn(new float[] {1, 2});
    }
    assertFalse(Files.exists(f));
    try (var s = Files.list(dir)) {
      assertEquals(0, s.count());
    }
    NpyMatrixWriter w = NpyMatrixWriter.create(f, 2, 5);
    w.writeColumn(new float[] {1, 2});
    assertThrows(java.io.IOException.class, w::commit);
    w.close();
  }

  @Test
  void roundTripsMatrix() throws Exception {
    float[][] m = {{1, 2, 3}, {4, 5, 6}};
    Path f = dir.resolve("r.npy");
    Npy.write(f, m);
    assertArrayEquals(m, Npy.read(f).toMatrix());
    Files.write(dir.resolve("bad.npy"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11});
    assertThrows(java.io.IOException.class, () -> Npy.read(dir.resolve("bad.npy")));
  }

  @Test
  void mappedViewReadsWhatWasWritten() throws Exception {
    float[][] m = {{1, 2, 3, 4}, {5, 6, 7, 8}, {9, 10, 11, 12}};
    Path f = dir.resolve("map.npy");
    Npy.write(f, m);
    NpyMappedMatrix v = NpyMappedMatrix.open(f);
    assertEquals(3, v.rows());
    assertEquals(4, v.cols());
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 4; c++) {
        assertEquals(m[r][c], v.get(r, c));
      }
    }
  }

  @Test
  void clipBelowRaisesLowValues() throws Exception {
    Path f = dir.resolve("clip.npy");
    try (NpyMatrixWriter w = NpyMatrixWriter.create(f, 2, 3000)) {
      for (int c = 0; c < 3000; c++) {
        w.writeColumn(new float[] {-c, c});
      }
      w.clipBelow(-100f);
      w.commit();
    }
    Npy.FloatArray a = Npy.read(f);
    assertEquals(-50f, a.get(0, 50));
    assertEquals(-100f, a.get(0, 2999));
    assertEquals(2999f, a.get(1, 2999));
  }
}
