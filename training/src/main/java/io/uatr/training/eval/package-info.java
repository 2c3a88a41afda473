/**
 * Evaluation: {@link io.uatr.training.eval.SegmentPredictor} runs a model over segments, {@link
 * io.uatr.training.eval.Metrics} computes accuracy, macro-F1, per-class precision and recall,
 * confusion matrices, recording-level accuracy and gate diagnostics from plain arrays, and {@link
 * io.uatr.training.eval.EvaluationResult} gathers them as records for reports and JSON.
 */
package io.uatr.training.eval;
