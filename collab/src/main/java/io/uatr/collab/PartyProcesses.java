package io.uatr.collab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Starts party processes with this JVM's java binary, JVM arguments, {@code ai.djl.*} properties
 * and class path; each process's output goes to a log file, and its {@code LISTENING <port>} line
 * gives its port. {@link #close()} waits for them to exit and kills any that do not.
 */
public final class PartyProcesses implements AutoCloseable {

  private final List<Process> processes = new ArrayList<>();
  private final List<CompletableFuture<Integer>> ports = new ArrayList<>();

  /**
   * Starts one process running {@code mainClass} with {@code args}, logging to {@code log}.
   *
   * @return its index
   */
  public int start(String mainClass, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib:jdwp") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    for (String p : System.getProperties().stringPropertyNames()) {
      if (p.startsWith("ai.djl.")) {
        cmd.add("-D" + p + "=" + System.getProperty(p));
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<Integer> port = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                      new BufferedReader(
                          new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                  PrintWriter w = new PrintWriter(Files.newBufferedWriter(log))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                  if (line.startsWith("LISTENING ")) {
                    port.complete(Integer.parseInt(line.substring(10).trim()));
                  }
                  w.println(line);
                  w.flush();
                }
              } catch (IOException e) {
                port.completeExceptionally(e);
              }
              port.completeExceptionally(new IOException("the process ended; see " + log));
            },
            "party-output");
    reader.setDaemon(true);
    reader.start();
    processes.add(p);
    ports.add(port);
    return processes.size() - 1;
  }

  /** Waits for process {@code i}'s port. */
  public int port(int i, long timeoutSeconds) throws IOException {
    try {
      return ports.get(i).get(timeoutSeconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException("party process " + i + " did not start: " + e.getCause().getMessage());
    } catch (java.util.concurrent.TimeoutException e) {
      throw new IOException(
          "party process " + i + " did not start within " + timeoutSeconds + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** Returns process {@code i}. */
  public Process process(int i) {
    return processes.get(i);
  }

  /** Waits up to {@code seconds} for process {@code i} to exit; returns its exit code or -1. */
  public int waitFor(int i, long seconds) throws InterruptedException {
    Process p = processes.get(i);
    return p.waitFor(seconds, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  /** Waits briefly for every process to exit, then kills those still running. */
  @Override
  public void close() {
    for (Process p : processes) {
      try {
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
