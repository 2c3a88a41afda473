package io.uatr.dsp.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Test-only reader of little-endian C-order .npy files (f4, f8, i4) from the classpath. */
final class NpyReader {
  final int[] shape;
  final double[] data;

  private NpyReader(int[] shape, double[] data) {
    this.shape = shape;
    this.data = data;
  }

  static NpyReader read(String resource) {
    try (InputStream in = NpyReader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("missing test resource " + resource);
      }
      byte[] all = in.readAllBytes();
      ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
      if (all[0] != (byte) 0x93 || all[1] != 'N') {
        throw new IllegalArgumentException(resource + ": not an .npy file");
      }
      int major = all[6];
      int headerLen;
      int start;
      if (major == 1) {
        headerLen = b.getShort(8) & 0xffff;
        start = 10;
      } else {
        headerLen = b.getInt(8);
        start = 12;
      }
      String header = new String(all, start, headerLen, StandardCharsets.ISO_8859_1);
      Matcher d = Pattern.compile("'descr':\\s*'([<|>]?)(\\w\\d)'").matcher(header);
      Matcher s = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
      if (!d.find() || !s.find() || header.contains("'fortran_order': True")) {
        throw new IllegalArgumentException(resource + ": unsupported header " + header);
      }
      String type = d.group(2);
      String[] dims = s.group(1).split(",");
      int n = 1;
      int count = 0;
      int[] shape = new int[dims.length];
      for (String dim : dims) {
        if (!dim.isBlank()) {
          shape[count] = Integer.parseInt(dim.trim());
          n *= shape[count++];
        }
      }
      shape = java.util.Arrays.copyOf(shape, count);
      b.position(start + headerLen);
      double[] data = new double[n];
      for (int i = 0; i < n; i++) {
        switch (type) {
          case "f8":
            data[i] = b.getDouble();
            break;
          case "f4":
            data[i] = b.getFloat();
            break;
          case "i4":
            data[i] = b.getInt();
            break;
          default:
            throw new IllegalArgumentException(resource + ": unsupported dtype " + type);
        }
      }
      return new NpyReader(shape, data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static NpyReader golden(String name) {
    return read("/golden/spectral/" + name + ".npy");
  }

  float[] floats() {
    float[] f = new float[data.length];
    for (int i = 0; i < f.length; i++) {
      f[i] = (float) data[i];
    }
    return f;
  }

  double[][] matrix() {
    if (shape.length != 2) {
      throw new IllegalStateException("not 2-D: " + java.util.Arrays.toString(shape));
    }
    double[][] m = new double[shape[0]][shape[1]];
    for (int r = 0; r < shape[0]; r++) {
      System.arraycopy(data, r * shape[1], m[r], 0, shape[1]);
    }
    return m;
  }
}
