// Stage 1 (DAE) corruption settings as typed data: defaults = the reference code, validation, and the
// paper's variants as switches.
//
// Reference: spec §4.3 (`main_runner.py --choice all`, `utils.py: block_wise_mask`): Gaussian noise with variance
// 0.1 (σ = √0.1 ≈ 0.3162, normalised units), nearest down-/up-sampling by 4, 16³ cubes on a grid aligned to 16,
// ceil(0.3·B·cubes) of them drawn jointly over the batch, set to −2.
// Deviation (switchable, spec §9): [P] describes linear interpolation and masking to 0; `downsampleMode: 'linear'`
// and `maskValue: 0` select the paper's version.

export interface DaeCorruptionConfig {
  /** Variance of the additive Gaussian noise (normalised intensity units); 0 = off. */
  noiseVariance: number;
  /** Down-/up-sampling factor per axis (int(size/factor) voxels in between); 1 = off. */
  downsampleFactor: number;
  /** 'nearest' (reference code, PyTorch F.interpolate default) or 'linear' (trilinear both ways, [P]). */
  downsampleMode: 'nearest' | 'linear';
  /** Edge of the masked cubes, voxels (grid aligned to it; partial cubes at the far edges). */
  maskCube: number;
  /** Fraction of cubes masked, drawn jointly over the batch: ceil(ratio · B · cubes); 0 = off. */
  maskRatio: number;
  /** Value written into masked cubes (normalised units). */
  maskValue: number;
}

export const DAE_CORRUPTION_DEFAULTS: Readonly<DaeCorruptionConfig> = Object.freeze({
  noiseVariance: 0.1,
  downsampleFactor: 4,
  downsampleMode: 'nearest',
  maskCube: 16,
  maskRatio: 0.3,
  maskValue: -2,
});

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

export function daeCorruptionProblems(c: DaeCorruptionConfig): string[] {
  const p: string[] = [];
  if (!(finite(c.noiseVariance) && c.noiseVariance >= 0)) p.push('noiseVariance must be ≥ 0');
  if (!(Number.isInteger(c.downsampleFactor) && c.downsampleFactor >= 1))
    p.push('downsampleFactor must be an integer ≥ 1');
  if (c.downsampleMode !== 'nearest' && c.downsampleMode !== 'linear')
    p.push("downsampleMode must be 'nearest' or 'linear'");
  if (!(Number.isInteger(c.maskCube) && c.maskCube >= 1)) p.push('maskCube must be an integer ≥ 1');
  if (!(finite(c.maskRatio) && c.maskRatio >= 0 && c.maskRatio <= 1)) p.push('maskRatio must be in [0, 1]');
  if (!finite(c.maskValue)) p.push('maskValue must be a finite number');
  return p;
}

export function resolveDaeCorruption(o: Partial<DaeCorruptionConfig> = {}): DaeCorruptionConfig {
  const c = { ...DAE_CORRUPTION_DEFAULTS, ...o };
  const p = daeCorruptionProblems(c);
  if (p.length > 0) throw new RangeError(`invalid DAE corruption config: ${p.join('; ')}`);
  return c;
}
