// One augmented training patch from a preprocessed case: sample the enlarged crop, then augment it to the final
// patch — nnU-Net's labelled data path (spec §3.4: data loader, then the transform pipeline).
//
// Reference: nnunetv2 `nnUNetDataLoader.generate_train_batch` followed by `get_training_transforms`.
// mode 'crop' (default) follows the reference: crop the enlarged patch (zero padding), augment that.
// mode 'direct' samples the final patch straight from the whole case around the same centre: no enlarged copy,
// identical while the rotated/scaled region stays inside the enlarged crop; beyond it the reference sees the
// crop's zero padding and 'direct' sees real image data.
import type { Rng } from '../../util/rng.js';
import type { ClassLocations } from '../sample/class-locations.js';
import type { PatchBox, PatchSamplerConfig } from '../sample/patch-sampler.js';
import { samplePatch, samplePatchBox } from '../sample/patch-sampler.js';
import type { AugmentConfig } from './config.js';
import type { AugmentedPatch } from './pipeline.js';
import { augmentPatch } from './pipeline.js';
import type { SpatialSource } from './spatial.js';

export interface TrainingPatchOptions {
  mode?: 'crop' | 'direct';
  /** Overrides the sampler's foreground probability for this patch (e.g. nnU-Net's positional rule). */
  forceForeground?: boolean;
}

export function drawTrainingPatch(
  sample: SpatialSource,
  classLocations: ClassLocations | undefined,
  sampler: PatchSamplerConfig,
  augment: AugmentConfig,
  rng: Rng,
  options: TrainingPatchOptions = {},
): AugmentedPatch & { box: PatchBox } {
  if (options.mode === 'direct') {
    const box = samplePatchBox(sample.shape, sampler, rng, classLocations, options.forceForeground);
    const center = box.lower.map((l, d) => l + (box.size[d]! - 1) / 2) as [number, number, number];
    return { ...augmentPatch(sample, sampler.finalPatchSize, augment, rng, { center }), box };
  }
  const crop = samplePatch(sample, sampler, rng, classLocations, options.forceForeground);
  const source: SpatialSource = crop.label
    ? { data: crop.data, label: crop.label, shape: crop.shape }
    : { data: crop.data, shape: crop.shape };
  return { ...augmentPatch(source, sampler.finalPatchSize, augment, rng), box: crop.box };
}
