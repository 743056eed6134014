// From a material map to a CBCT-like int16 image: grey values with texture, then blur (partial volume),
// cupping, rings, metal streaks and noise, in that order.

import type { Vec3 } from '../io/volume.js';
import type { Rng } from '../../util/rng.js';
import { MATERIAL, TEXTURE_AMPLITUDE, jitterGreyValues, tableByCode } from './materials.js';
import { gaussianBlur3d } from './blur.js';
import { addValueNoise } from './texture.js';
import { applyCupping, applyMetalStreaks, applyRings, type MetalObject } from './artefacts.js';

/** Grey values of a material map (seeded per-image variation of the levels) plus smooth texture. */
export function shadeMaterials(materials: Uint8Array, dims: Vec3, spacing: Vec3, rng: Rng): Float32Array {
  const grey = tableByCode(jitterGreyValues(() => rng.next()));
  const img = new Float32Array(materials.length);
  for (let n = 0; n < img.length; n++) img[n] = grey[materials[n] as number] as number;
  // Trabecular bone: two octaves (coarse marrow spaces, fine trabeculae); soft tissue and dentine: gentle.
  const textures: [number, number, number][] = [
    [MATERIAL.bone, 0.6 * TEXTURE_AMPLITUDE.bone, 1.6],
    [MATERIAL.bone, 0.4 * TEXTURE_AMPLITUDE.bone, 0.7],
    [MATERIAL.soft, TEXTURE_AMPLITUDE.soft, 6],
    [MATERIAL.dentine, TEXTURE_AMPLITUDE.dentine, 3],
  ];
  for (const [code, amplitude, step] of textures) {
    const seed = Math.floor(rng.next() * 4294967296) | 0;
    addValueNoise(img, materials, code, amplitude, dims, spacing, step, seed);
  }
  return img;
}

export interface FinishOptions {
  /** Gaussian blur sigma (mm); 0 for none. */
  blur: number;
  /** Cupping depth (fraction of the signal above air lost at the centre); 0 for none. */
  cupping: number;
  rings: boolean;
  /** Metal objects casting streaks (may be empty). */
  metals: readonly MetalObject[];
  /** Standard deviation of the additive Gaussian noise (grey values). */
  noise: number;
}

/** Blurs, adds artefacts and noise (all randomness from `rng`), rounds and clamps to int16. */
export function finishImage(
  img: Float32Array,
  dims: Vec3,
  spacing: Vec3,
  opts: FinishOptions,
  rng: Rng,
): Int16Array {
  const artefactRng = rng.fork();
  const noiseRng = rng.fork();
  gaussianBlur3d(img, dims, spacing, opts.blur);
  applyCupping(img, dims, spacing, opts.cupping);
  if (opts.rings) applyRings(img, dims, spacing, artefactRng);
  if (opts.metals.length > 0) applyMetalStreaks(img, dims, spacing, opts.metals, artefactRng);
  const out = new Int16Array(img.length);
  const std = opts.noise;
  for (let n = 0; n < img.length; n++) {
    const v = Math.round((img[n] as number) + (std > 0 ? noiseRng.normal(0, std) : 0));
    out[n] = v < -32768 ? -32768 : v > 32767 ? 32767 : v;
  }
  return out;
}
