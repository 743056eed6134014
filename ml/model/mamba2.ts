// The Mamba2 bottleneck layer: `MambaLayer2` = LayerNorm → `Mamba2Simple` (umamba2-spec.md §1.3, §2).
// Tokens u: [B, L, d_model] (channels-last flattening of the bottleneck, row-major D, H, W).
// Parameter layouts (TF side; PyTorch → here):
//   in_proj.weight [d_model, d_in_proj] (Linear [out, in] transposed), out_proj.weight [d_inner, d_model],
//   conv1d.weight [d_conv, conv_dim] (depthwise Conv1d [conv_dim, 1, d_conv] squeezed and transposed).
import * as tf from '@tensorflow/tfjs';
import type { Ops } from '../runtime/ops/types.js';
import { param, type ParamSpec, type Params } from './params.js';
import { ssdChunked, ssdQuadratic } from './ssd.js';

export interface Mamba2Config {
  dModel: number;
  dState: number;
  dConv: number;
  expand: number;
  headdim: number;
  /** Sequences longer than this use the chunked SSD form. */
  quadraticMaxLen: number;
  /** Chunk length of the chunked form. */
  chunkSize: number;
}

/** Reference defaults (MambaLayer2: d_state 32, d_conv 4, expand 2, headdim 80; ngroups 1). */
export const MAMBA2_DEFAULTS: Omit<Mamba2Config, 'dModel'> = {
  dState: 32,
  dConv: 4,
  expand: 2,
  headdim: 80,
  quadraticMaxLen: 256,
  chunkSize: 128,
};

export function mamba2Dims(c: Mamba2Config) {
  const dInner = c.expand * c.dModel;
  if (dInner % c.headdim !== 0)
    throw new Error(`mamba2: d_inner ${dInner} is not a multiple of headdim ${c.headdim}`);
  const nheads = dInner / c.headdim;
  const convDim = dInner + 2 * c.dState;
  return { dInner, nheads, convDim, dInProj: dInner + convDim + nheads };
}

const EPS = 1e-5;

/** Specs of `MambaLayer2` under `prefix` (e.g. `mamba_layer`), including the outer LayerNorm. */
export function mamba2ParamSpecs(prefix: string, c: Mamba2Config): ParamSpec[] {
  const { dInner, nheads, convDim, dInProj } = mamba2Dims(c);
  const m = `${prefix}.mamba`;
  const linear = (fanIn: number) => ({ kind: 'uniform', bound: 1 / Math.sqrt(fanIn) }) as const; // Kaiming-uniform a=√5
  return [
    { name: `${prefix}.norm.weight`, shape: [c.dModel], init: { kind: 'const', value: 1 } },
    { name: `${prefix}.norm.bias`, shape: [c.dModel], init: { kind: 'const', value: 0 } },
    { name: `${m}.in_proj.weight`, shape: [c.dModel, dInProj], init: linear(c.dModel) },
    { name: `${m}.conv1d.weight`, shape: [c.dConv, convDim], init: linear(c.dConv) },
    { name: `${m}.conv1d.bias`, shape: [convDim], init: linear(c.dConv) },
    {
      name: `${m}.dt_bias`,
      shape: [nheads],
      init: { kind: 'dtBias', dtMin: 0.001, dtMax: 0.1, floor: 1e-4 },
    },
    { name: `${m}.A_log`, shape: [nheads], init: { kind: 'aLog', lo: 1, hi: 16 } },
    { name: `${m}.D`, shape: [nheads], init: { kind: 'const', value: 1 } },
    { name: `${m}.norm.weight`, shape: [dInner], init: { kind: 'const', value: 1 } },
    { name: `${m}.out_proj.weight`, shape: [dInner, c.dModel], init: linear(dInner) },
  ];
}

const silu = (t: tf.Tensor) => tf.mul(t, tf.sigmoid(t));

/** LayerNorm over the last axis (biased variance, eps 1e-5), then γ, β. */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor1D, beta: tf.Tensor1D): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  return tf.add(tf.mul(tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, EPS))), gamma), beta);
}

