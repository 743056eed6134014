// Test helpers for the sliding window: a sink that keeps every plane, fake predictors written both as tensors
// (what the sliding window runs) and as plain functions (what the naive reference runs).
import * as tf from '@tensorflow/tfjs';
import type { Shape3 } from '../../data/preprocess/layout.js';
import type { PlaneSink } from '../accumulator.js';
import type { TilePredictor } from '../tile-predict.js';

/** Keeps the whole normalised output, [D0, D1, D2, channels] channels-last. */
export class CollectSink implements PlaneSink {
  readonly values: Float32Array;
  readonly seen: number[] = [];
  constructor(
    readonly shape: Shape3,
    readonly channels: number,
  ) {
    this.values = new Float32Array(shape[0] * shape[1] * shape[2] * channels);
  }
  plane(index: number, values: Float32Array): void {
    this.seen.push(index);
    this.values.set(values, index * this.shape[1] * this.shape[2] * this.channels);
  }
}

export class TeeSink implements PlaneSink {
  constructor(private readonly sinks: PlaneSink[]) {}
  plane(index: number, values: Float32Array): void {
    for (const s of this.sinks) s.plane(index, values);
  }
}

/**
 * logits = [x + r, −x + 0.5·r, 0.3·x·x − 1] where r = (in-tile index along axis 1) / p1 when `ramp` (so
 * the network is not translation-invariant and the blending matters), else 0 (a pointwise, flip-equivariant
 * function).
 */
export function fakePredictor(
  patch: Shape3,
  ramp: boolean,
): TilePredictor & { plain(x: number, i1: number): number[] } {
  const r = (i1: number) => (ramp ? i1 / patch[1] : 0);
  const rampTensor = tf.tidy(() =>
    tf.tile(tf.reshape(tf.range(0, patch[1]).div(patch[1]), [1, 1, patch[1], 1, 1]), [
      1,
      patch[0],
      1,
      patch[2],
      1,
    ]),
  );
  tf.keep(rampTensor);
  return {
    numClasses: 3,
    patch,
    predict: (x) => {
      const rr = ramp ? rampTensor : tf.zerosLike(x);
      return tf.concat(
        [tf.add(x, rr), tf.add(tf.neg(x), tf.mul(rr, 0.5)), tf.sub(tf.mul(tf.square(x), 0.3), 1)],
        4,
      ) as tf.Tensor5D;
    },
    plain: (x, i1) => [x + r(i1), -x + 0.5 * r(i1), 0.3 * x * x - 1],
  };
}

/** A seeded smooth-ish test volume. */
export function testVolume(shape: Shape3, seed: number): Float32Array {
  const out = new Float32Array(shape[0] * shape[1] * shape[2]);
  let n = 0;
  for (let a = 0; a < shape[0]; a++)
    for (let b = 0; b < shape[1]; b++)
      for (let c = 0; c < shape[2]; c++, n++)
        out[n] = Math.sin(0.7 * a + seed) + Math.cos(0.45 * b - 0.3 * c * seed);
  return out;
}
