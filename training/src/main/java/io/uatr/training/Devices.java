package io.uatr.training;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Device selection ({@code auto}, {@code cpu}, {@code gpu}, {@code gpu:N}) and thread count. */
public final class Devices {

  private static final Logger LOG = LoggerFactory.getLogger(Devices.class);

  private Devices() {}

  /**
   * Checks a device string without touching the engine.
   *
   * @param s the setting
   * @return -2 for auto, -1 for cpu, N for gpu:N (gpu is gpu:0)
   * @throws IllegalArgumentException naming {@code device} for anything else
   */
  public static int parse(String s) {
    String v = s == null ? "" : s.trim().toLowerCase(Locale.ROOT);
    switch (v) {
      case "auto":
        return -2;
      case "cpu":
        return -1;
      case "gpu":
        return 0;
      default:
        if (v.startsWith("gpu:")) {
          try {
            int n = Integer.parseInt(v.substring(4));
            if (n >= 0) {
              return n;
            }
          } catch (NumberFormatException e) {
            // fall through to the error below
          }
        }
        throw new IllegalArgumentException(
            "device must be auto, cpu, gpu or gpu:N, was '" + s + "'");
    }
  }

  /**
   * Resolves a device string: {@code auto} takes GPU 0 when the engine sees a GPU, else the CPU.
   *
   * @param s the setting
   * @return the device
   * @throws IllegalArgumentException when a GPU is requested that the engine does not see
   */
  public static Device resolve(String s) {
    int n = parse(s);
    int gpus = Engine.getInstance().getGpuCount();
    if (n == -2) {
      Device d = gpus > 0 ? Device.gpu(0) : Device.cpu();
      LOG.info("device auto -> {} ({} GPU(s) visible)", d, gpus);
      return d;
    }
    if (n == -1) {
      return Device.cpu();
    }
    if (n >= gpus) {
      throw new IllegalArgumentException(
          "device " + s + " requested but the engine sees " + gpus + " GPU(s)");
    }
    return Device.gpu(n);
  }

  /**
   * Returns the engine's inter-op thread count, or -1 when it cannot be read (not the PyTorch
   * engine).
   */
  public static int interopThreads() {
    Engine engine = Engine.getInstance();
    if (!"PyTorch".equals(engine.getEngineName())) {
      return -1;
    }
    try {
      Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
      return (Integer) jni.getMethod("getNumInteropThreads").invoke(null);
    } catch (ReflectiveOperationException | ClassCastException e) {
      return -1;
    }
  }

  /**
   * Sets the engine's intra-op thread count: the {@code ai.djl.pytorch.num_threads} property (read
   * when the engine starts) and, when the PyTorch engine is running, libtorch's current setting
   * ({@code at::set_num_threads}, through DJL's JniUtils). Set it once, before training: runs are
   * reproducible for a fixed thread count, and changing the count while the engine runs was seen to
   * change later results in the last bits.
   *
   * @param threads thread count; 0 leaves the setting alone
   * @return the engine's intra-op thread count afterwards, or -1 when it cannot be read (not the
   *     PyTorch engine)
   */
  public static int applyThreads(int threads) {
    if (threads > 0) {
      System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    }
    Engine engine = Engine.getInstance();
    if (!"PyTorch".equals(engine.getEngineName())) {
      return -1;
    }
    try {
      Class<?> jni = Class.forName("ai.djl.pytorch.jni.JniUtils");
      if (threads > 0) {
        jni.getMethod("setNumThreads", int.class).invoke(null, threads);
      }
      int now = (Integer) jni.getMethod("getNumThreads").invoke(null);
      LOG.debug("PyTorch intra-op threads: {}", now);
      return now;
    } catch (ReflectiveOperationException | ClassCastException e) {
      LOG.warn("cannot set the PyTorch thread count: {}", e.toString());
      return -1;
    }
  }
}
