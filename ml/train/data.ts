// Training data: labelled cases pre-processed once (fingerprint and plan from the labelled training cases only),
// then patches drawn per micro-batch with the sampler and the augmentation pipeline.
//
// Reference: spec §3.4 (labelled pipeline), §5 (pre-processing); nnunetv2 `nnUNetDataLoader`: each sample of a
// batch picks a training case uniformly at random (with replacement), then a (possibly foreground-centred) patch,
// then the augmentation. Class locations as nnU-Net's preprocessor (fixed seed 1234 per case).
import * as tf from '@tensorflow/tfjs';
import type { AugmentConfig } from '../data/augment/config.js';
import { noAugmentation, resolveAugmentConfig } from '../data/augment/config.js';
import { drawTrainingPatch } from '../data/augment/training-sample.js';
import type { Volume } from '../data/io/volume.js';
import type { DatasetFingerprint } from '../data/preprocess/fingerprint.js';
import { computeFingerprint } from '../data/preprocess/fingerprint.js';
import type { Shape3 } from '../data/preprocess/layout.js';
import type { PreprocessPlan } from '../data/preprocess/plan.js';
import { planFromFingerprint } from '../data/preprocess/plan.js';
import type { CaseProperties } from '../data/preprocess/preprocess-case.js';
import { preprocessCase } from '../data/preprocess/preprocess-case.js';
import type { ClassLocations } from '../data/sample/class-locations.js';
import { computeClassLocations } from '../data/sample/class-locations.js';
import { initialPatchSize } from '../data/sample/initial-patch-size.js';
import type { PatchSamplerConfig } from '../data/sample/patch-sampler.js';
import { resolvePatchSamplerConfig, samplePatch } from '../data/sample/patch-sampler.js';
import { createRng, type Rng } from '../util/rng.js';
import type { TrainerConfig } from './config.js';

export interface LabeledCase {
  id: string;
  image: Volume;
  label: Volume;
}

/** A case in the network grid, ready for patch sampling. */
export interface PreparedCase {
  id: string;
  data: Float32Array;
  label: Uint8Array;
  shape: Shape3;
  classLocations: ClassLocations;
  properties: CaseProperties;
}

/** An unlabelled scan in the network grid (semi-supervised stages). */
export interface PreparedImage {
  id: string;
  data: Float32Array;
  shape: Shape3;
  properties: CaseProperties;
}

export interface TrainingData {
  plan: PreprocessPlan;
  /** Null when the plan was given (e.g. taken from a checkpoint on resume). */
  fingerprint: DatasetFingerprint | null;
  train: PreparedCase[];
  val: PreparedCase[];
  /** Unlabelled scans, pre-processed with the same plan (never used for the fingerprint). */
  unlabeled: PreparedImage[];
}

/** One labelled micro-batch: image [B, D0, D1, D2, 1] float32, label [B, D0, D1, D2, 1] int32 class ids. */
export interface LabeledBatch {
  kind: 'labeled';
  image: tf.Tensor5D;
  label: tf.Tensor5D;
}

export function prepareCase(c: LabeledCase, plan: PreprocessPlan): PreparedCase {
  const p = preprocessCase(c.image, c.label, plan);
  const label = p.label!;
  return {
    id: c.id,
    data: p.data,
    label,
    shape: p.shape,
    classLocations: computeClassLocations(label, createRng(1234)),
    properties: p.properties,
  };
}

export function prepareImage(c: { id: string; image: Volume }, plan: PreprocessPlan): PreparedImage {
  const p = preprocessCase(c.image, null, plan);
  return { id: c.id, data: p.data, shape: p.shape, properties: p.properties };
}

/**
 * Pre-processes the training and validation cases (and unlabelled scans). The fingerprint (CT normalisation
 * constants, spacings) is computed from the labelled training cases only, unless a `plan` is given.
 */
