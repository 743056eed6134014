// Training augmentation settings as typed data, defaulting to the stock nnU-Net v2 pipeline.
//
// Reference: spec §3.4 table (rows 1–9); nnunetv2 `nnUNetTrainer.get_training_transforms` with batchgeneratorsv2
// semantics. Probabilities are "apply this transform to the patch"; `channelProbability` is batchgeneratorsv2's
// p_per_channel, drawn after the transform-level probability (our images have one channel, so blur is effectively
// applied with 0.2·0.5 and low resolution with 0.25·0.5, as in the reference).
// Labels in the spatial transform: 'linear' is the reference (mode_seg 'bilinear', bg_style_seg_sampling False:
// per-label indicator interpolation, largest wins); 'nearest' is available.
// The unlabeled-data "strong" pipeline (spec §3.5) is a separate piece and not configured here.

export type Range = [number, number];

export interface AugmentConfig {
  spatial: {
    rotationProbability: number;
    /** Radians, sampled independently per axis. */
    rotationRange: Range;
    scalingProbability: number;
    /** Isotropic; > 1 samples a larger region (objects get smaller). */
    scalingRange: Range;
    labelInterpolation: 'linear' | 'nearest';
  };
  noise: { probability: number; stdRange: Range };
  blur: { probability: number; channelProbability: number; sigmaRange: Range };
  brightness: { probability: number; factorRange: Range };
  contrast: { probability: number; factorRange: Range; preserveRange: boolean };
  lowResolution: { probability: number; channelProbability: number; zoomRange: Range };
  gammaInverted: { probability: number; gammaRange: Range; retainStats: boolean };
  gamma: { probability: number; gammaRange: Range; retainStats: boolean };
  mirror: { axes: number[]; probability: number };
}

const DEG30 = Math.PI / 6;

export const AUGMENT_DEFAULTS: AugmentConfig = {
  spatial: {
    rotationProbability: 0.2,
    rotationRange: [-DEG30, DEG30],
    scalingProbability: 0.2,
    scalingRange: [0.7, 1.4],
    labelInterpolation: 'linear',
  },
  noise: { probability: 0.1, stdRange: [0, 0.1] },
  blur: { probability: 0.2, channelProbability: 0.5, sigmaRange: [0.5, 1] },
  brightness: { probability: 0.15, factorRange: [0.75, 1.25] },
  contrast: { probability: 0.15, factorRange: [0.75, 1.25], preserveRange: true },
  lowResolution: { probability: 0.25, channelProbability: 0.5, zoomRange: [0.5, 1] },
  gammaInverted: { probability: 0.1, gammaRange: [0.7, 1.5], retainStats: true },
  gamma: { probability: 0.3, gammaRange: [0.7, 1.5], retainStats: true },
  mirror: { axes: [0, 1, 2], probability: 0.5 },
};

export type AugmentOverrides = { [K in keyof AugmentConfig]?: Partial<AugmentConfig[K]> };

/** Every transform switched off (probability 0); useful as a base for tests and ablations. */
export function noAugmentation(): AugmentOverrides {
  return {
    spatial: { rotationProbability: 0, scalingProbability: 0 },
    noise: { probability: 0 },
    blur: { probability: 0 },
    brightness: { probability: 0 },
    contrast: { probability: 0 },
    lowResolution: { probability: 0 },
    gammaInverted: { probability: 0 },
    gamma: { probability: 0 },
    mirror: { probability: 0 },
  };
}

function probability(p: number, field: string): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1))
    throw new RangeError(`${field} must be in [0, 1], got ${p}`);
}

function range(r: Range, field: string, min: number, minInclusive: boolean, max = Infinity): void {
  const ok = (x: number) => Number.isFinite(x) && (minInclusive ? x >= min : x > min) && x <= max;
  if (!Array.isArray(r) || r.length !== 2 || !ok(r[0]) || !ok(r[1]) || r[0] > r[1]) {
    throw new RangeError(
      `${field} must be [lo, hi] with ${min} ${minInclusive ? '≤' : '<'} lo ≤ hi ≤ ${max}, got ${JSON.stringify(r)}`,
    );
  }
}

/** Defaults merged with `overrides`, validated (RangeError naming the field). */
export function resolveAugmentConfig(overrides: AugmentOverrides = {}): AugmentConfig {
  const d = AUGMENT_DEFAULTS;
  const c: AugmentConfig = {
    spatial: { ...d.spatial, ...overrides.spatial },
    noise: { ...d.noise, ...overrides.noise },
    blur: { ...d.blur, ...overrides.blur },
    brightness: { ...d.brightness, ...overrides.brightness },
    contrast: { ...d.contrast, ...overrides.contrast },
    lowResolution: { ...d.lowResolution, ...overrides.lowResolution },
    gammaInverted: { ...d.gammaInverted, ...overrides.gammaInverted },
    gamma: { ...d.gamma, ...overrides.gamma },
    mirror: { ...d.mirror, ...overrides.mirror },
  };
  probability(c.spatial.rotationProbability, 'spatial.rotationProbability');
  probability(c.spatial.scalingProbability, 'spatial.scalingProbability');
  range(c.spatial.rotationRange, 'spatial.rotationRange', -Math.PI, true, Math.PI);
  range(c.spatial.scalingRange, 'spatial.scalingRange', 0, false);
  if (c.spatial.labelInterpolation !== 'linear' && c.spatial.labelInterpolation !== 'nearest') {
    throw new RangeError(`spatial.labelInterpolation must be 'linear' or 'nearest'`);
  }
  probability(c.noise.probability, 'noise.probability');
  range(c.noise.stdRange, 'noise.stdRange', 0, true);
  probability(c.blur.probability, 'blur.probability');
  probability(c.blur.channelProbability, 'blur.channelProbability');
  range(c.blur.sigmaRange, 'blur.sigmaRange', 0, false);
  probability(c.brightness.probability, 'brightness.probability');
  range(c.brightness.factorRange, 'brightness.factorRange', 0, false);
  probability(c.contrast.probability, 'contrast.probability');
  range(c.contrast.factorRange, 'contrast.factorRange', 0, false);
  probability(c.lowResolution.probability, 'lowResolution.probability');
  probability(c.lowResolution.channelProbability, 'lowResolution.channelProbability');
  range(c.lowResolution.zoomRange, 'lowResolution.zoomRange', 0, false, 1);
  for (const key of ['gammaInverted', 'gamma'] as const) {
    probability(c[key].probability, `${key}.probability`);
    range(c[key].gammaRange, `${key}.gammaRange`, 0, false);
  }
  probability(c.mirror.probability, 'mirror.probability');
  const axes = c.mirror.axes;
  if (
    !Array.isArray(axes) ||
    !axes.every((a) => a === 0 || a === 1 || a === 2) ||
    new Set(axes).size !== axes.length
  ) {
    throw new RangeError(`mirror.axes must be distinct values of 0, 1, 2, got ${JSON.stringify(axes)}`);
  }
  return c;
}
