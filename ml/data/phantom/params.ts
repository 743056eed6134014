// Parameters of the procedural phantom: types, defaults and validation.

import type { Vec3 } from '../io/volume.js';

export type JawSelection = 'lower' | 'upper' | 'both';

export interface PhantomArtefacts {
  /** One or two metal fillings in crowns with bright/dark streaks (default false). */
  metal?: boolean;
  /** Cupping depth: fraction of the signal above air lost at the rotation axis, 0…0.5 (default 0). */
  cupping?: number;
  /** Concentric ring artefacts around the rotation axis (default false). */
  rings?: boolean;
}

export interface PhantomParams {
  /** Integer seed; the same parameters give byte-identical volumes. */
  seed: number;
  /** Voxels along x, y, z (each 24…1024, default [96, 96, 64]). */
  size?: Vec3;
  /** Voxel size in mm (each in (0, 10], default [0.4, 0.4, 0.4]). The anatomy is scaled to the field of view. */
  spacing?: Vec3;
  /** Teeth per jaw, 1…16 (default 8); 'both' jaws hold twice as many. */
  teeth?: number;
  /** Standard deviation of the additive Gaussian noise in grey values, 0…1000 (default 50). */
  noise?: number;
  /** Gaussian blur sigma in mm, 0…5 (default 0.3, i.e. about 0.7 mm FWHM). */
  blur?: number;
  artefacts?: PhantomArtefacts;
  /** Which dental arch(es) to build (default 'lower'). */
  jaw?: JawSelection;
}

export interface ResolvedPhantomParams extends Required<PhantomParams> {
  artefacts: Required<PhantomArtefacts>;
}

export const PHANTOM_DEFAULTS: Readonly<Omit<ResolvedPhantomParams, 'seed'>> = Object.freeze({
  size: [96, 96, 64] as Vec3,
  spacing: [0.4, 0.4, 0.4] as Vec3,
  teeth: 8,
  noise: 50,
  blur: 0.3,
  artefacts: { metal: false, cupping: 0, rings: false },
  jaw: 'lower' as JawSelection,
});

const JAWS: readonly JawSelection[] = ['lower', 'upper', 'both'];
const MAX_VOXELS = 256 * 1024 * 1024;

/** Fills in defaults and checks every value; throws a RangeError naming the bad parameter. */
export function resolvePhantomParams(params: PhantomParams): ResolvedPhantomParams {
  if (params === null || typeof params !== 'object')
    throw new RangeError('phantom parameters must be an object');
  const { seed } = params;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed)) {
    throw new RangeError(`phantom seed must be a safe integer, got ${String(seed)}`);
  }
  const size = triple('size', params.size ?? PHANTOM_DEFAULTS.size);
  if (!size.every((n) => Number.isInteger(n) && n >= 24 && n <= 1024)) {
    throw new RangeError(`phantom size must be three integers in [24, 1024], got ${size.join('×')}`);
  }
  if (size[0] * size[1] * size[2] > MAX_VOXELS) {
    throw new RangeError(`phantom size ${size.join('×')} exceeds ${MAX_VOXELS} voxels`);
  }
  const spacing = triple('spacing', params.spacing ?? PHANTOM_DEFAULTS.spacing);
  if (!spacing.every((s) => Number.isFinite(s) && s > 0 && s <= 10)) {
    throw new RangeError(`phantom spacing must be three numbers in (0, 10] mm, got ${spacing.join(', ')}`);
  }
  const teeth = params.teeth ?? PHANTOM_DEFAULTS.teeth;
  if (!Number.isInteger(teeth) || teeth < 1 || teeth > 16) {
    throw new RangeError(`phantom teeth must be an integer in [1, 16], got ${String(teeth)}`);
  }
  const noise = inRange('noise', params.noise ?? PHANTOM_DEFAULTS.noise, 0, 1000);
  const blur = inRange('blur', params.blur ?? PHANTOM_DEFAULTS.blur, 0, 5);
  const jaw = params.jaw ?? PHANTOM_DEFAULTS.jaw;
  if (!JAWS.includes(jaw))
    throw new RangeError(`phantom jaw must be one of ${JAWS.join(', ')}, got ${String(jaw)}`);
  const a = params.artefacts ?? {};
  if (a === null || typeof a !== 'object') throw new RangeError('phantom artefacts must be an object');
  const metal = a.metal ?? PHANTOM_DEFAULTS.artefacts.metal;
  const rings = a.rings ?? PHANTOM_DEFAULTS.artefacts.rings;
  if (typeof metal !== 'boolean') throw new RangeError(`phantom artefacts.metal must be a boolean`);
  if (typeof rings !== 'boolean') throw new RangeError(`phantom artefacts.rings must be a boolean`);
  const cupping = inRange('artefacts.cupping', a.cupping ?? PHANTOM_DEFAULTS.artefacts.cupping, 0, 0.5);
  return { seed, size, spacing, teeth, noise, blur, jaw, artefacts: { metal, cupping, rings } };
}

function triple(name: string, v: unknown): Vec3 {
  if (!Array.isArray(v) || v.length !== 3 || !v.every((x) => typeof x === 'number')) {
    throw new RangeError(`phantom ${name} must be an array of three numbers`);
  }
  return [v[0] as number, v[1] as number, v[2] as number];
}

function inRange(name: string, v: unknown, lo: number, hi: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
    throw new RangeError(`phantom ${name} must be a number in [${lo}, ${hi}], got ${String(v)}`);
  }
  return v;
}
