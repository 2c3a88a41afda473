/**
 * Building blocks: backbones (small CNN, one-channel ResNet-18), expert layers, gates (dense
 * softmax with gate dropout, noisy top-k, hard top-1), auxiliary gate losses, and layout helpers.
 */
package io.uatr.models.blocks;
