/** Distributed batch inference on Apache Spark with the rows of {@code uatr predict}. */
package io.uatr.spark;
