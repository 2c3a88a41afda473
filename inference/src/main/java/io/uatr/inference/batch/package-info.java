/**
 * Batch prediction over many files: input expansion, a threaded predictor that writes each input's
 * rows as soon as it is done, the shared row layout and the CSV/JSONL writer with resume.
 */
package io.uatr.inference.batch;
