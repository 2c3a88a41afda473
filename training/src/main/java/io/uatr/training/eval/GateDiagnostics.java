package io.uatr.training.eval;

/**
 * Diagnostics of one task's gate over a set of segments (E experts, C classes).
 *
 * @param task task index (0 class, 1 size)
 * @param utilisation [E] mean gate weight of each expert, U[i] = mean_x g(x)_i
 * @param classByExpert [C][E] mean gate weight per true class (NaN rows for classes without
 *     segments)
 * @param meanNormalisedEntropy mean over segments of H(g(x)) / log E (0 when E = 1): 1 for uniform
 *     gates, 0 for one-hot gates
 * @param loadCv coefficient of variation of the utilisation, std(U) / mean(U) (population std)
 * @param maxOverMean max(U) / mean(U)
 * @param maxViolation (max(U) - mean(U)) / mean(U)
 * @param deadExperts indices of experts with U[i] &lt; {@link Metrics#DEAD_SHARE} / E
 * @param hardCounts [E] segments whose largest gate weight is expert i
 */
public record GateDiagnostics(
    int task,
    double[] utilisation,
    double[][] classByExpert,
    double meanNormalisedEntropy,
    double loadCv,
    double maxOverMean,
    double maxViolation,
    int[] deadExperts,
    long[] hardCounts) {}
