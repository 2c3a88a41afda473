/** Normalisation of audio segments and feature matrices (mean-variance). */
package io.uatr.dsp.norm;
