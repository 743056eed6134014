// Network architectures as typed data (umamba2-spec.md §1): the reference `stsr` configuration, a
// `tiny` one for tests, and a validator. The workstation default is derived in ./workstation.ts.
import type { Stride3 } from '../runtime/ops/types.js';

export interface MambaSettings {
  dState: number;
  dConv: number;
  expand: number;
  headdim: number;
  /** Token counts above this use the chunked SSD form (an implementation choice, not a weight). */
  quadraticMaxLen: number;
  chunkSize: number;
}

export interface ArchitectureConfig {
  name: string;
  inChannels: number;
  /** Output channels of the segmentation heads (13 for STSR; 1 for the DAE model). */
  numClasses: number;
  /** Feature channels per encoder stage; the stem has features[0]. */
  featuresPerStage: number[];
  /** Stride of each encoder stage's first block, (D, H, W); entries 1 or 2. */
  strides: Stride3[];
  /** BasicBlockD blocks per encoder stage. */
  blocksPerStage: number[];
  /** Convolutions per decoder stage (one entry per decoder stage, n_stages − 1). */
  convsPerDecoderStage: number[];
  mamba: MambaSettings;
  /** Return the logits of every decoder stage (highest resolution first) rather than only the last. */
  deepSupervision: boolean;
  /** The training patch (D, H, W). */
  patchSize: [number, number, number];
}

/** Freezes a configuration recursively (shared constants must not be mutated; copy with getArchitecture). */
function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.values(o).forEach(deepFreeze);
    Object.freeze(o);
  }
  return o;
}

const MAMBA_REFERENCE: MambaSettings = {
  dState: 32,
  dConv: 4,
  expand: 2,
  headdim: 80,
  quadraticMaxLen: 256,
  chunkSize: 128,
};

/** Reference: documentation/competitions/STSR25/readme.md of UMamba2 (umamba2-spec.md §1.1). */
export const STSR: ArchitectureConfig = deepFreeze({
  name: 'stsr',
  inChannels: 1,
  numClasses: 13,
  featuresPerStage: [32, 64, 128, 256, 320, 320, 320],
  strides: [
    [1, 1, 1],
    [2, 2, 2],
    [2, 2, 2],
    [2, 2, 2],
    [2, 2, 2],
    [2, 2, 2],
    [1, 2, 2],
  ],
  blocksPerStage: [1, 3, 4, 6, 6, 6, 6],
  convsPerDecoderStage: [1, 1, 1, 1, 1, 1],
  mamba: MAMBA_REFERENCE,
  deepSupervision: true,
  patchSize: [160, 256, 256],
});

/** A three-stage network with the same topology rules, small enough for unit tests. */
export const TINY: ArchitectureConfig = deepFreeze({
  name: 'tiny',
  inChannels: 1,
  numClasses: 3,
  featuresPerStage: [4, 8, 16],
  strides: [
    [1, 1, 1],
    [2, 2, 2],
    [1, 2, 2],
  ],
  blocksPerStage: [1, 1, 1],
  convsPerDecoderStage: [1, 1],
  mamba: { dState: 4, dConv: 4, expand: 2, headdim: 8, quadraticMaxLen: 256, chunkSize: 64 },
  deepSupervision: true,
  patchSize: [16, 16, 16],
});

export const NAMED_ARCHITECTURES: Readonly<Record<string, ArchitectureConfig>> = { stsr: STSR, tiny: TINY };

/** Product of the strides per axis: patch sizes must be multiples of it. */
export function totalStride(c: Pick<ArchitectureConfig, 'strides'>): [number, number, number] {
  return c.strides.reduce<[number, number, number]>(
    (a, s) => [a[0] * s[0], a[1] * s[1], a[2] * s[2]],
    [1, 1, 1],
  );
}

const posInt = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v > 0;

/** Returns the list of problems (empty when valid). */
export function architectureProblems(c: ArchitectureConfig): string[] {
  const p: string[] = [];
  const n = c.featuresPerStage.length;
  if (n < 2) p.push('featuresPerStage needs at least two stages');
  if (!posInt(c.inChannels)) p.push('inChannels must be a positive integer');
  if (!posInt(c.numClasses)) p.push('numClasses must be a positive integer');
  if (!c.featuresPerStage.every(posInt)) p.push('featuresPerStage entries must be positive integers');
  if (c.strides.length !== n) p.push(`strides has ${c.strides.length} entries, featuresPerStage ${n}`);
  if (c.blocksPerStage.length !== n)
    p.push(`blocksPerStage has ${c.blocksPerStage.length} entries, expected ${n}`);
  if (!c.blocksPerStage.every(posInt)) p.push('blocksPerStage entries must be positive integers');
  if (c.convsPerDecoderStage.length !== n - 1) {
    p.push(`convsPerDecoderStage has ${c.convsPerDecoderStage.length} entries, expected ${n - 1}`);
  }
  if (!c.convsPerDecoderStage.every(posInt)) p.push('convsPerDecoderStage entries must be positive integers');
  c.strides.forEach((s, i) => {
    if (s.length !== 3 || s.some((v) => v !== 1 && v !== 2))
      p.push(`strides[${i}] must be three entries of 1 or 2`);
  });
  const m = c.mamba;
  const dModel = c.featuresPerStage[n - 1] ?? 0;
  if (![m.dState, m.dConv, m.expand, m.headdim, m.quadraticMaxLen, m.chunkSize].every(posInt)) {
    p.push('mamba settings must be positive integers');
  } else if ((m.expand * dModel) % m.headdim !== 0) {
    p.push(`mamba: expand·d_model = ${m.expand * dModel} is not a multiple of headdim ${m.headdim}`);
  }
  p.push(...patchProblems(c, c.patchSize));
  return p;
}

export function patchProblems(c: Pick<ArchitectureConfig, 'strides'>, patch: readonly number[]): string[] {
  if (patch.length !== 3 || !patch.every(posInt)) return ['patchSize must be three positive integers'];
  const t = totalStride(c);
  return patch.some((v, a) => v % t[a]! !== 0)
    ? [`patch ${patch.join('×')} must be a multiple of the total stride ${t.join('×')} on every axis`]
    : [];
}

/** Throws one error listing every problem. */
export function validateArchitecture(c: ArchitectureConfig): ArchitectureConfig {
  const p = architectureProblems(c);
  if (p.length > 0) throw new Error(`invalid architecture '${c.name}': ${p.join('; ')}`);
  return c;
}

/** A named configuration, with optional overrides (validated). */
export function getArchitecture(
  name: string,
  overrides: Partial<ArchitectureConfig> = {},
): ArchitectureConfig {
  const base = NAMED_ARCHITECTURES[name];
  if (!base)
    throw new Error(`unknown architecture '${name}' (known: ${Object.keys(NAMED_ARCHITECTURES).join(', ')})`);
  return validateArchitecture({ ...structuredClone(base), ...overrides });
}
