/** The m3-bench network and a training-step timer; they need a DJL engine only at run time. */
package io.uatr.models.bench;
