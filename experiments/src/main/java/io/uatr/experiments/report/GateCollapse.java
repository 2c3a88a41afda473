package io.uatr.experiments.report;

import io.uatr.training.eval.GateDiagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds collapsed gates: a gate whose hard assignments (the arg-max of its weights per segment)
 * send more than {@link #THRESHOLD} of the evaluated segments to one expert. A collapsed gate is
 * never silent: the runner logs each one as a WARN and the run and suite reports show it.
 */
public final class GateCollapse {
  /**
   * Share of the evaluated segments above which one expert's hard assignments mark its gate as
   * collapsed (strictly greater: exactly 70 % is not a collapse).
   */
  public static final double THRESHOLD = 0.7;

  private GateCollapse() {}

  /**
   * One collapsed gate.
   *
   * @param task the gate's task name ({@code class}, {@code size})
   * @param expert index of the expert taking most hard assignments
   * @param share that expert's share of the hard assignments, in [0, 1]
   * @param segments number of segments assigned
   */
  public record Warning(String task, int expert, double share, long segments) {
    /**
     * The warning text, e.g. {@code m3 seed 1: class gate collapsed: expert 0 takes 100.0 % of 218
     * test segments}.
     *
     * @param run the run label (name and seed)
     * @param split the evaluated split ({@code test} or {@code validation})
     * @return the text
     */
    public String message(String run, String split) {
      return String.format(
          Locale.ROOT,
          "%s: %s gate collapsed: expert %d takes %.1f %% of %d %s segments",
          run,
          task,
          expert,
          100 * share,
          segments,
          split);
    }
  }

  /** The name of a gate's task: {@code class} for task 0, {@code size} for task 1. */
  public static String taskName(int task) {
    return switch (task) {
      case 0 -> "class";
      case 1 -> "size";
      default -> "task " + task;
    };
  }

  /**
   * The collapsed gates among an evaluation's gate diagnostics.
   *
   * @param gates the gate diagnostics (empty for models without experts)
   * @return one warning per collapsed gate, in task order
   */
  public static List<Warning> of(List<GateDiagnostics> gates) {
    List<Warning> out = new ArrayList<>();
    for (GateDiagnostics g : gates) {
      Warning w = check(taskName(g.task()), g.hardCounts());
      if (w != null) {
        out.add(w);
      }
    }
    return out;
  }

  /**
   * The collapsed gates recorded in a run's {@code evaluation.json} (its {@code gates} list with
   * {@code task} and {@code hard_counts}), so that a suite can report runs finished earlier.
   *
   * @param evaluation the parsed JSON
   * @return one warning per collapsed gate; empty when the JSON has no gates
   */
  public static List<Warning> fromEvaluation(Map<String, Object> evaluation) {
    List<Warning> out = new ArrayList<>();
    if (!(evaluation.get("gates") instanceof List<?> gates)) {
      return out;
    }
    for (Object o : gates) {
      if (o instanceof Map<?, ?> g && g.get("hard_counts") instanceof List<?> hc) {
        long[] counts = hc.stream().mapToLong(v -> ((Number) v).longValue()).toArray();
        Warning w = check(String.valueOf(g.get("task")), counts);
        if (w != null) {
          out.add(w);
        }
      }
    }
    return out;
  }

  /**
   * Checks one gate's hard-assignment counts.
   *
   * @param task the task name
   * @param hardCounts [E] segments whose largest gate weight is expert i
   * @return the warning, or null when no expert takes more than {@link #THRESHOLD}
   */
  public static Warning check(String task, long[] hardCounts) {
    long n = 0;
    int top = 0;
    for (int i = 0; i < hardCounts.length; i++) {
      n += hardCounts[i];
      if (hardCounts[i] > hardCounts[top]) {
        top = i;
      }
    }
    if (n == 0 || hardCounts.length < 2) {
      return null;
    }
    double share = (double) hardCounts[top] / n;
    return share > THRESHOLD ? new Warning(task, top, share, n) : null;
  }

  /**
   * The Markdown block of warnings: one {@code > **Warning**: ...} line each, or "" without any.
   *
   * @param messages the warning texts ({@link Warning#message})
   * @return the block, ending with a blank line when not empty
   */
  public static String markdown(List<String> messages) {
    if (messages.isEmpty()) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    for (String m : messages) {
      b.append("> **Warning**: ").append(m).append("\n>\n");
    }
    return b.append(
            String.format(
                Locale.ROOT,
                "> A gate is collapsed when one expert takes more than %.0f %% of the segments'"
                    + " hard assignments (the arg-max of its weights).\n\n",
                100 * THRESHOLD))
        .toString();
  }
}
