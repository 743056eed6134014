// Shared helpers for the SSL tests: small phantom cases (labelled and unlabelled) prepared with one plan, the tiny
// network, and bit-level parameter comparison.
import type * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../../config/architectures.js';
import { generatePhantom } from '../../data/phantom/index.js';
import type { Vec3 } from '../../data/io/volume.js';
import { selectBackend } from '../../runtime/backend.js';
import type { LabeledCase, TrainingData } from '../../train/data.js';
import { prepareTrainingData } from '../../train/data.js';
import type { SslPreset } from '../presets.js';

export const SMALL: { size: Vec3; spacing: number; teeth: number } = {
  size: [32, 32, 24],
  spacing: 1,
  teeth: 4,
};

/** The tiny network with a 16³ patch (3 classes: background, tooth, pulp). */
export const TINY16 = getArchitecture('tiny', { patchSize: [16, 16, 16] });

export function labeledPhantom(seed: number): LabeledCase {
  const p = generatePhantom({
    seed,
    size: SMALL.size,
    spacing: [SMALL.spacing, SMALL.spacing, SMALL.spacing],
    teeth: SMALL.teeth,
  });
  return { id: `phantom-${seed}`, image: p.image, label: p.label };
}

export function unlabeledPhantom(seed: number): { id: string; image: LabeledCase['image'] } {
  return { id: `scan-${seed}`, image: labeledPhantom(seed).image };
}

/** `n` labelled training cases, one validation case, `u` unlabelled scans, prepared with one plan. */
export function smallSslData(n = 2, u = 2): TrainingData {
  return prepareTrainingData(
    Array.from({ length: n }, (_, i) => labeledPhantom(1 + i)),
    [labeledPhantom(50)],
    { fingerprintSamples: 5000, unlabeled: Array.from({ length: u }, (_, i) => unlabeledPhantom(100 + i)) },
  );
}

/** Values as float32 bit patterns (exact comparison). */
export function bits(values: ArrayLike<number>): Uint32Array {
  return new Uint32Array(Float32Array.from(values).buffer);
}

export function tensorBits(t: tf.Tensor): Uint32Array {
  return bits(t.dataSync() as Float32Array);
}

export async function useWasm(): Promise<void> {
  await selectBackend({ force: 'wasm' });
}

/** The same budget for every stage (no 'best' checkpoints unless validation > 0). */
export function uniformPreset(
  epochs: number,
  iterationsPerEpoch: number,
  validationIterations = 0,
): SslPreset {
  const b = { epochs, iterationsPerEpoch, validationIterations, checkpointEvery: 1, warmupEpochs: 1 };
  return {
    name: `test-${epochs}x${iterationsPerEpoch}`,
    note: 'test',
    stages: { dae: b, consistency: b, pseudolabel: b },
  };
}
