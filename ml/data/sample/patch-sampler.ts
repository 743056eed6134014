// Training patches from a preprocessed case [D0, D1, D2]: uniformly random, or centred on a foreground voxel.
//
// Reference: spec §3.4; nnunetv2/training/dataloading/data_loader.py (`nnUNetDataLoader.get_bbox`,
// `generate_train_batch`): the crop is `patchSize` (the enlarged initial patch); it may stick out of the image by
// need = patchSize − finalPatchSize (more if the image is smaller than the patch): lower bounds range over
// [⌊−need/2⌋, shape + ⌊need/2⌋ + need mod 2 − patchSize] (Python's `-need // 2` floors the negated value). A
// foreground patch picks a class uniformly among the classes present, a voxel uniformly among its stored
// locations, and puts that voxel at index ⌊patch/2⌋ of the patch. Outside the image the crop is padded.
// Padding values: image 0 (in normalised units, as nnU-Net), label 0.
// Deviation: nnU-Net pads the label with −1 and maps −1 → 0 before the loss (no ignore label in STSR), so 0 is
// equivalent downstream and keeps labels unsigned.
// Deviation: foreground patches are also clamped to the upper bound (nnU-Net clamps only the lower one, so its
// foreground patches can stick out further than random ones); every patch lies within the padded extent.
// Deviation: whether a patch is forced to contain foreground is a per-patch probability; nnU-Net's rule is
// positional within a batch (`nnunetForcesForeground`), which with batch size 1 never forces (spec §3.4).
import type { Rng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { assertShape, shapeSize } from '../preprocess/layout.js';
import { roundHalfEven } from '../preprocess/numeric.js';
import type { ClassLocations } from './class-locations.js';

export interface PatchSamplerConfig {
  /** Size of the crop taken from the case (nnU-Net's enlarged `initial_patch_size` when augmenting). */
  patchSize: Shape3;
  /** Size the network finally sees (after the spatial transform); default `patchSize`. */
  finalPatchSize: Shape3;
  /** Probability that a patch is centred on a foreground voxel (nnU-Net configures 0.33). */
  foregroundProbability: number;
}

export const FOREGROUND_PROBABILITY_DEFAULT = 0.33;

export function resolvePatchSamplerConfig(
  c: Partial<PatchSamplerConfig> & Pick<PatchSamplerConfig, 'patchSize'>,
): PatchSamplerConfig {
  assertShape(c.patchSize, 'patchSize');
  const finalPatchSize = c.finalPatchSize ?? c.patchSize;
  assertShape(finalPatchSize, 'finalPatchSize');
  if (finalPatchSize.some((s, d) => s > c.patchSize[d]!)) {
    throw new RangeError('finalPatchSize must not exceed patchSize on any axis');
  }
  const p = c.foregroundProbability ?? FOREGROUND_PROBABILITY_DEFAULT;
  if (!(p >= 0 && p <= 1)) throw new RangeError(`foregroundProbability must be in [0, 1], got ${p}`);
  return {
    patchSize: [...c.patchSize] as Shape3,
    finalPatchSize: [...finalPatchSize] as Shape3,
    foregroundProbability: p,
  };
}

/** nnU-Net's positional rule: sample j of a batch is forced to foreground iff j ≥ round(batch·(1 − p)). */
export function nnunetForcesForeground(
  sampleIndex: number,
  batchSize: number,
  oversamplePercent: number,
): boolean {
  return sampleIndex >= roundHalfEven(batchSize * (1 - oversamplePercent));
}

export interface PatchBox {
  /** Lower corner in the case's voxel grid (may be negative: padding). */
  lower: Shape3;
  size: Shape3;
  /** Class the patch was centred on; null for a uniformly random patch. */
  centredOnClass: number | null;
}

/** Range [lo, hi] of valid lower corners per axis. */
export function lowerCornerRange(shape: Shape3, config: PatchSamplerConfig): { lo: Shape3; hi: Shape3 } {
  const lo = [0, 0, 0] as Shape3;
  const hi = [0, 0, 0] as Shape3;
  for (let d = 0; d < 3; d++) {
    const patch = config.patchSize[d]!;
    let need = patch - config.finalPatchSize[d]!;
    if (need + shape[d]! < patch) need = patch - shape[d]!;
    lo[d] = 0 - Math.ceil(need / 2); // Python: (-need) // 2
    hi[d] = shape[d]! + Math.floor(need / 2) + (need % 2) - patch;
  }
  return { lo, hi };
}

/**
 * Chooses a patch. `forceForeground` overrides the configured probability (e.g. with nnU-Net's positional rule).
 */
export function samplePatchBox(
  shape: Shape3,
  config: PatchSamplerConfig,
  rng: Rng,
  classLocations?: ClassLocations,
  forceForeground?: boolean,
): PatchBox {
  const { lo, hi } = lowerCornerRange(shape, config);
  const wantForeground = forceForeground ?? rng.chance(config.foregroundProbability);
  if (wantForeground && classLocations) {
    const eligible = [...classLocations.entries()]
      .filter(([, locs]) => locs.length > 0)
      .sort((a, b) => a[0] - b[0]);
    if (eligible.length > 0) {
      const [cls, locs] = eligible[rng.int(0, eligible.length - 1)]!;
      const v = locs[rng.int(0, locs.length - 1)]!;
      const voxel = [
        Math.floor(v / (shape[1] * shape[2])),
        Math.floor(v / shape[2]) % shape[1],
        v % shape[2],
      ];
      const lower = [0, 1, 2].map((d) =>
        Math.min(hi[d]!, Math.max(lo[d]!, voxel[d]! - Math.floor(config.patchSize[d]! / 2))),
      ) as Shape3;
      return { lower, size: [...config.patchSize] as Shape3, centredOnClass: cls };
    }
  }
  const lower = [0, 1, 2].map((d) => rng.int(lo[d]!, hi[d]!)) as Shape3;
  return { lower, size: [...config.patchSize] as Shape3, centredOnClass: null };
}

/** Copies `box` out of an array of network shape `shape`, padding with `pad` outside. */
export function cropWithPadding<T extends Float32Array | Uint8Array>(
  src: T,
  shape: Shape3,
  box: PatchBox,
  pad = 0,
): T {
  const [s0, s1, s2] = box.size;
  const out = new (src.constructor as new (n: number) => T)(shapeSize(box.size));
  if (pad !== 0) out.fill(pad);
  const [l0, l1, l2] = box.lower;
  const c0 = Math.max(0, -l2);
  const c1 = Math.min(s2, shape[2] - l2);
  if (c1 <= c0) return out;
  for (let a = 0; a < s0; a++) {
    const ia = l0 + a;
    if (ia < 0 || ia >= shape[0]) continue;
    for (let b = 0; b < s1; b++) {
      const ib = l1 + b;
      if (ib < 0 || ib >= shape[1]) continue;
      const srcRow = (ia * shape[1] + ib) * shape[2] + l2;
      out.set(src.subarray(srcRow + c0, srcRow + c1), (a * s1 + b) * s2 + c0);
    }
  }
  return out;
}

export interface Patch {
  data: Float32Array;
  label: Uint8Array | undefined;
  shape: Shape3;
  box: PatchBox;
}

/** A patch of a preprocessed case (image padded with 0, label with 0). */
export function samplePatch(
  sample: { data: Float32Array; label?: Uint8Array; shape: Shape3 },
  config: PatchSamplerConfig,
  rng: Rng,
  classLocations?: ClassLocations,
  forceForeground?: boolean,
): Patch {
  const box = samplePatchBox(sample.shape, config, rng, classLocations, forceForeground);
  return {
    data: cropWithPadding(sample.data, sample.shape, box, 0),
    label: sample.label ? cropWithPadding(sample.label, sample.shape, box, 0) : undefined,
    shape: [...box.size] as Shape3,
    box,
  };
}
