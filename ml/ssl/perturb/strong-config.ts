// Settings of the strong (unlabelled) view's intensity perturbations as typed data; defaults are the STSR
// trainer's `_saug` values (the base class's lower probabilities are not used).
//
// Reference: spec §3.5 table (rows 1–9). Factor laws: brightness, contrast and gamma use batchgeneratorsv2
// `BGContrast` over the given range (with p 0.5 U(lo, 1), else U(1, hi)).
import type { Range } from '../../data/augment/config.js';

export interface StrongAugmentConfig {
  /** Row 1: one of {median filter, Gaussian blur} chosen uniformly, then applied with its own probability. */
  smoothing: { medianProbability: number; medianSize: Range; blurProbability: number; blurSigma: Range };
  noise: { probability: number; stdRange: Range };
  brightness: { probability: number; factorRange: Range };
  /** Row 4: one of {contrast preserving range, not preserving}, chosen uniformly, each with this probability. */
  contrast: { probability: number; factorRange: Range };
  lowResolution: { probability: number; zoomRange: Range };
  gammaInverted: { probability: number; gammaRange: Range };
  gamma: { probability: number; gammaRange: Range };
  /** Row 8: 1…maxCount boxes (randint(1, 5) → 1…4) set to `value`. */
  blankRectangles: { probability: number; maxCount: number; value: number };
  sharpen: { probability: number; strengthRange: Range };
}

export const STRONG_DEFAULTS: Readonly<StrongAugmentConfig> = Object.freeze({
  smoothing: { medianProbability: 0.5, medianSize: [2, 7], blurProbability: 0.5, blurSigma: [0.3, 1.5] },
  noise: { probability: 0.5, stdRange: [0, 0.1] },
  brightness: { probability: 0.5, factorRange: [0.5, 1.5] },
  contrast: { probability: 0.5, factorRange: [0.5, 1.5] },
  lowResolution: { probability: 0.7, zoomRange: [0.25, 1] },
  gammaInverted: { probability: 0.2, gammaRange: [0.7, 1.5] },
  gamma: { probability: 0.5, gammaRange: [0.7, 1.5] },
  blankRectangles: { probability: 0.7, maxCount: 4, value: 0 },
  sharpen: { probability: 0.5, strengthRange: [0.1, 1] },
} as StrongAugmentConfig);

export type StrongAugmentOverrides = { [K in keyof StrongAugmentConfig]?: Partial<StrongAugmentConfig[K]> };

/** Every strong perturbation off (the strong view equals the weak one; feature perturbations still apply). */
export function noStrongAugmentation(): StrongAugmentOverrides {
  return {
    smoothing: { medianProbability: 0, blurProbability: 0 },
    noise: { probability: 0 },
    brightness: { probability: 0 },
    contrast: { probability: 0 },
    lowResolution: { probability: 0 },
    gammaInverted: { probability: 0 },
    gamma: { probability: 0 },
    blankRectangles: { probability: 0 },
    sharpen: { probability: 0 },
  };
}

const prob = (v: unknown) => typeof v === 'number' && v >= 0 && v <= 1;
const rangeOk = (r: unknown, min: number, max = Infinity) =>
  Array.isArray(r) &&
  r.length === 2 &&
  r.every((x) => typeof x === 'number' && Number.isFinite(x) && x >= min && x <= max) &&
  r[0] <= r[1];

export function strongAugmentProblems(c: StrongAugmentConfig): string[] {
  const p: string[] = [];
  const check = (ok: boolean, msg: string) => ok || p.push(msg);
  check(prob(c.smoothing.medianProbability), 'smoothing.medianProbability must be in [0, 1]');
  check(prob(c.smoothing.blurProbability), 'smoothing.blurProbability must be in [0, 1]');
  check(
    rangeOk(c.smoothing.medianSize, 1) && c.smoothing.medianSize.every(Number.isInteger),
    'smoothing.medianSize must be integers [lo, hi] ≥ 1',
  );
  check(rangeOk(c.smoothing.blurSigma, 1e-6), 'smoothing.blurSigma must be [lo, hi] > 0');
  check(prob(c.noise.probability) && rangeOk(c.noise.stdRange, 0), 'noise: probability in [0, 1], std ≥ 0');
  for (const k of ['brightness', 'contrast'] as const)
    check(
      prob(c[k].probability) && rangeOk(c[k].factorRange, 1e-6),
      `${k}: probability in [0, 1], factors > 0`,
    );
  check(
    prob(c.lowResolution.probability) && rangeOk(c.lowResolution.zoomRange, 1e-6, 1),
    'lowResolution: probability in [0, 1], zoom in (0, 1]',
  );
  for (const k of ['gammaInverted', 'gamma'] as const)
    check(prob(c[k].probability) && rangeOk(c[k].gammaRange, 1e-6), `${k}: probability in [0, 1], gamma > 0`);
  const b = c.blankRectangles;
  check(
    prob(b.probability) && Number.isInteger(b.maxCount) && b.maxCount >= 1 && Number.isFinite(b.value),
    'blankRectangles: probability in [0, 1], maxCount integer ≥ 1, finite value',
  );
  check(
    prob(c.sharpen.probability) && rangeOk(c.sharpen.strengthRange, 0),
    'sharpen: probability in [0, 1], strength ≥ 0',
  );
  return p;
}

export function resolveStrongAugment(o: StrongAugmentOverrides = {}): StrongAugmentConfig {
  const d = structuredClone(STRONG_DEFAULTS) as StrongAugmentConfig;
  const c = Object.fromEntries(
    Object.entries(d).map(([k, v]) => [k, { ...v, ...(o as Record<string, object>)[k] }]),
  ) as unknown as StrongAugmentConfig;
  const p = strongAugmentProblems(c);
  if (p.length > 0) throw new RangeError(`invalid strong augmentation: ${p.join('; ')}`);
  return c;
}
