// Options of the realistic sample (a CBCT-like image synthesised from a real anatomy label map).

export interface AnatomySynthesisOptions {
  /** Integer seed of the texture, grey-level variation, artefacts and noise. */
  seed: number;
  /** Integer factor ≥ 1 (≤ 8) by which to downsample the anatomy first (default 1: keep its grid). */
  downsample?: number;
  /** Standard deviation of the additive Gaussian noise in grey values, 0…1000 (default 40). */
  noise?: number;
  /** Gaussian blur sigma in mm, 0…5 (default 0.5). */
  blur?: number;
  /** Cupping depth, 0…0.5 (default 0.08). */
  cupping?: number;
  /** Concentric ring artefacts (default false). */
  rings?: boolean;
  /** Thickness of the enamel on the crowns in mm, 0…5 (default 1.2). */
  enamelThickness?: number;
  /** Thickness of the cortical bone rim in mm, 0…5 (default 1.5). */
  corticalThickness?: number;
  /** Soft tissue around the bones in mm (the body is the slice-wise convex hull grown by this), 0…100 (default 12). */
  bodyMargin?: number;
  /**
   * Pulp: tooth voxels at least this fraction of the local tooth half-thickness deep (the largest depth
   * within 2 mm), 0.3…0.95 (default 0.7). Smaller values give a wider pulp.
   */
  pulpFraction?: number;
  /** Tooth voxels farther than this (mm) from bone are crown (and get enamel near the surface), 0…10 (default 1.5). */
  crownClearance?: number;
}

export type ResolvedSynthesisOptions = Required<AnatomySynthesisOptions>;

export const SYNTHESIS_DEFAULTS: Readonly<Omit<ResolvedSynthesisOptions, 'seed'>> = Object.freeze({
  downsample: 1,
  noise: 40,
  blur: 0.5,
  cupping: 0.08,
  rings: false,
  enamelThickness: 1.2,
  corticalThickness: 1.5,
  bodyMargin: 12,
  pulpFraction: 0.7,
  crownClearance: 1.5,
});

const RANGES: Record<
  Exclude<keyof ResolvedSynthesisOptions, 'seed' | 'rings' | 'downsample'>,
  [number, number]
> = {
  noise: [0, 1000],
  blur: [0, 5],
  cupping: [0, 0.5],
  enamelThickness: [0, 5],
  corticalThickness: [0, 5],
  bodyMargin: [0, 100],
  pulpFraction: [0.3, 0.95],
  crownClearance: [0, 10],
};

/** Fills in defaults and checks every value; throws a RangeError naming the bad option. */
export function resolveSynthesisOptions(opts: AnatomySynthesisOptions): ResolvedSynthesisOptions {
  if (opts === null || typeof opts !== 'object') throw new RangeError('synthesis options must be an object');
  if (typeof opts.seed !== 'number' || !Number.isSafeInteger(opts.seed)) {
    throw new RangeError(`synthesis seed must be a safe integer, got ${String(opts.seed)}`);
  }
  const out: ResolvedSynthesisOptions = { ...SYNTHESIS_DEFAULTS, seed: opts.seed };
  const downsample = opts.downsample ?? SYNTHESIS_DEFAULTS.downsample;
  if (!Number.isInteger(downsample) || downsample < 1 || downsample > 8) {
    throw new RangeError(`synthesis downsample must be an integer in [1, 8], got ${String(downsample)}`);
  }
  out.downsample = downsample;
  const rings = opts.rings ?? SYNTHESIS_DEFAULTS.rings;
  if (typeof rings !== 'boolean') throw new RangeError('synthesis rings must be a boolean');
  out.rings = rings;
  for (const [key, [lo, hi]] of Object.entries(RANGES) as [keyof typeof RANGES, [number, number]][]) {
    const v: unknown = opts[key] ?? SYNTHESIS_DEFAULTS[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < lo || v > hi) {
      throw new RangeError(`synthesis ${key} must be a number in [${lo}, ${hi}], got ${String(v)}`);
    }
    out[key] = v;
  }
  return out;
}
