package io.uatr.training;

import java.nio.file.Path;

/**
 * Child-process entry point of {@link KillResumeTest}: trains {@link KillResumeTest#config()} on
 * {@link KillResumeTest#data()} into the given run directory, announces each epoch on stdout and
 * stalls in the given batch of the given epoch so that the parent can kill it mid-epoch.
 */
public final class KillTarget {

  private KillTarget() {}

  /**
   * Runs the training.
   *
   * @param args run directory, epoch to stall in, batch to stall in
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int stallEpoch = Integer.parseInt(args[1]);
    int stallBatch = Integer.parseInt(args[2]);
    try (MultiTaskTrainer t =
        new MultiTaskTrainer(KillResumeTest.spec(), KillResumeTest.config(), 42, dir)) {
      t.setListener(
          new ProgressListener() {
            @Override
            public void onBatch(int epoch, int batch, int batches, double loss, double acc) {
              if (epoch == stallEpoch && batch == stallBatch) {
                System.out.println("STALL");
                System.out.flush();
                try {
                  Thread.sleep(120_000);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            }

            @Override
            public void onEpoch(EpochMetrics m) {
              System.out.println("EPOCH " + m.epoch());
              System.out.flush();
            }
          });
      t.fit(KillResumeTest.data());
    }
    System.out.println("DONE");
  }
}
