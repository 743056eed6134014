// Options of the bootstrap tooth/pulp proposal, with defaults. Sizes are in millimetres so that the same
// settings work for any voxel spacing.

export interface BootstrapOptions {
  /** Gaussian σ of the denoising before everything else (default 0.3 mm). */
  smoothMm?: number;
  /** Histogram bins over the scan's grey range (default 2048). */
  bins?: number;
  /** Seed components smaller than this are dropped (default 1 mm³). */
  seedMinMm3?: number;
  /** Tooth level = this quantile of the seed voxels (default 0.1: dentine rather than enamel). */
  toothLevelQuantile?: number;
  /** Leak detection step as a fraction of [bone peak, tooth level] (default 0.025). */
  leakStep?: number;
  /** A step is a leak when its growth exceeds typical^power (default 2). */
  leakPower?: number;
  /** Tooth components smaller than this are dropped (default 5 mm³). */
  toothMinMm3?: number;
  /** Closing radius of the tooth mask before hole filling (default 0.3 mm, at least one voxel). */
  closeMm?: number;
  /** Pulp level = tooth threshold + pulpLevel · (tooth level − tooth threshold) (default 0.3). */
  pulpLevel?: number;
  /** Pulp must lie this far inside the tooth mask (default 0.3 mm, at least one voxel). */
  pulpMarginMm?: number;
  /** Pulp components smaller than this are dropped (default 0.05 mm³). */
  pulpMinMm3?: number;
  /** Axis whose slices get 2-D hole filling (default: the axis closest to patient superior). */
  sliceAxis?: 0 | 1 | 2;
}

export type ResolvedBootstrapOptions = Required<Omit<BootstrapOptions, 'sliceAxis'>> &
  Pick<BootstrapOptions, 'sliceAxis'>;

export const BOOTSTRAP_DEFAULTS: Readonly<Omit<ResolvedBootstrapOptions, 'sliceAxis'>> = Object.freeze({
  smoothMm: 0.3,
  bins: 2048,
  seedMinMm3: 1,
  toothLevelQuantile: 0.1,
  leakStep: 0.025,
  leakPower: 2,
  toothMinMm3: 5,
  closeMm: 0.3,
  pulpLevel: 0.3,
  pulpMarginMm: 0.3,
  pulpMinMm3: 0.05,
});

export function resolveBootstrapOptions(o: BootstrapOptions = {}): ResolvedBootstrapOptions {
  const r = { ...BOOTSTRAP_DEFAULTS, ...stripUndefined(o) } as ResolvedBootstrapOptions;
  const positive = ['bins', 'leakStep', 'leakPower'] as const;
  for (const k of positive) {
    if (!(Number.isFinite(r[k]) && r[k] > 0)) throw new RangeError(`bootstrap option ${k} must be > 0`);
  }
  const nonNegative = [
    'smoothMm',
    'seedMinMm3',
    'toothMinMm3',
    'closeMm',
    'pulpMarginMm',
    'pulpMinMm3',
  ] as const;
  for (const k of nonNegative) {
    if (!(Number.isFinite(r[k]) && r[k] >= 0)) throw new RangeError(`bootstrap option ${k} must be ≥ 0`);
  }
  if (!(r.toothLevelQuantile >= 0 && r.toothLevelQuantile <= 1))
    throw new RangeError('toothLevelQuantile must be in [0, 1]');
  if (!(r.pulpLevel >= 0 && r.pulpLevel <= 1)) throw new RangeError('pulpLevel must be in [0, 1]');
  if (!Number.isInteger(r.bins) || r.bins < 16 || r.bins > 32767)
    throw new RangeError('bins must be an integer in [16, 32767]');
  if (r.sliceAxis !== undefined && ![0, 1, 2].includes(r.sliceAxis))
    throw new RangeError('sliceAxis must be 0, 1 or 2');
  return r;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
