// Selective state-space scan of Mamba2 ("SSD"), umamba2-spec.md §2.2 step 5. Per head h, with state
// S ∈ ℝ^{P×N}, S₀ = 0:
//   S_t = exp(Δ_t,h·A_h)·S_{t−1} + Δ_t,h·(x_t,h ⊗ B_t),   y_t,h = S_t·C_t      (the D skip is added by the caller)
// Shapes: x [B, L, H, P], dt (Δ, after softplus) [B, L, H], A [H] (negative), Bm, Cm [B, L, N]
// (ngroups = 1: B and C are shared by all heads); returns y [B, L, H, P].
// Three forms: `ssdQuadratic` (closed form with an L×L lower-triangular matrix per head — for short
// sequences like the 80-token bottleneck), `ssdChunked` (quadratic inside chunks of Q tokens, states
// carried between chunks — for long ones) and `ssdRecurrent` (step by step, the tests' reference).
import * as tf from '@tensorflow/tfjs';
import { matMulT, swapLast } from '../runtime/ops/matmul.js';

/**
 * Cumulative sum along `axis`, computed on the last axis. Deviation: tfjs 4.22's Cumsum gradient
 * returns a wrongly shaped tensor for any axis but the last, so we transpose around it.
 */
export function cumsumAxis<T extends tf.Tensor>(t: T, axis: number): T {
  const last = t.rank - 1;
  if (axis === last) return tf.cumsum(t, last) as T;
  const perm = [...Array(t.rank).keys()];
  perm[axis] = last;
  perm[last] = axis;
  return tf.transpose(tf.cumsum(tf.transpose(t, perm), last), perm) as T;
}

/** Lower-triangular mask [L, L] (ones on and below the diagonal, or strictly below). */
function trilMask(L: number, strict: boolean): tf.Tensor2D {
  const m = new Float32Array(L * L);
  for (let t = 0; t < L; t++) for (let s = 0; s < (strict ? t : t + 1); s++) m[t * L + s] = 1;
  return tf.tensor2d(m, [L, L]);
}

/**
 * exp(A_h·(g_t − g_s)) on and below the diagonal, 0 above, for g [Bt, H, L] → [Bt, H, L, L].
 * The exponent is clamped at 0 before exp so the masked entries (positive exponents) never overflow;
 * on the kept entries it is ≤ 0 already (A < 0, g non-decreasing), so the clamp changes nothing there.
 */
function decayMatrix(g: tf.Tensor3D, A: tf.Tensor1D, strict: boolean): tf.Tensor4D {
  const [, H, L] = g.shape;
  const diff = tf.sub(tf.expandDims(g, 3), tf.expandDims(g, 2)); // [Bt, H, L(t), L(s)]
  const scaled = tf.mul(diff, tf.reshape(A, [1, H, 1, 1]));
  return tf.mul(tf.exp(tf.minimum(scaled, 0)), trilMask(L, strict)) as tf.Tensor4D;
}

/** Closed quadratic form: y_t = Σ_{s≤t} (C_t·B_s)·exp(A(Γ_t − Γ_s))·Δ_s·x_s, Γ = cumsum(Δ). */
export function ssdQuadratic(
  x: tf.Tensor4D,
  dt: tf.Tensor3D,
  A: tf.Tensor1D,
  Bm: tf.Tensor3D,
  Cm: tf.Tensor3D,
): tf.Tensor4D {
  const [Bt, L, H, P] = x.shape;
  return tf.tidy(() => {
    const cb = matMulT(Cm, swapLast(Bm)); // [Bt, L(t), L(s)]
    const gamma = tf.cumsum(tf.transpose(dt, [0, 2, 1]), 2) as tf.Tensor3D; // [Bt, H, L]
    const M = tf.mul(decayMatrix(gamma, A, false), tf.expandDims(cb, 1)); // [Bt, H, L, L]
    const xdt = tf.transpose(tf.mul(x, tf.expandDims(dt, 3)), [0, 2, 1, 3]); // [Bt, H, L, P]
    const y = matMulT(
      tf.reshape(M, [Bt * H, L, L]) as tf.Tensor3D,
      tf.reshape(xdt, [Bt * H, L, P]) as tf.Tensor3D,
    );
    return tf.transpose(tf.reshape(y, [Bt, H, L, P]), [0, 2, 1, 3]) as tf.Tensor4D;
  });
}

/**
 * Chunked form: the sequence is cut into chunks of Q tokens (zero-padded at the end: Δ = 0 adds
 * nothing and decays nothing). Within a chunk the quadratic form; between chunks the state at each
 * chunk's end, S_c = Σ_s exp(A(Γ_end − Γ_s))·Δ_s·(x_s ⊗ B_s), is carried forward with decay
 * exp(A·ΣΔ over the chunks in between) — a small nc×nc lower-triangular matrix per head — and read
 * out as C_t·S_in·exp(A·Γ_t) (Γ local to the chunk).
 */
