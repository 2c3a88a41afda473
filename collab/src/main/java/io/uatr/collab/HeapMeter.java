package io.uatr.collab;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Peak Java heap in use, sampled every 10 ms by a daemon thread (MemoryMXBean). Model tensors live
 * in the engine's native memory and are not part of this figure.
 */
public final class HeapMeter implements AutoCloseable {

  private final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
  private final Thread thread;
  private volatile long peak;
  private volatile boolean running = true;

  /** Starts sampling. */
  public HeapMeter() {
    peak = used();
    thread =
        new Thread(
            () -> {
              while (running) {
                sample();
                try {
                  Thread.sleep(10);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "heap-meter");
    thread.setDaemon(true);
    thread.start();
  }

  private long used() {
    return bean.getHeapMemoryUsage().getUsed();
  }

  private synchronized void sample() {
    peak = Math.max(peak, used());
  }

  /** Runs a garbage collection and restarts the peak from the heap in use after it. */
  public synchronized void reset() {
    System.gc();
    peak = used();
  }

  /** Returns the peak heap in use since the last reset, bytes. */
  public long peak() {
    sample();
    return peak;
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
