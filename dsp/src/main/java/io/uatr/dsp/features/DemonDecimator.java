package io.uatr.dsp.features;

import io.uatr.dsp.filter.Butterworth;
import io.uatr.dsp.filter.ButterworthSpec;
import io.uatr.dsp.filter.SosFilter;

/**
 * One streaming decimation stage for the DEMON envelope: an order-8 Butterworth low-pass at 0.8
 * times the output Nyquist frequency, then every {@code factor}-th sample, starting with the first.
 * Factor 1 passes samples through unfiltered. (Private to DEMON: {@code io.uatr.dsp.filter} had no
 * decimator when this was written.)
 */
final class DemonDecimator {
  private final int factor;
  private final SosFilter lowPass;
  private int phase;

  /**
   * @param factor decimation factor, &gt;= 1
   * @param inputRate input sample rate in Hz
   */
  DemonDecimator(int factor, double inputRate) {
    this.factor = factor;
    this.lowPass =
        factor == 1
            ? null
            : new SosFilter(
                Butterworth.design(
                    ButterworthSpec.lowPass(
                        DemonLayout.DECIMATION_FILTER_ORDER,
                        DemonLayout.DECIMATION_CUTOFF * inputRate / (2.0 * factor),
                        inputRate)));
  }

  /**
   * Filters {@code buf[off, off+len)} and compacts the kept samples to {@code buf[off, off+m)}.
   *
   * @return m, the number of output samples
   */
  int process(float[] buf, int off, int len) {
    if (lowPass == null) {
      return len;
    }
    lowPass.process(buf, off, len);
    int j = off;
    int p = phase;
    for (int i = off; i < off + len; i++) {
      if (p == 0) {
        buf[j++] = buf[i];
      }
      if (++p == factor) {
        p = 0;
      }
    }
    phase = p;
    return j - off;
  }
}