/** Causal depthwise conv over time: v_t = b + Σ_k w[k]·u_{t−K+1+k} (zeros before t = 0). u [B, L, C], w [K, C]. */
export function causalDepthwiseConv(u: tf.Tensor3D, w: tf.Tensor2D, b: tf.Tensor1D): tf.Tensor3D {
  const [B, L, C] = u.shape;
  const K = w.shape[0];
  const padded = tf.pad(u, [
    [0, 0],
    [K - 1, 0],
    [0, 0],
  ]);
  const taps = tf.unstack(w); // K × [C]
  let acc: tf.Tensor = b;
  for (let k = 0; k < K; k++) acc = tf.add(acc, tf.mul(tf.slice(padded, [0, k, 0], [B, L, C]), taps[k]!));
  return acc as tf.Tensor3D;
}

/** Mamba2Simple on already-normalised tokens u [B, L, d_model] → [B, L, d_model] (spec §2.2 steps 1–8). */
export function mamba2Simple(
  params: Params,
  prefix: string,
  u: tf.Tensor3D,
  c: Mamba2Config,
  ops: Ops,
): tf.Tensor3D {
  const { dInner, nheads, convDim } = mamba2Dims(c);
  const [B, L, d] = u.shape;
  const p = (n: string) => param(params, `${prefix}.${n}`);
  return tf.tidy(() => {
    const zxbcdt = ops.matMul(tf.reshape(u, [B * L, d]) as tf.Tensor2D, p('in_proj.weight') as tf.Tensor2D);
    const [z, xBC, dtRaw] = tf.split(zxbcdt, [dInner, convDim, nheads], 1);
    const conv = causalDepthwiseConv(
      tf.reshape(xBC!, [B, L, convDim]) as tf.Tensor3D,
      p('conv1d.weight') as tf.Tensor2D,
      p('conv1d.bias') as tf.Tensor1D,
    );
    const [xs, Bm, Cm] = tf.split(silu(conv), [dInner, c.dState, c.dState], 2);
    const dt = tf.softplus(tf.add(tf.reshape(dtRaw!, [B, L, nheads]), p('dt_bias'))) as tf.Tensor3D;
    const A = tf.neg(tf.exp(p('A_log'))) as tf.Tensor1D;
    const x4 = tf.reshape(xs!, [B, L, nheads, c.headdim]) as tf.Tensor4D;
    const scan =
      L <= c.quadraticMaxLen
        ? ssdQuadratic(x4, dt, A, Bm as tf.Tensor3D, Cm as tf.Tensor3D)
        : ssdChunked(x4, dt, A, Bm as tf.Tensor3D, Cm as tf.Tensor3D, c.chunkSize);
    const y = tf.reshape(tf.add(scan, tf.mul(x4, tf.reshape(p('D'), [1, 1, nheads, 1]))), [B * L, dInner]);
    // Gated RMSNorm, norm after the gate (norm_before_gate = False), one group of d_inner.
    const g = tf.mul(y, silu(z!));
    const normed = tf.mul(
      tf.mul(g, tf.rsqrt(tf.add(tf.mean(tf.square(g), -1, true), EPS))),
      p('norm.weight'),
    );
    const out = ops.matMul(normed as tf.Tensor2D, p('out_proj.weight') as tf.Tensor2D);
    return tf.reshape(out, [B, L, d]) as tf.Tensor3D;
  });
}

/** MambaLayer2: LayerNorm then Mamba2Simple, no residual (spec §1.3). x [B, L, d_model]. */
export function mambaLayer(
  params: Params,
  prefix: string,
  x: tf.Tensor3D,
  c: Mamba2Config,
  ops: Ops,
): tf.Tensor3D {
  return tf.tidy(() => {
    const n = layerNorm(x, param(params, `${prefix}.norm.weight`), param(params, `${prefix}.norm.bias`));
    return mamba2Simple(params, `${prefix}.mamba`, n as tf.Tensor3D, c, ops);
  });
}
