/**
 * Training-time augmentation of [bins][frames] feature matrices: SpecAugment masks, CutMix, mixup,
 * gain and additive noise, each a pure static function, combined per batch by {@link
 * io.uatr.training.augment.Augmenter}.
 */
package io.uatr.training.augment;
