package io.uatr.models.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.IndexLoss;
import ai.djl.training.loss.SimpleCompositeLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Times training steps of {@link M3Bench}: loss CE(class) + 0.5 CE(size), Adam with learning rate
 * 1e-3, random input and labels. Needs a DJL engine (e.g. PyTorch) on the run-time class path.
 */
public final class TrainStepBench {

  private static final Logger LOG = LoggerFactory.getLogger(TrainStepBench.class);

  /** Warm-up steps that are not timed. */
  public static final int WARMUP = 5;

  private TrainStepBench() {}

  /**
   * Runs {@link #WARMUP} untimed steps and then {@code steps} timed steps on [32][1][64][256].
   *
   * @param threads intra-op threads; applied through {@code ai.djl.pytorch.num_threads}, which only
   *     takes effect if the engine has not been started yet in this JVM
   * @param steps timed steps (&gt;= 1)
   * @return mean wall time of one timed step in milliseconds
   */
  public static double run(int threads, int steps) {
    return measure(threads, steps, M3Bench.INPUT.get(0), WARMUP).meanWallMs();
  }

  /**
   * As {@link #run(int, int)} with a chosen batch size and warm-up count, reporting wall and CPU
   * time. The CPU time is that of the calling thread, which with one intra-op thread does all the
   * work of a CPU step; unlike wall time it is not inflated by other processes on a busy machine.
   *
   * @param threads intra-op threads (see {@link #run(int, int)})
   * @param steps timed steps (&gt;= 1)
   * @param batch batch size (&gt;= 1); input [batch][1][64][256]
   * @param warmup untimed steps before timing (&gt;= 0)
   * @return mean wall and calling-thread CPU time of one timed step, and the last loss
   */
  public static StepTimes measure(int threads, int steps, long batch, int warmup) {
    if (threads < 1 || steps < 1 || batch < 1 || warmup < 0) {
      throw new IllegalArgumentException(
          "bench needs threads >= 1, steps >= 1, batch >= 1, warmup >= 0; was "
              + threads
              + ", "
              + steps
              + ", "
              + batch
              + ", "
              + warmup);
    }
    System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
    System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
    Engine engine = Engine.getInstance();
    LOG.info(
        "engine {} {}, {} threads requested", engine.getEngineName(), engine.getVersion(), threads);
    Shape input = new Shape(batch, 1, M3Bench.INPUT.get(2), M3Bench.INPUT.get(3));
    SimpleCompositeLoss loss =
        new SimpleCompositeLoss()
            .addLoss(new IndexLoss(new SoftmaxCrossEntropyLoss("class"), 0, 0))
            .addLoss(
                new IndexLoss(new SoftmaxCrossEntropyLoss("size", 0.5f, -1, true, true), 1, 1));
    DefaultTrainingConfig config =
        new DefaultTrainingConfig(loss)
            .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(1e-3f)).build());
    try (Model model = Model.newInstance("m3-bench")) {
      model.setBlock(M3Bench.build());
      try (Trainer trainer = model.newTrainer(config)) {
        trainer.initialize(input);
        NDManager manager = trainer.getManager();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double totalMs = 0;
        double totalCpuMs = 0;
        float lastLoss = Float.NaN;
        int nonFinite = 0;
        for (int step = 0; step < warmup + steps; step++) {
          try (NDManager batchManager = manager.newSubManager()) {
            NDArray x = batchManager.randomNormal(input);
            NDArray classLabels =
                batchManager.randomInteger(0, M3Bench.CLASSES, new Shape(batch), DataType.INT64);
            NDArray sizeLabels =
                batchManager.randomInteger(
                    0, M3Bench.SIZE_LEVELS, new Shape(batch), DataType.INT64);
            long start = System.nanoTime();
            long cpuStart = mx.getCurrentThreadCpuTime();
            float value;
            try (GradientCollector gc = trainer.newGradientCollector()) {
              NDList preds = trainer.forward(new NDList(x));
              NDArray l = loss.evaluate(new NDList(classLabels, sizeLabels), preds);
              gc.backward(l);
              value = l.getFloat();
            }
            trainer.step();
            double ms = (System.nanoTime() - start) / 1e6;
            double cpuMs = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            if (step >= warmup) {
              totalMs += ms;
              totalCpuMs += cpuMs;
            }
            lastLoss = value;
            if (!Float.isFinite(value)) {
              nonFinite++;
              LOG.warn("m3-bench: loss {} at step {}", value, step);
            }
            LOG.debug("step {} loss {} {} ms", step, value, ms);
          }
        }
        StepTimes times =
            new StepTimes(totalMs / steps, totalCpuMs / steps, steps, lastLoss, nonFinite);
        LOG.info("m3-bench (batch {}): {}", batch, times);
        return times;
      }
    }
  }
}
