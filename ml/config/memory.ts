// Memory estimate per (architecture, patch, backend, training | inference), computed from the
// configuration alone, so that a run that cannot fit is refused before anything is allocated.
//
// Model: peak = params·(1 | 4 copies: weights, gradients, two Adam moments) + coefficients × the
// network's feature volume (elements of every conv output) and the SSD's matrices. The coefficients
// were measured with tf.profile on this code (wasm and cpu; memory.test.ts re-checks that the estimate
// stays above the measured peak of small networks and within a factor 2.5 of it): training keeps
// every activation and — TF.js holds all activation gradients until the backward pass ends — their
// gradients too.
import type { BackendName } from '../runtime/backend.js';
import { networkLayout, stageSizes } from '../model/layout.js';
import { patchProblems, type ArchitectureConfig } from './architectures.js';
import { parameterCount } from './model-info.js';

export type RunMode = 'train' | 'infer';

/**
 * Measured coefficients (floats): training keeps ~12–15 floats per feature-volume element; inference
 * holds the skips plus a few of the largest maps; the SSD's [B, heads, L, L or chunk] matrices add
 * ~12 (training) or ~8 (inference) floats per entry.
 */
const COEFF = { train: 15, trainMamba: 12, inferSkips: 2, inferLargest: 6, inferMamba: 8 };
/** The wasm heap cannot grow past 4 GiB; overflowing corrupts the instance (architecture.md §4). */
export const WASM_HEAP_BYTES = 4 * 1024 ** 3;
const GIB = 1024 ** 3;

export interface FeatureVolume {
  /** Σ elements of every convolution / transposed-convolution / concat output, batch 1. */
  total: number;
  /** Σ elements of the encoder skips (alive through the whole forward pass). */
  skips: number;
  /** The largest single feature map (elements). */
  largest: number;
}

const prod = (v: readonly number[]) => v.reduce((a, b) => a * b, 1);

export function featureVolume(c: ArchitectureConfig, patch: readonly number[]): FeatureVolume {
  const layout = networkLayout(c);
  const sizes = stageSizes(c, patch).map(prod);
  let total = layout.stemChannels * prod(patch);
  let largest = total;
  for (const b of layout.encoder) {
    const n = b.cout * sizes[b.stage]!;
    total += (b.projection ? 3 : 2) * n;
    largest = Math.max(largest, n);
  }
  for (const d of layout.decoder) {
    const n = d.cout * sizes[d.skipStage]!;
    total += n + 2 * n + d.convs * n + (c.numClasses * n) / d.cout; // up, concat, convs, head
    largest = Math.max(largest, 2 * n);
  }
  const skips = c.featuresPerStage.reduce((a, f, s) => a + f * sizes[s]!, 0);
  return { total, skips, largest };
}

/** Entries of the SSD's decay/score matrices per sample: heads · L · (L, or the chunk length). */
export function mambaEntries(c: ArchitectureConfig, patch: readonly number[]): number {
  const sizes = stageSizes(c, patch);
  const L = prod(sizes[sizes.length - 1]!);
  const d = c.featuresPerStage[c.featuresPerStage.length - 1]!;
  const heads = (c.mamba.expand * d) / c.mamba.headdim;
  return heads * L * (L <= c.mamba.quadraticMaxLen ? L : c.mamba.chunkSize);
}

export interface MemoryEstimate {
  bytes: number;
  budgetBytes: number;
  fits: boolean;
  breakdown: { parameters: number; activations: number };
  /** When it does not fit: what to change. */
  advice: string | null;
}

export interface EstimateOptions {
  batch?: number;
  /** Memory available to the backend (default: the wasm heap cap on wasm, else 70 % of `systemBytes`). */
  budgetBytes?: number;
  /** Total system (or device) memory, used for the default budget (default 16 GiB). */
  systemBytes?: number;
}

export function memoryBudget(backend: BackendName, systemBytes = 16 * GIB): number {
  const share = 0.7 * systemBytes;
  return backend === 'wasm' ? Math.min(0.9 * WASM_HEAP_BYTES, share) : share;
}

export function estimateMemory(
  c: ArchitectureConfig,
  patch: readonly number[],
  backend: BackendName,
  mode: RunMode,
  opts: EstimateOptions = {},
): MemoryEstimate {
  const problems = patchProblems(c, patch);
  if (problems.length > 0) throw new Error(problems.join('; '));
  const batch = opts.batch ?? 1;
  const params = parameterCount(c) * 4 * (mode === 'train' ? 4 : 1);
  const fv = featureVolume(c, patch);
  const m = mambaEntries(c, patch);
  const activations =
    4 *
    batch *
    (mode === 'train'
      ? COEFF.train * fv.total + COEFF.trainMamba * m
      : COEFF.inferSkips * fv.skips + COEFF.inferLargest * fv.largest + COEFF.inferMamba * m);
  const bytes = params + activations;
  const budgetBytes = opts.budgetBytes ?? memoryBudget(backend, opts.systemBytes);
  const fits = bytes <= budgetBytes;
  const gib = (b: number) => `${(b / GIB).toFixed(2)} GiB`;
  const advice = fits
    ? null
    : `${c.name} ${mode === 'train' ? 'training' : 'inference'} on a ${patch.join('×')} patch` +
      `${batch > 1 ? ` (batch ${batch})` : ''} needs about ${gib(bytes)} but the ${backend} backend has ${gib(budgetBytes)}` +
      (backend === 'wasm' ? ' (the wasm heap is capped at 4 GiB)' : '') +
      `: use a smaller patch (activations scale with its volume: ${gib(activations)} now), fewer features ` +
      `(the workstation configuration is sized for this machine)` +
      (backend === 'tensorflow' ? '' : ', or a GPU backend (@tensorflow/tfjs-node-gpu)') +
      '.';
  return { bytes, budgetBytes, fits, breakdown: { parameters: params, activations }, advice };
}

/** Throws the estimate's advice when the run would not fit. */
export function assertFits(...args: Parameters<typeof estimateMemory>): MemoryEstimate {
  const e = estimateMemory(...args);
  if (!e.fits) throw new Error(e.advice ?? 'does not fit');
  return e;
}
