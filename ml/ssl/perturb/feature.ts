// Feature perturbations of the consistency path: spatial dropout, activation drop and multiplicative noise on
// the last encoder outputs (the bottleneck before the Mamba layer included), applied through the network's
// encode / bottleneck / decode seams. Channels-last tensors [B, D0, D1, D2, C].
//
// Reference: spec §3.6 (`feature_perturbation`, `semisupervised_forward` in sts25.py), all three every time:
//   1. spatial dropout p = 0.5: each (sample, channel) map zeroed with probability p, survivors scaled by 1/(1 − p);
//   2. activation drop: a = channel mean of the UNPERTURBED x; τ = r · max over voxels of a (per sample), one
//      r ~ U(0.6, 0.9) per call (shared by the batch); voxels with a ≥ τ are zeroed in every channel;
//   3. multiplicative noise: out = d ⊙ (1 + ε), ε ~ U(−0.3, 0.3) of shape D0×D1×D2×C, fresh per call, shared
//      across the batch.
// Deviation (switchable, spec §9): [P] describes the threshold as a U(0.7, 0.9) percentile (drop the top 10–30 %);
// `activationDrop.mode: 'percentile'` selects that. Random values come from the seeded Rng (no tf.random).
import * as tf from '@tensorflow/tfjs';
import type { Range } from '../../data/augment/config.js';
import { stopGradient } from '../../losses/targets.js';
import type { UMamba2 } from '../../model/umamba2.js';
import type { Rng } from '../../util/rng.js';

export interface FeaturePerturbationConfig {
  /** How many of the last encoder outputs are perturbed (reference 5: stages 2–6 of 7). */
  levels: number;
  /** Spatial dropout probability; 0 = off. */
  dropout: number;
  /** null = off. 'fraction-of-max': τ = r·max(a), r ~ U(range) (reference code); 'percentile': the r-quantile. */
  activationDrop: { mode: 'fraction-of-max' | 'percentile'; range: Range } | null;
  /** ε ~ U(−noise, noise); 0 = off. */
  noise: number;
}

export const FEATURE_PERTURBATION_DEFAULTS: Readonly<FeaturePerturbationConfig> = Object.freeze({
  levels: 5,
  dropout: 0.5,
  activationDrop: { mode: 'fraction-of-max', range: [0.6, 0.9] },
  noise: 0.3,
} as FeaturePerturbationConfig);

export function featurePerturbationProblems(c: FeaturePerturbationConfig): string[] {
  const p: string[] = [];
  if (!(Number.isInteger(c.levels) && c.levels >= 0)) p.push('levels must be an integer ≥ 0');
  if (!(c.dropout >= 0 && c.dropout < 1)) p.push('dropout must be in [0, 1)');
  const a = c.activationDrop;
  if (a !== null) {
    if (a.mode !== 'fraction-of-max' && a.mode !== 'percentile')
      p.push("activationDrop.mode must be 'fraction-of-max' or 'percentile'");
    if (!(
      Array.isArray(a.range) &&
      a.range.length === 2 &&
      a.range[0] > 0 &&
      a.range[0] <= a.range[1] &&
      a.range[1] <= 1
    ))
      p.push('activationDrop.range must be [lo, hi] with 0 < lo ≤ hi ≤ 1');
  }
  if (!(c.noise >= 0 && c.noise < 1)) p.push('noise must be in [0, 1)');
  return p;
}

export interface FeatureRecord {
  /** Per sample, per channel: the dropout factor (0 or 1/(1 − p)); null when dropout is off. */
  channelScale: Float32Array | null;
  /** The activation-drop draw r; null when off. */
  r: number | null;
}

/** Activation-drop keep mask [B, D0, D1, D2, 1] (1 = keep), off the gradient tape. */
function keepMask(x: tf.Tensor5D, mode: 'fraction-of-max' | 'percentile', r: number): tf.Tensor {
  return stopGradient(x, (v) =>
    tf.tidy(() => {
      const a = tf.mean(v, -1, true);
      const [B, D, H, W] = a.shape as number[];
      const flat = tf.reshape(a, [B!, D! * H! * W!]);
      let tau: tf.Tensor;
      if (mode === 'fraction-of-max') {
        tau = tf.mul(tf.max(flat, 1), r);
      } else {
        const n = D! * H! * W!;
        const k = Math.min(n, Math.max(1, Math.ceil((1 - r) * n)));
        tau = tf.min(tf.topk(flat, k).values, 1);
      }
      return tf.cast(tf.less(a, tf.reshape(tau, [B!, 1, 1, 1, 1])), 'float32');
    }),
  );
}

/** One perturbed feature map (and what was drawn). */
export function perturbFeatures(
  x: tf.Tensor5D,
  c: FeaturePerturbationConfig,
  rng: Rng,
): { out: tf.Tensor5D; record: FeatureRecord } {
  const [B, D, H, W, C] = x.shape;
  let channelScale: Float32Array | null = null;
  if (c.dropout > 0) {
    channelScale = new Float32Array(B * C);
    for (let i = 0; i < B * C; i++) channelScale[i] = rng.chance(c.dropout) ? 0 : 1 / (1 - c.dropout);
  }
  const r = c.activationDrop ? rng.uniform(c.activationDrop.range[0], c.activationDrop.range[1]) : null;
  let eps: Float32Array | null = null;
  if (c.noise > 0) {
    eps = new Float32Array(D * H * W * C);
    for (let i = 0; i < eps.length; i++) eps[i] = 1 + rng.uniform(-c.noise, c.noise);
  }
  const out = tf.tidy(() => {
    let d: tf.Tensor = x;
    if (channelScale) d = tf.mul(d, tf.tensor(channelScale, [B, 1, 1, 1, C]));
    if (r !== null) d = tf.mul(d, keepMask(x, c.activationDrop!.mode, r));
    if (eps) d = tf.mul(d, tf.tensor(eps, [1, D, H, W, C]));
    return d === x ? tf.clone(x) : d;
  }) as tf.Tensor5D;
  return { out, record: { channelScale, r } };
}

/**
 * The network on `x` with the last `c.levels` encoder outputs perturbed (the bottleneck before the Mamba layer).
 * Returns the logits like `model.forward`.
 */
export function perturbedForward(
  model: UMamba2,
  x: tf.Tensor5D,
  c: FeaturePerturbationConfig,
  rng: Rng,
  opts: { deepSupervision?: boolean } = {},
): tf.Tensor5D[] {
  return tf.tidy(() => {
    const skips = model.encode(x);
    for (let i = Math.max(0, skips.length - c.levels); i < skips.length; i++) {
      skips[i] = perturbFeatures(skips[i]!, c, rng).out;
    }
    const last = skips.pop()!;
    skips.push(model.bottleneck(last));
    return model.decode(skips, opts);
  });
}
