package io.uatr.collab.net;

/**
 * Every message type. Party-to-party (data plane) types carry only what PC-MoE exchanges; the
 * control types carry no tensors.
 */
public enum MsgType {
  /** Party to expert host: hidden activations [b][...] of the rows routed to one expert. */
  ACTIVATION(true),
  /** Host to party: the expert's output [b][D] for those rows. */
  EXPERT_OUTPUT(true),
  /** Party to host: the loss gradient with respect to that expert output [b][D]. */
  OUTPUT_GRADIENT(true),
  /** Host to party: the gradient with respect to the activations it received [b][...]. */
  ACTIVATION_GRADIENT(true),
  /** Party to host: asks for the squared L2 norm of the host's expert gradients (value). */
  GRAD_NORM(true),
  /** Party to host: scale the expert gradients by value' and take an optimiser step. */
  UPDATE(true),
  /** Party to host (export only): asks for the weights of one expert. */
  WEIGHTS_REQUEST(true),
  /** Host to party (export only): one expert's parameter arrays, in parameter order. */
  EXPERT_WEIGHTS(true),
  /** A reply without payload. */
  ACK(true),
  /** Coordinator to party: the parties' addresses, host:port in party order (note). */
  PEERS(false),
  /** Coordinator to party: train on your own data alone and report (note: result). */
  ALONE(false),
  /** Coordinator to party: run your mini-batch of a round (value: rounds in the run). */
  STEP(false),
  /** Coordinator to party: the round is complete; write your checkpoint. */
  COMMIT(false),
  /** Coordinator to party: report the rounds you hold checkpoints of (note). */
  STATUS(false),
  /** Coordinator to party: restore the checkpoint of a round (-1: start afresh). */
  RESTORE(false),
  /** Coordinator to party: collect the experts, write your bundle and evaluate (note: result). */
  FINISH(false),
  /** Coordinator to party: shut down. */
  STOP(false);

  private final boolean dataPlane;

  MsgType(boolean dataPlane) {
    this.dataPlane = dataPlane;
  }

  /** Whether the type travels between parties (rather than from the coordinator). */
  public boolean dataPlane() {
    return dataPlane;
  }
}
