// Inference settings as typed data: defaults (nnU-Net's predictor) and the STSR submission recipe.
//
// Reference: spec §6; nnunetv2/inference/predict_from_raw_data.py (`nnUNetPredictor`: tile_step_size 0.5, Gaussian
// weighting, mirroring) and the STSR `optimized_inference.py` (tile step 0.8, mirror axes (1, 2), per-tile rescale
// of the logits to a maximum of 100, fp16 accumulation).
// Axes are network axes (0 = D0 = the scan's slice axis k, 1 = D1, 2 = D2; ml/data/preprocess/layout.ts).

export type AccumulatorPrecision = 'float32' | 'float16' | 'auto';

export interface InferenceConfig {
  /** Tile step as a fraction of the patch, in (0, 1]. */
  tileStep: number;
  /** Network axes mirrored for test-time augmentation (every non-empty subset, plus the identity). */
  mirrorAxes: number[];
  /** σ = patch · sigmaScale. */
  sigmaScale: number;
  /**
   * Storage of the running weighted sums: float32, float16 (half the memory; ~3 decimal digits), or 'auto' —
   * float32 when the accumulation window fits `memoryBudgetBytes`, else float16.
   */
  accumulator: AccumulatorPrecision;
  memoryBudgetBytes: number;
  /** Reference quirk (spec §6 step 5): divide each tile's logits by (tile maximum / this). null = off. */
  tileRescaleMax: number | null;
  /** Names of per-voxel probability summaries to compute (see ./summaries.ts), e.g. ['maxProb', 'entropy']. */
  summaries: string[];
}

export const INFERENCE_DEFAULTS: Readonly<InferenceConfig> = Object.freeze({
  tileStep: 0.5,
  mirrorAxes: [1, 2],
  sigmaScale: 1 / 8,
  accumulator: 'auto',
  memoryBudgetBytes: 1024 ** 3,
  tileRescaleMax: null,
  summaries: [],
} as InferenceConfig);

/** The STSR 2025 submission script's settings (spec §6). */
export const STSR_INFERENCE: Readonly<Partial<InferenceConfig>> = Object.freeze({
  tileStep: 0.8,
  mirrorAxes: [1, 2],
  tileRescaleMax: 100,
  accumulator: 'float16',
} as Partial<InferenceConfig>);

export function resolveInferenceConfig(o: Partial<InferenceConfig> = {}): InferenceConfig {
  const c: InferenceConfig = {
    ...structuredClone(INFERENCE_DEFAULTS),
    ...structuredClone(o),
  } as InferenceConfig;
  const p: string[] = [];
  if (!(c.tileStep > 0 && c.tileStep <= 1)) p.push(`tileStep must be in (0, 1], got ${c.tileStep}`);
  if (
    !Array.isArray(c.mirrorAxes) ||
    !c.mirrorAxes.every((a) => a === 0 || a === 1 || a === 2) ||
    new Set(c.mirrorAxes).size !== c.mirrorAxes.length
  )
    p.push(`mirrorAxes must be distinct values of 0, 1, 2, got ${JSON.stringify(c.mirrorAxes)}`);
  if (!(c.sigmaScale > 0)) p.push('sigmaScale must be > 0');
  if (!['float32', 'float16', 'auto'].includes(c.accumulator))
    p.push("accumulator must be 'float32', 'float16' or 'auto'");
  if (!(c.memoryBudgetBytes > 0)) p.push('memoryBudgetBytes must be > 0');
  if (c.tileRescaleMax !== null && !(c.tileRescaleMax > 0)) p.push('tileRescaleMax must be > 0 or null');
  if (!Array.isArray(c.summaries)) p.push('summaries must be an array of names');
  if (p.length > 0) throw new RangeError(`invalid inference config: ${p.join('; ')}`);
  return c;
}

/** TTA members: the identity, then every non-empty subset of `axes` by size (nnU-Net's order). */
export function mirrorCombinations(axes: readonly number[]): number[][] {
  const out: number[][] = [[]];
  const rec = (start: number, size: number, cur: number[]) => {
    if (cur.length === size) {
      out.push([...cur]);
      return;
    }
    for (let i = start; i < axes.length; i++) rec(i + 1, size, [...cur, axes[i]!]);
  };
  for (let size = 1; size <= axes.length; size++) rec(0, size, []);
  return out;
}
