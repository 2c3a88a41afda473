package io.uatr.dsp.spectral;

import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A background warm-up of Vector API kernels: {@link #done()} reports whether it has finished and,
 * after a given number of calls (when {@link Simd#ENABLED}), starts it on a daemon thread. The
 * warm-up runs the kernels on scratch data until HotSpot has compiled them; callers use plain loops
 * meanwhile (same results). Waiting for some calls first spares short jobs the warm-up's CPU (the
 * JIT compiling the Vector API kernels costs about a second of CPU, which pays off after several
 * minutes of audio). If the warm-up fails, {@link #done()} stays false and the plain loops stay in
 * use.
 */
public final class WarmUp {
  private static final Logger LOG = LoggerFactory.getLogger(WarmUp.class);

  private final String name;
  private final Runnable work;
  private final int callsBeforeStart;
  private final java.util.concurrent.atomic.AtomicInteger calls =
      new java.util.concurrent.atomic.AtomicInteger();
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean done;

  /**
   * Creates the warm-up (nothing runs yet).
   *
   * @param name for the thread name and logs
   * @param work runs the kernels; must not touch Vector API classes outside its body
   * @param callsBeforeStart calls of {@link #done()} before the warm-up starts, &gt;= 1
   */
  public WarmUp(String name, Runnable work, int callsBeforeStart) {
    this.name = name;
    this.work = work;
    this.callsBeforeStart = callsBeforeStart;
  }

  /**
   * Whether the warm-up has finished; the call number {@code callsBeforeStart} starts it.
   *
   * @return true once the kernels are compiled
   */
  public boolean done() {
    if (done) {
      return true;
    }
    if (Simd.ENABLED
        && calls.get() < callsBeforeStart
        && calls.incrementAndGet() >= callsBeforeStart
        && started.compareAndSet(false, true)) {
      Thread t =
          new Thread(
              () -> {
                long t0 = System.nanoTime();
                try {
                  work.run();
                  done = true;
                  LOG.debug(
                      "{} vector kernels warmed up in {} ms",
                      name,
                      (System.nanoTime() - t0) / 1_000_000);
                } catch (RuntimeException | LinkageError e) {
                  LOG.warn("{} vector kernels unavailable, plain loops stay in use: {}", name, e);
                }
              },
              "uatr-warm-up-" + name);
      t.setDaemon(true);
      t.setPriority(Thread.MIN_PRIORITY);
      t.start();
    }
    return false;
  }
}
