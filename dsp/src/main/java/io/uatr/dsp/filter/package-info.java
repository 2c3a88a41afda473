/**
 * IIR filters (Butterworth, second-order sections), zero-phase filtering and band-limited
 * resampling.
 *
 * <p>Design functions return second-order sections in SciPy's layout: {@code double[nSections][6]},
 * each row {@code b0, b1, b2, a0, a1, a2} with {@code a0 == 1}. Signals are plain {@code float[]};
 * all filter state and accumulation is in double precision.
 */
package io.uatr.dsp.filter;
