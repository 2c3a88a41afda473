package io.uatr.training.eval;

import io.uatr.models.spec.SizeHead;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluation of a model on a set of segments (C classes).
 *
 * @param segments number of segments
 * @param recordings number of recordings
 * @param segmentAccuracy accuracy per segment
 * @param recordingAccuracy accuracy per recording, from segment probabilities averaged over each
 *     recording
 * @param macroF1 segment-level macro-F1 over the classes present (see {@link Metrics#macroF1})
 * @param precision [C] segment-level precision per class
 * @param recall [C] segment-level recall per class
 * @param f1 [C] segment-level F1 per class
 * @param confusion [C][C] segment counts, rows true class, columns predicted class
 * @param classLoss mean class cross-entropy in nats
 * @param sizeAccuracy size-level accuracy (levels head), else NaN
 * @param sizeMae size mean absolute error in the target's unit (regression head), else NaN
 * @param gates gate diagnostics per task (empty without experts)
 */
public record EvaluationResult(
    int segments,
    int recordings,
    double segmentAccuracy,
    double recordingAccuracy,
    double macroF1,
    double[] precision,
    double[] recall,
    double[] f1,
    long[][] confusion,
    double classLoss,
    double sizeAccuracy,
    double sizeMae,
    List<GateDiagnostics> gates) {

  /**
   * Computes every metric from predictions.
   *
   * @param p the predictions with their labels (at least one segment)
   * @param numClasses C
   * @param head the model's size head
   * @return the result
   */
  public static EvaluationResult of(Predictions p, int numClasses, SizeHead head) {
    int[] truth = p.classLabels();
    long[][] cm = Metrics.confusion(truth, p.predictedClasses(), numClasses);
    List<int[]> rec = Metrics.recordingPredictions(p.classProbs(), truth, p.recordingIds());
    long recHits = rec.stream().filter(r -> r[0] == r[1]).count();
    double sizeAcc = Double.NaN;
    double sizeMae = Double.NaN;
    if (head == SizeHead.LEVELS && p.sizeOutput() != null) {
      int hit = 0;
      int n = 0;
      for (int i = 0; i < p.size(); i++) {
        if (p.sizeLevels()[i] >= 0) {
          n++;
          hit += Metrics.argMax(p.sizeOutput()[i]) == p.sizeLevels()[i] ? 1 : 0;
        }
      }
      sizeAcc = n == 0 ? Double.NaN : (double) hit / n;
    } else if (head == SizeHead.REGRESSION && p.sizeOutput() != null) {
      double s = 0;
      int n = 0;
      for (int i = 0; i < p.size(); i++) {
        if (!Float.isNaN(p.sizeValues()[i])) {
          n++;
          s += Math.abs(p.sizeOutput()[i][0] - p.sizeValues()[i]);
        }
      }
      sizeMae = n == 0 ? Double.NaN : s / n;
    }
    List<GateDiagnostics> gates = new ArrayList<>();
    for (int t = 0; t < p.gateWeights().size(); t++) {
      gates.add(Metrics.gates(t, p.gateWeights().get(t), truth, numClasses));
    }
    return new EvaluationResult(
        p.size(),
        rec.size(),
        Metrics.accuracy(cm),
        rec.isEmpty() ? Double.NaN : (double) recHits / rec.size(),
        Metrics.macroF1(cm),
        Metrics.precision(cm),
        Metrics.recall(cm),
        Metrics.f1(cm),
        cm,
        Metrics.crossEntropy(p.classProbs(), truth),
        sizeAcc,
        sizeMae,
        gates);
  }
}
