// Patches of the SSL stages: weak/strong views of the unlabelled scans and DAE patches of every scan. The data
// itself (labelled cases, unlabelled scans, one plan) is the trainer's `TrainingData` (ml/train/data.ts), and so are
// labelled patches.
//
// Reference: spec §3.5 (unlabelled loader: uniformly random crop of the enlarged patch, oversampling 0; weak view =
// the labelled spatial transform + mirroring, no intensity transforms; strong view = the weak view after its
// spatial transform through the intensity-only pipeline), §4.2 (DAE: all labelled + unlabelled scans, one
// uniformly random crop of the patch size per sample, zero padding; recommended there: the nnU-Net-preprocessed
// volumes, which is what we use).
// Deviation: DAE crops come from the pre-processed volumes (CT normalisation with the fingerprint, target spacing),
// as spec §4.2 recommends; the committed reference loader normalises raw volumes with fixed constants, unresampled.
import * as tf from '@tensorflow/tfjs';
import type { AugmentConfig } from '../data/augment/config.js';
import { drawTrainingPatch } from '../data/augment/training-sample.js';
import type { Shape3 } from '../data/preprocess/layout.js';
import { resolvePatchSamplerConfig, samplePatch } from '../data/sample/patch-sampler.js';
import type { PatchPipeline, PreparedCase } from '../train/data.js';
import type { Rng } from '../util/rng.js';
import type { StrongAugmentConfig } from './perturb/strong-config.js';
import { strongView } from './perturb/strong.js';

/** A scan in the network grid (a labelled case's image or an unlabelled scan). */
export interface PreparedScan {
  id: string;
  data: Float32Array;
  shape: Shape3;
}

export function asScan(c: PreparedCase): PreparedScan {
  return { id: c.id, data: c.data, shape: c.shape };
}

/** The weak view's transforms: the labelled pipeline's spatial transform and mirroring, nothing else. */
export function weakAugment(labelled: AugmentConfig): AugmentConfig {
  return {
    ...structuredClone(labelled),
    noise: { ...labelled.noise, probability: 0 },
    blur: { ...labelled.blur, probability: 0 },
    brightness: { ...labelled.brightness, probability: 0 },
    contrast: { ...labelled.contrast, probability: 0 },
    lowResolution: { ...labelled.lowResolution, probability: 0 },
    gammaInverted: { ...labelled.gammaInverted, probability: 0 },
    gamma: { ...labelled.gamma, probability: 0 },
  };
}

const stackImages = (xs: Float32Array[], patch: Shape3): tf.Tensor5D => {
  const n = patch[0] * patch[1] * patch[2];
  const all = new Float32Array(n * xs.length);
  xs.forEach((x, b) => all.set(x, b * n));
  return tf.tensor5d(all, [xs.length, ...patch, 1]);
};

/** `batchSize` weak views, each from a uniformly chosen scan; with `strong`, their strong views too. */
export function drawUnlabeledViews(
  scans: readonly PreparedScan[],
  pipeline: PatchPipeline,
  batchSize: number,
  rng: Rng,
  strong: StrongAugmentConfig | null,
): { weak: tf.Tensor5D; strong: tf.Tensor5D | null } {
  if (scans.length === 0) throw new RangeError('an unlabelled step needs at least one unlabelled scan');
  const sampler = { ...pipeline.sampler, foregroundProbability: 0 };
  const augment = weakAugment(pipeline.augment);
  const patch = sampler.finalPatchSize;
  const weak: Float32Array[] = [];
  const strongs: Float32Array[] = [];
  for (let b = 0; b < batchSize; b++) {
    const s = scans[rng.int(0, scans.length - 1)]!;
    const w = drawTrainingPatch(s, undefined, sampler, augment, rng, { mode: pipeline.mode });
    weak.push(w.data);
    if (strong) strongs.push(strongView(w.data, patch, strong, rng).data);
  }
  return { weak: stackImages(weak, patch), strong: strong ? stackImages(strongs, patch) : null };
}

/** `batchSize` clean DAE patches of `patch`, each a uniformly random crop of a uniformly chosen scan. */
export function drawCleanPatches(
  scans: readonly PreparedScan[],
  patch: Shape3,
  batchSize: number,
  rng: Rng,
): Float32Array[] {
  if (scans.length === 0) throw new RangeError('DAE pre-training needs at least one scan');
  const sampler = resolvePatchSamplerConfig({ patchSize: patch, foregroundProbability: 0 });
  const out: Float32Array[] = [];
  for (let b = 0; b < batchSize; b++)
    out.push(samplePatch(scans[rng.int(0, scans.length - 1)]!, sampler, rng).data);
  return out;
}

export { stackImages };
