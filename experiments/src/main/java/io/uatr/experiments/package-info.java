/** Typed configuration, experiment runner and reports. */
package io.uatr.experiments;
