// AdamW for the DAE stage, behind the trainer's Optimizer seam (ml/train/optimizer.ts).
//
// Reference: spec §4.5 (`optimizer.py`: AdamW, betas (0.9, 0.999), eps 1e-8, weight decay 0.05 on parameters with
// ≥ 2 dimensions whose name does not end in `.bias`, 0 on the rest — norm γ/β, biases, A_log, D, dt_bias) and
// PyTorch `torch.optim.AdamW` (decoupled decay), per parameter p with gradient g at step t = 1, 2, …:
//   p ← p·(1 − lr·wd);  m ← β1·m + (1 − β1)·g;  v ← β2·v + (1 − β2)·g²;
//   p ← p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps).
import * as tf from '@tensorflow/tfjs';
import type { NamedVariables, Optimizer } from '../../train/optimizer.js';

export interface AdamWOptions {
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
}

export const ADAMW_DEFAULTS: Readonly<AdamWOptions> = Object.freeze({
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0.05,
});

/** The reference's decay rule: no decay for 1-D parameters and biases. */
export function decays(name: string, shape: readonly number[]): boolean {
  return shape.length >= 2 && !name.endsWith('.bias');
}

export function createAdamW(params: NamedVariables, o: AdamWOptions = ADAMW_DEFAULTS): Optimizer {
  const names = [...params.keys()].sort();
  const m = new Map<string, tf.Variable>();
  const v = new Map<string, tf.Variable>();
  // The initial values are created inside tidy so that only the variables outlive it.
  const zeros = (shape: number[]) => tf.tidy(() => tf.variable(tf.zeros(shape), false));
  for (const n of names) {
    const p = params.get(n)!;
    m.set(n, zeros(p.shape));
    v.set(n, zeros(p.shape));
  }
  let t = 0;
  const stepTensor = zeros([]);
  return {
    kind: 'adamw',
    step(grads, lr) {
      if (!(lr >= 0)) throw new RangeError(`learning rate must be ≥ 0, got ${lr}`);
      for (const n of names) if (!grads.has(n)) throw new Error(`no gradient for parameter ${n}`);
      t++;
      const bc1 = 1 - Math.pow(o.beta1, t);
      const bc2 = Math.sqrt(1 - Math.pow(o.beta2, t));
      for (const n of names) {
        const p = params.get(n)!;
        const g = grads.get(n)!;
        const mn = m.get(n)!;
        const vn = v.get(n)!;
        const wd = decays(n, p.shape) ? o.weightDecay : 0;
        tf.tidy(() => {
          const m1 = tf.add(tf.mul(mn, o.beta1), tf.mul(g, 1 - o.beta1));
          const v1 = tf.add(tf.mul(vn, o.beta2), tf.mul(tf.square(g), 1 - o.beta2));
          const decayed = wd !== 0 ? tf.mul(p, 1 - lr * wd) : p;
          const denom = tf.add(tf.div(tf.sqrt(v1), bc2), o.eps);
          mn.assign(m1);
          vn.assign(v1);
          p.assign(tf.sub(decayed, tf.mul(tf.div(m1, denom), lr / bc1)));
        });
      }
      tf.tidy(() => stepTensor.assign(tf.scalar(t)));
    },
    stateTensors() {
      const out = new Map<string, tf.Tensor>([['step', stepTensor]]);
      for (const n of names) {
        out.set(`exp_avg:${n}`, m.get(n)!);
        out.set(`exp_avg_sq:${n}`, v.get(n)!);
      }
      return out;
    },
    loadState(values) {
      const step = values.get('step');
      if (!step) throw new Error('optimizer state lacks step');
      for (const [prefix, map] of [
        ['exp_avg', m],
        ['exp_avg_sq', v],
      ] as const) {
        for (const n of names) {
          const s = values.get(`${prefix}:${n}`);
          const target = map.get(n)!;
          if (!s) throw new Error(`optimizer state lacks ${prefix}:${n}`);
          if (s.shape.join() !== target.shape.join())
            throw new Error(
              `optimizer state ${prefix}:${n} has shape [${s.shape}], expected [${target.shape}]`,
            );
          tf.tidy(() => target.assign(tf.tensor(s.values, s.shape)));
        }
      }
      t = step.values[0]!;
      tf.tidy(() => stepTensor.assign(tf.scalar(t)));
    },
    dispose: () => {
      m.forEach((x) => x.dispose());
      v.forEach((x) => x.dispose());
      stepTensor.dispose();
    },
  };
}
