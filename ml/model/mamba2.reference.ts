// Float64 JavaScript reference of the Mamba2 layer (umamba2-spec.md §2.2, written from the formulas,
// step-by-step recurrence), for tests only. Arrays are row-major with the shapes noted.

export interface MambaRefParams {
  normW: Float64Array; // [d]
  normB: Float64Array; // [d]
  inProj: Float64Array; // [d, dInProj]
  convW: Float64Array; // [K, convDim]
  convB: Float64Array; // [convDim]
  dtBias: Float64Array; // [H]
  aLog: Float64Array; // [H]
  D: Float64Array; // [H]
  gnormW: Float64Array; // [dInner]
  outProj: Float64Array; // [dInner, d]
}

const softplus = (v: number) => (v > 20 ? v : Math.log1p(Math.exp(v)));
const silu = (v: number) => v / (1 + Math.exp(-v));

/** SSD recurrence: x [L, H, P], dt [L, H], A [H], B, C [L, N] → y [L, H, P] (one sequence). */
export function ssdRef(
  x: Float64Array,
  dt: Float64Array,
  A: Float64Array,
  Bm: Float64Array,
  Cm: Float64Array,
  L: number,
  H: number,
  P: number,
  N: number,
): Float64Array {
  const y = new Float64Array(L * H * P);
  for (let h = 0; h < H; h++) {
    const S = new Float64Array(P * N);
    for (let t = 0; t < L; t++) {
      const d = dt[t * H + h]!;
      const decay = Math.exp(d * A[h]!);
      for (let p = 0; p < P; p++) {
        const xv = x[(t * H + h) * P + p]!;
        let acc = 0;
        for (let n = 0; n < N; n++) {
          S[p * N + n] = decay * S[p * N + n]! + d * xv * Bm[t * N + n]!;
          acc += S[p * N + n]! * Cm[t * N + n]!;
        }
        y[(t * H + h) * P + p] = acc;
      }
    }
  }
  return y;
}

/** MambaLayer2 on one sequence u [L, d] → [L, d]. */
export function mambaLayerRef(
  u: Float64Array,
  L: number,
  d: number,
  dims: {
    dInner: number;
    nheads: number;
    convDim: number;
    dInProj: number;
    dState: number;
    headdim: number;
    dConv: number;
  },
  w: MambaRefParams,
): Float64Array {
  const { dInner, nheads: H, convDim, dInProj, dState: N, headdim: P, dConv: K } = dims;
  const eps = 1e-5;
  const zx = new Float64Array(L * dInProj);
  for (let t = 0; t < L; t++) {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += u[t * d + i]! / d;
    let v = 0;
    for (let i = 0; i < d; i++) v += (u[t * d + i]! - mean) ** 2 / d;
    const inv = 1 / Math.sqrt(v + eps);
    for (let i = 0; i < d; i++) {
      const n = (u[t * d + i]! - mean) * inv * w.normW[i]! + w.normB[i]!;
      for (let j = 0; j < dInProj; j++) zx[t * dInProj + j]! += n * w.inProj[i * dInProj + j]!;
    }
  }
  const xbc = new Float64Array(L * convDim);
  for (let t = 0; t < L; t++)
    for (let c = 0; c < convDim; c++) {
      let acc = w.convB[c]!;
      for (let k = 0; k < K; k++) {
        const s = t - K + 1 + k;
        if (s >= 0) acc += w.convW[k * convDim + c]! * zx[s * dInProj + dInner + c]!;
      }
      xbc[t * convDim + c] = silu(acc);
    }
  const x = new Float64Array(L * dInner);
  const Bm = new Float64Array(L * N);
  const Cm = new Float64Array(L * N);
  const dt = new Float64Array(L * H);
  for (let t = 0; t < L; t++) {
    for (let i = 0; i < dInner; i++) x[t * dInner + i] = xbc[t * convDim + i]!;
    for (let n = 0; n < N; n++) {
      Bm[t * N + n] = xbc[t * convDim + dInner + n]!;
      Cm[t * N + n] = xbc[t * convDim + dInner + N + n]!;
    }
    for (let h = 0; h < H; h++)
      dt[t * H + h] = softplus(zx[t * dInProj + dInner + convDim + h]! + w.dtBias[h]!);
  }
  const A = w.aLog.map((a) => -Math.exp(a));
  const y = ssdRef(x, dt, A, Bm, Cm, L, H, P, N);
  const out = new Float64Array(L * d);
  for (let t = 0; t < L; t++) {
    const g = new Float64Array(dInner);
    let ms = 0;
    for (let i = 0; i < dInner; i++) {
      const h = Math.floor(i / P);
      g[i] = (y[t * dInner + i]! + w.D[h]! * x[t * dInner + i]!) * silu(zx[t * dInProj + i]!);
      ms += g[i]! ** 2 / dInner;
    }
    const inv = 1 / Math.sqrt(ms + eps);
    for (let i = 0; i < dInner; i++) {
      const nv = g[i]! * inv * w.gnormW[i]!;
      for (let j = 0; j < d; j++) out[t * d + j]! += nv * w.outProj[i * d + j]!;
    }
  }
  return out;
}
