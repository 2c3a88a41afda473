package io.uatr.models.bench;

/**
 * Result of a training-step benchmark.
 *
 * @param meanWallMs mean wall time of one step in milliseconds
 * @param meanCpuMs mean CPU time of the calling thread per step in milliseconds
 * @param steps number of timed steps
 * @param lastLoss loss of the last step (finite when training works)
 * @param nonFiniteLosses number of steps (warm-up included) whose loss was NaN or infinite
 */
public record StepTimes(
    double meanWallMs, double meanCpuMs, int steps, float lastLoss, int nonFiniteLosses) {}
