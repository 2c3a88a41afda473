package io.uatr.training;

/** Which part of the data a segment belongs to. Validation is carved from training recordings. */
public enum Split {
  /** Used to fit the parameters. */
  TRAIN,
  /** Held-out training recordings, for early stopping and model selection. */
  VALIDATION,
  /** Never seen in training or model selection. */
  TEST
}
