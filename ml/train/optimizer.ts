// The optimizer seam of the trainer and its stock implementation: SGD with (Nesterov) momentum and L2 weight
// decay, with PyTorch `torch.optim.SGD` semantics (dampening 0), as nnU-Net uses it.
//
// Reference: spec §3.1 (SGD, momentum 0.99, nesterov, weight decay 3e-5); PyTorch SGD per parameter p with
// gradient g (already clipped — nnU-Net clips before `optimizer.step()`, so weight decay is added after clipping):
//   g ← g + wd·p;   b ← μ·b + g  (b starts at 0, so the first step gives b = g);
//   d ← g + μ·b (nesterov) or b;   p ← p − lr·d.
// Weight decay applies to every parameter (nnU-Net passes all parameters in one group).
import * as tf from '@tensorflow/tfjs';

/** Parameters by stable name (the model's `params`). */
export type NamedVariables = ReadonlyMap<string, tf.Variable>;

export interface Optimizer {
  readonly kind: string;
  /** Applies one update; `grads` by parameter name (every parameter needs one). */
  step(grads: ReadonlyMap<string, tf.Tensor>, lr: number): void;
  /** State to persist, by name (e.g. `momentum:<param>`); the optimizer keeps ownership. */
  stateTensors(): Map<string, tf.Tensor>;
  /** Restores what `stateTensors` returned (every entry must be present with the same shape). */
  loadState(values: ReadonlyMap<string, { shape: number[]; values: Float32Array }>): void;
  dispose(): void;
}

export interface SgdOptions {
  momentum: number;
  nesterov: boolean;
  weightDecay: number;
}

export function createSgd(params: NamedVariables, o: SgdOptions): Optimizer {
  const names = [...params.keys()].sort();
  const buffers = new Map<string, tf.Variable>();
  for (const n of names) {
    const p = params.get(n)!;
    // (inside tidy: the zeros tensor is released, the variable keeps its data)
    buffers.set(
      n,
      tf.tidy(() => tf.variable(tf.zerosLike(p), false)),
    );
  }
  return {
    kind: o.nesterov ? 'sgd-nesterov' : 'sgd',
    step(grads, lr) {
      if (!(lr >= 0)) throw new RangeError(`learning rate must be ≥ 0, got ${lr}`);
      for (const n of names) {
        const g0 = grads.get(n);
        if (!g0) throw new Error(`no gradient for parameter ${n}`);
        const p = params.get(n)!;
        const b = buffers.get(n)!;
        tf.tidy(() => {
          const g = o.weightDecay !== 0 ? tf.add(g0, tf.mul(p, o.weightDecay)) : g0;
          const nb = o.momentum !== 0 ? tf.add(tf.mul(b, o.momentum), g) : g;
          const d = o.nesterov ? tf.add(g, tf.mul(nb, o.momentum)) : nb;
          b.assign(nb);
          p.assign(tf.sub(p, tf.mul(d, lr)));
        });
      }
    },
    stateTensors: () => new Map(names.map((n) => [`momentum:${n}`, buffers.get(n)! as tf.Tensor])),
    loadState(values) {
      for (const n of names) {
        const v = values.get(`momentum:${n}`);
        const b = buffers.get(n)!;
        if (!v) throw new Error(`optimizer state lacks momentum:${n}`);
        if (v.shape.join() !== b.shape.join())
          throw new Error(`optimizer state momentum:${n} has shape [${v.shape}], expected [${b.shape}]`);
        tf.tidy(() => b.assign(tf.tensor(v.values, v.shape)));
      }
    },
    dispose: () => buffers.forEach((b) => b.dispose()),
  };
}

/**
 * Scales gradients so that their global L2 norm is at most `maxNorm`; returns the norm before clipping.
 * Reference: PyTorch `clip_grad_norm_` (norm over all gradients together, coefficient
 * min(1, maxNorm / (norm + 1e-6)), every gradient multiplied by it).
 */
export function clipGlobalNorm(
  grads: Map<string, tf.Tensor>,
  maxNorm: number | null,
): { norm: number; scale: number } {
  const total = tf.tidy(() => tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g)))));
  const norm = Math.sqrt(total.dataSync()[0]!);
  total.dispose();
  if (maxNorm === null) return { norm, scale: 1 };
  const scale = Math.min(1, maxNorm / (norm + 1e-6));
  if (scale < 1) {
    for (const [n, g] of grads) {
      grads.set(n, tf.mul(g, scale));
      g.dispose();
    }
  }
  return { norm, scale };
}
