package io.uatr.dsp.spectral;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds, once per JVM, a HotSpot compiler directive (JEP 165, through the {@code DiagnosticCommand}
 * MBean, as {@code jcmd <pid> Compiler.directives_add} does) that keeps C2 from inlining {@link
 * BatchPowerSpectrum}'s butterfly loop into its callers. Compiled on its own the loop is
 * vectorised; inlined it was measured 1.5x slower. The directive matches only compilations of
 * methods in {@code io.uatr} packages and only forbids that one inlining. On a JVM without the
 * management module or without HotSpot's diagnostic command the call does nothing (the results are
 * identical either way; only the speed differs).
 */
final class JitDirectives {
  private static final Logger LOG = LoggerFactory.getLogger(JitDirectives.class);
  private static final String DIRECTIVE =
      "[{ match: \"io/uatr/*.*\","
          + " inline: \"-io/uatr/dsp/spectral/BatchPowerSpectrum.butterfly\" }]";
  private static boolean done;

  private JitDirectives() {}

  /** Adds the directive if not yet added; never throws. */
  static synchronized void apply() {
    if (done) {
      return;
    }
    done = true;
    if (Boolean.getBoolean("uatr.jit.noDirectives")) {
      return;
    }
    Path file = null;
    try {
      file = Files.createTempFile("uatr-jit", ".json");
      Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
      MBeanServer server = ManagementFactory.getPlatformMBeanServer();
      Object result =
          server.invoke(
              new ObjectName("com.sun.management:type=DiagnosticCommand"),
              "compilerDirectivesAdd",
              new Object[] {new String[] {file.toString()}},
              new String[] {String[].class.getName()});
      LOG.debug("compiler directive for BatchPowerSpectrum: {}", result);
    } catch (Exception | LinkageError e) {
      LOG.debug("compiler directive not added ({}); the FFT stays correct, maybe slower", e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (java.io.IOException e) {
          LOG.debug("could not delete {}", file);
        }
      }
    }
  }
}
