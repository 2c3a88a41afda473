package io.uatr.datasets;

import java.util.List;

/** A dataset cannot be used as configured; the message names the files and the problems. */
public class DatasetException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The individual problems (empty when the message says it all). */
  private final transient List<DatasetProblem> problems;

  /**
   * Creates the exception.
   *
   * @param message what is wrong, naming the file
   */
  public DatasetException(String message) {
    super(message);
    this.problems = List.of();
  }

  /**
   * Creates the exception from a list of problems, all listed in the message.
   *
   * @param what the dataset, e.g. "ShipsEar at /data/shipsear"
   * @param problems the problems found
   */
  public DatasetException(String what, List<DatasetProblem> problems) {
    super(format(what, problems));
    this.problems = List.copyOf(problems);
  }

  /** The problems, in the order found. */
  public List<DatasetProblem> problems() {
    return problems;
  }

  private static String format(String what, List<DatasetProblem> problems) {
    StringBuilder sb =
        new StringBuilder(what).append(": ").append(problems.size()).append(" problem(s)");
    for (DatasetProblem p : problems) {
      sb.append("\n  ").append(p);
    }
    sb.append("\n(set on_error: skip to leave these out and continue)");
    return sb.toString();
  }
}