export function prepareTrainingData(
  train: readonly LabeledCase[],
  val: readonly LabeledCase[],
  opts: {
    plan?: PreprocessPlan;
    fingerprintSamples?: number;
    targetSpacing?: Shape3 | null;
    unlabeled?: readonly { id: string; image: Volume }[];
  } = {},
): TrainingData {
  if (train.length === 0) throw new RangeError('training needs at least one labelled case');
  const ids = new Set<string>();
  for (const c of [...train, ...val, ...(opts.unlabeled ?? [])]) {
    if (ids.has(c.id)) throw new RangeError(`case id '${c.id}' appears twice (splits must not overlap)`);
    ids.add(c.id);
  }
  let fingerprint: DatasetFingerprint | null = null;
  let plan = opts.plan;
  if (!plan) {
    fingerprint = computeFingerprint(
      train.map((c) => ({ image: c.image, label: c.label })),
      opts.fingerprintSamples !== undefined ? { totalSamples: opts.fingerprintSamples } : {},
    );
    plan = planFromFingerprint(fingerprint, opts.targetSpacing ? { targetSpacing: opts.targetSpacing } : {});
  }
  return {
    plan,
    fingerprint,
    train: train.map((c) => prepareCase(c, plan)),
    val: val.map((c) => prepareCase(c, plan)),
    unlabeled: (opts.unlabeled ?? []).map((c) => prepareImage(c, plan)),
  };
}

/** How training patches are drawn, resolved from the trainer config and the network patch. */
export interface PatchPipeline {
  sampler: PatchSamplerConfig;
  augment: AugmentConfig;
  mode: 'crop' | 'direct';
}

export function patchPipeline(config: TrainerConfig, patch: Shape3): PatchPipeline {
  const augment = resolveAugmentConfig(
    config.augmentation === false ? noAugmentation() : config.augmentation,
  );
  const s = augment.spatial;
  const spatial = s.rotationProbability > 0 || s.scalingProbability > 0;
  const maxRot = Math.max(Math.abs(s.rotationRange[0]), Math.abs(s.rotationRange[1]));
  // Reference: nnU-Net enlarges the crop for the rotation range and a scale of 0.85 (`get_patch_size(…, (0.85,
  // 1.25))` in the trainer, whatever the augmentation's own scaling range).
  const crop = spatial ? initialPatchSize(patch, [maxRot, maxRot, maxRot], 0.85) : patch;
  return {
    sampler: resolvePatchSamplerConfig({
      patchSize: crop,
      finalPatchSize: patch,
      foregroundProbability: config.sampling.foregroundProbability,
    }),
    augment,
    mode: config.sampling.mode,
  };
}

function stack(
  images: Float32Array[],
  labels: Uint8Array[],
  patch: Shape3,
): { image: tf.Tensor5D; label: tf.Tensor5D } {
  const n = patch[0] * patch[1] * patch[2];
  const img = new Float32Array(n * images.length);
  const lab = new Int32Array(n * labels.length);
  images.forEach((d, b) => img.set(d, b * n));
  labels.forEach((l, b) => lab.set(l, b * n));
  const shape: [number, number, number, number, number] = [images.length, ...patch, 1];
  return { image: tf.tensor5d(img, shape), label: tf.tensor5d(lab, shape, 'int32') };
}

/** A labelled training micro-batch of `batchSize` augmented patches, every random choice from `rng`. */
export function drawLabeledBatch(
  cases: readonly PreparedCase[],
  pipeline: PatchPipeline,
  batchSize: number,
  rng: Rng,
): LabeledBatch {
  const images: Float32Array[] = [];
  const labels: Uint8Array[] = [];
  for (let b = 0; b < batchSize; b++) {
    const c = cases[rng.int(0, cases.length - 1)]!;
    const p = drawTrainingPatch(c, c.classLocations, pipeline.sampler, pipeline.augment, rng, {
      mode: pipeline.mode,
    });
    images.push(p.data);
    labels.push(p.label!);
  }
  return { kind: 'labeled', ...stack(images, labels, pipeline.sampler.finalPatchSize) };
}

/** A validation micro-batch: un-augmented patches of the final size (same foreground probability). */
export function drawValidationBatch(
  cases: readonly PreparedCase[],
  pipeline: PatchPipeline,
  batchSize: number,
  rng: Rng,
): LabeledBatch {
  const sampler = resolvePatchSamplerConfig({
    patchSize: pipeline.sampler.finalPatchSize,
    foregroundProbability: pipeline.sampler.foregroundProbability,
  });
  const images: Float32Array[] = [];
  const labels: Uint8Array[] = [];
  for (let b = 0; b < batchSize; b++) {
    const c = cases[rng.int(0, cases.length - 1)]!;
    const p = samplePatch(c, sampler, rng, c.classLocations);
    images.push(p.data);
    labels.push(p.label!);
  }
  return { kind: 'labeled', ...stack(images, labels, sampler.patchSize) };
}

export function disposeBatch(b: { image: tf.Tensor; label: tf.Tensor }): void {
  b.image.dispose();
  b.label.dispose();
}