export function ssdChunked(
  x: tf.Tensor4D,
  dt: tf.Tensor3D,
  A: tf.Tensor1D,
  Bm: tf.Tensor3D,
  Cm: tf.Tensor3D,
  chunk: number,
): tf.Tensor4D {
  const [Bt, L, H, P] = x.shape;
  const N = Bm.shape[2];
  if (!(chunk >= 1 && Number.isInteger(chunk)))
    throw new Error(`chunk size must be a positive integer, got ${chunk}`);
  const nc = Math.ceil(L / chunk);
  const Q = chunk;
  if (nc === 1) return ssdQuadratic(x, dt, A, Bm, Cm);
  return tf.tidy(() => {
    const padT = nc * Q - L;
    const padTime = <T extends tf.Tensor>(t: T): T =>
      (padT === 0
        ? t
        : tf.pad(t, [[0, 0], [0, padT], ...t.shape.slice(2).map(() => [0, 0] as [number, number])])) as T;
    const xc = tf.reshape(padTime(x), [Bt * nc, Q, H, P]) as tf.Tensor4D;
    const dtc = tf.reshape(padTime(dt), [Bt * nc, Q, H]) as tf.Tensor3D;
    const Bc = tf.reshape(padTime(Bm), [Bt * nc, Q, N]) as tf.Tensor3D;
    const Cc = tf.reshape(padTime(Cm), [Bt * nc, Q, N]) as tf.Tensor3D;

    const yIntra = ssdQuadratic(xc, dtc, A, Bc, Cc); // [Bt·nc, Q, H, P]

    const gLocal = cumsumAxis(dtc, 1); // [Bt·nc, Q, H]
    const gLast = tf.slice(gLocal, [0, Q - 1, 0], [Bt * nc, 1, H]); // [Bt·nc, 1, H]
    const toEnd = tf.exp(tf.mul(tf.sub(gLast, gLocal), A)); // [Bt·nc, Q, H], ≤ 1
    const u = tf.reshape(tf.mul(xc, tf.expandDims(tf.mul(dtc, toEnd), 3)), [
      Bt * nc,
      Q,
      H * P,
    ]) as tf.Tensor3D;
    const states = matMulT(swapLast(Bc), u); // [Bt·nc, N, H·P]

    // Carry states across chunks: S_in[c] = Σ_{c'<c} exp(A(T[c−1] − T[c']))·S[c'], T = cumsum of chunk totals.
    const T = tf.cumsum(tf.transpose(tf.reshape(gLast, [Bt, nc, H]), [0, 2, 1]), 2) as tf.Tensor3D; // [Bt, H, nc]
    const Tprev = tf.pad(tf.slice(T, [0, 0, 0], [Bt, H, nc - 1]), [
      [0, 0],
      [0, 0],
      [1, 0],
    ]);
    const diff = tf.sub(tf.expandDims(Tprev, 3), tf.expandDims(T, 2)); // [Bt, H, nc(c), nc(c')]
    const carry = tf.mul(
      tf.exp(tf.minimum(tf.mul(diff, tf.reshape(A, [1, H, 1, 1])), 0)),
      trilMask(nc, true),
    );
    const sHeads = tf.reshape(tf.transpose(tf.reshape(states, [Bt, nc, N, H, P]), [0, 3, 1, 2, 4]), [
      Bt * H,
      nc,
      N * P,
    ]) as tf.Tensor3D;
    const sIn = matMulT(tf.reshape(carry, [Bt * H, nc, nc]) as tf.Tensor3D, sHeads); // [Bt·H, nc, N·P]
    const sInChunks = tf.reshape(tf.transpose(tf.reshape(sIn, [Bt, H, nc, N, P]), [0, 2, 3, 1, 4]), [
      Bt * nc,
      N,
      H * P,
    ]) as tf.Tensor3D;
    const read = tf.reshape(matMulT(Cc, sInChunks), [Bt * nc, Q, H, P]); // C_t · S_in
    const yOff = tf.mul(read, tf.expandDims(tf.exp(tf.mul(gLocal, A)), 3));

    const y = tf.reshape(tf.add(yIntra, yOff), [Bt, nc * Q, H * P]);
    return tf.reshape(padT === 0 ? y : tf.slice(y, [0, 0, 0], [Bt, L, H * P]), [Bt, L, H, P]) as tf.Tensor4D;
  });
}

/** Step-by-step recurrence (the definition); O(L) small ops, for tests. */
export function ssdRecurrent(
  x: tf.Tensor4D,
  dt: tf.Tensor3D,
  A: tf.Tensor1D,
  Bm: tf.Tensor3D,
  Cm: tf.Tensor3D,
): tf.Tensor4D {
  const [Bt, L, H, P] = x.shape;
  const N = Bm.shape[2];
  return tf.tidy(() => {
    const xs = tf.unstack(x, 1); // L × [Bt, H, P]
    const dts = tf.unstack(dt, 1); // L × [Bt, H]
    const bs = tf.unstack(Bm, 1); // L × [Bt, N]
    const cs = tf.unstack(Cm, 1);
    let S: tf.Tensor = tf.zeros([Bt, H, P, N]);
    const ys: tf.Tensor[] = [];
    for (let t = 0; t < L; t++) {
      const d = tf.reshape(dts[t]!, [Bt, H, 1, 1]);
      const decay = tf.exp(tf.mul(d, tf.reshape(A, [1, H, 1, 1])));
      const inp = tf.mul(tf.mul(tf.reshape(xs[t]!, [Bt, H, P, 1]), d), tf.reshape(bs[t]!, [Bt, 1, 1, N]));
      S = tf.add(tf.mul(decay, S), inp);
      ys.push(tf.sum(tf.mul(S, tf.reshape(cs[t]!, [Bt, 1, 1, N])), 3));
    }
    return tf.stack(ys, 1) as tf.Tensor4D;
  });
}
