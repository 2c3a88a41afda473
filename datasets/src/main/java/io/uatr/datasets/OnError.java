package io.uatr.datasets;

/** What a loader does when some files have problems. */
public enum OnError {
  /** Stop with one exception that lists every problem. */
  FAIL,
  /** Leave the affected recordings out, log and report them, and continue. */
  SKIP
}
