// Shared helpers for the trainer tests: small phantom cases, bit-level comparison, the wasm backend.
import type * as tf from '@tensorflow/tfjs';
import { generatePhantom } from '../../data/phantom/index.js';
import type { Vec3 } from '../../data/io/volume.js';
import { selectBackend } from '../../runtime/backend.js';
import type { LabeledCase } from '../data.js';

export interface PhantomSpec {
  size: Vec3;
  spacing: number;
  teeth: number;
}

export function phantomCase(seed: number, s: PhantomSpec): LabeledCase {
  const p = generatePhantom({
    seed,
    size: s.size,
    spacing: [s.spacing, s.spacing, s.spacing],
    teeth: s.teeth,
  });
  return { id: `phantom-${seed}`, image: p.image, label: p.label };
}

/** Float32 bit patterns (exact comparison, −0 and NaN included). */
export function bits(values: Float32Array): Uint32Array {
  return new Uint32Array(Float32Array.from(values).buffer);
}

/** Bit patterns of named tensors (model parameters) or of stored checkpoint tensors. */
export function namedBits(
  m: ReadonlyMap<string, tf.Tensor> | ReadonlyMap<string, { values: Float32Array }>,
): Map<string, Uint32Array> {
  return new Map(
    [...m].map(([n, t]) => [n, bits('values' in t ? t.values : (t.dataSync() as Float32Array))] as const),
  );
}

export async function useWasm(): Promise<void> {
  await selectBackend({ force: 'wasm' });
}
