// Plain float64 JavaScript reference implementations of the op layer, with their gradients, for tests.
// Written from the definitions (PyTorch semantics, channels-last layout of ./types.ts), not from any
// TF.js code, so they are an independent check. Loops only: use on tiny tensors.

export type Shape5 = [number, number, number, number, number];
export type S3 = readonly [number, number, number];

export interface Arr {
  data: Float64Array;
  shape: number[];
}

const idx5 = (s: readonly number[], a: number, b: number, c: number, d: number, e: number): number =>
  (((a * s[1]! + b) * s[2]! + c) * s[3]! + d) * s[4]! + e;

/** Conv3d: x [B,D,H,W,Ci], w [k,k,k,Ci,Co] (cubic kernel k), padding p, stride s; returns y [B,Do,Ho,Wo,Co]. */
export function convRef(x: Arr, w: Arr, b: Float64Array | null, s: S3, p: number): Arr {
  const [B, D, H, W, Ci] = x.shape as Shape5;
  const [k, , , , Co] = w.shape as Shape5;
  const out = [D, H, W].map((n, a) => Math.floor((n + 2 * p - k) / s[a]!) + 1) as [number, number, number];
  const shape = [B, out[0], out[1], out[2], Co];
  const y = new Float64Array(B * out[0] * out[1] * out[2] * Co);
  forConv(x.shape, w.shape, s, p, out, (xi, wi, yi) => {
    for (let co = 0; co < Co; co++) y[yi + co]! += x.data[xi]! * w.data[wi + co]!;
  });
  if (b) for (let i = 0; i < y.length; i++) y[i]! += b[i % Co]!;
  void Ci;
  return { data: y, shape };
}

/** Gradients of Σ conv(x, w, b) ⊙ dy with respect to x, w and b. */
export function convRefGrads(
  x: Arr,
  w: Arr,
  dy: Arr,
  s: S3,
  p: number,
): { dx: Arr; dw: Arr; db: Float64Array } {
  const Co = w.shape[4]!;
  const dx = new Float64Array(x.data.length);
  const dw = new Float64Array(w.data.length);
  const out = dy.shape.slice(1, 4) as [number, number, number];
  forConv(x.shape, w.shape, s, p, out, (xi, wi, yi) => {
    for (let co = 0; co < Co; co++) {
      dx[xi]! += w.data[wi + co]! * dy.data[yi + co]!;
      dw[wi + co]! += x.data[xi]! * dy.data[yi + co]!;
    }
  });
  const db = new Float64Array(Co);
  for (let i = 0; i < dy.data.length; i++) db[i % Co]! += dy.data[i]!;
  return { dx: { data: dx, shape: x.shape }, dw: { data: dw, shape: w.shape }, db };
}

/** Visits every (input element, filter row, output voxel) triple of a padded, strided conv. */
function forConv(
  xs: number[],
  ws: number[],
  s: S3,
  p: number,
  out: [number, number, number],
  f: (xi: number, wi: number, yi: number) => void,
): void {
  const [B, D, H, W, Ci] = xs as Shape5;
  const [k, , , , Co] = ws as Shape5;
  const ys = [B, out[0], out[1], out[2], Co];
  for (let b = 0; b < B; b++)
    for (let od = 0; od < out[0]; od++)
      for (let oh = 0; oh < out[1]; oh++)
        for (let ow = 0; ow < out[2]; ow++)
          for (let kd = 0; kd < k; kd++)
            for (let kh = 0; kh < k; kh++)
              for (let kw = 0; kw < k; kw++) {
                const d = od * s[0] + kd - p;
                const h = oh * s[1] + kh - p;
                const w = ow * s[2] + kw - p;
                if (d < 0 || h < 0 || w < 0 || d >= D || h >= H || w >= W) continue;
                for (let ci = 0; ci < Ci; ci++) {
                  f(idx5(xs, b, d, h, w, ci), idx5(ws, kd, kh, kw, ci, 0), idx5(ys, b, od, oh, ow, 0));
                }
              }
}

/** Transposed conv with kernel = stride: x [B,D,H,W,Ci], w [sd,sh,sw,Co,Ci] → y [B,D·sd,H·sh,W·sw,Co]. */
export function convTransposeRef(x: Arr, w: Arr, b: Float64Array | null, s: S3): Arr {
  const [B, D, H, W] = x.shape as Shape5;
  const Co = w.shape[3]!;
  const shape = [B, D * s[0], H * s[1], W * s[2], Co];
  const y = new Float64Array(shape.reduce((a, v) => a * v, 1));
  forTransposed(x.shape, w.shape, s, (xi, wi, yi, Ci) => {
    for (let co = 0; co < Co; co++) y[yi + co]! += x.data[xi]! * w.data[wi + co * Ci]!;
  });
  if (b) for (let i = 0; i < y.length; i++) y[i]! += b[i % Co]!;
  return { data: y, shape };
}

export function convTransposeRefGrads(
  x: Arr,
  w: Arr,
  dy: Arr,
  s: S3,
): { dx: Arr; dw: Arr; db: Float64Array } {
  const Co = w.shape[3]!;
  const dx = new Float64Array(x.data.length);
  const dw = new Float64Array(w.data.length);
  forTransposed(x.shape, w.shape, s, (xi, wi, yi, Ci) => {
    for (let co = 0; co < Co; co++) {
      dx[xi]! += w.data[wi + co * Ci]! * dy.data[yi + co]!;
      dw[wi + co * Ci]! += x.data[xi]! * dy.data[yi + co]!;
    }
  });
  const db = new Float64Array(Co);
  for (let i = 0; i < dy.data.length; i++) db[i % Co]! += dy.data[i]!;
  return { dx: { data: dx, shape: x.shape }, dw: { data: dw, shape: w.shape }, db };
}

function forTransposed(
  xs: number[],
  ws: number[],
  s: S3,
  f: (xi: number, wi: number, yi: number, Ci: number) => void,
): void {
  const [B, D, H, W, Ci] = xs as Shape5;
  const Co = ws[3]!;
  const ys = [B, D * s[0], H * s[1], W * s[2], Co];
  for (let b = 0; b < B; b++)
    for (let d = 0; d < D; d++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++)
          for (let kd = 0; kd < s[0]; kd++)
            for (let kh = 0; kh < s[1]; kh++)
              for (let kw = 0; kw < s[2]; kw++)
                for (let ci = 0; ci < Ci; ci++) {
                  const yi = idx5(ys, b, d * s[0] + kd, h * s[1] + kh, w * s[2] + kw, 0);
                  f(idx5(xs, b, d, h, w, ci), idx5(ws, kd, kh, kw, 0, ci), yi, Ci);
                }
}

/** Average pooling with kernel = stride. */
export function avgPoolRef(x: Arr, s: S3): Arr {
  const [B, D, H, W, C] = x.shape as Shape5;
  const shape = [B, D / s[0], H / s[1], W / s[2], C];
  const y = new Float64Array(x.data.length / (s[0] * s[1] * s[2]));
  const n = s[0] * s[1] * s[2];
  for (let b = 0; b < B; b++)
    for (let d = 0; d < D; d++)
      for (let h = 0; h < H; h++)
        for (let w = 0; w < W; w++)
          for (let c = 0; c < C; c++) {
            const yi = idx5(shape, b, Math.floor(d / s[0]), Math.floor(h / s[1]), Math.floor(w / s[2]), c);
            y[yi]! += x.data[idx5(x.shape, b, d, h, w, c)]! / n;
          }
  return { data: y, shape };
}

/** Instance norm forward and the gradients of Σ y ⊙ dy (eps inside the square root, biased variance). */
export function instanceNormRef(
  x: Arr,
  gamma: Float64Array,
  beta: Float64Array,
  dy: Arr,
  eps: number,
): { y: Arr; dx: Arr; dgamma: Float64Array; dbeta: Float64Array } {
  const [B, , , , C] = x.shape as Shape5;
  const n = x.data.length / (B * C);
  const y = new Float64Array(x.data.length);
  const dx = new Float64Array(x.data.length);
  const dgamma = new Float64Array(C);
  const dbeta = new Float64Array(C);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++) {
      const at = (i: number) => (b * n + i) * C + c;
      let mean = 0;
      for (let i = 0; i < n; i++) mean += x.data[at(i)]! / n;
      let v = 0;
      for (let i = 0; i < n; i++) v += (x.data[at(i)]! - mean) ** 2 / n;
      const inv = 1 / Math.sqrt(v + eps);
      let mg = 0;
      let mgx = 0;
      for (let i = 0; i < n; i++) {
        const xh = (x.data[at(i)]! - mean) * inv;
        const g = dy.data[at(i)]!;
        y[at(i)] = gamma[c]! * xh + beta[c]!;
        dgamma[c]! += g * xh;
        dbeta[c]! += g;
        mg += (g * gamma[c]!) / n;
        mgx += (g * gamma[c]! * xh) / n;
      }
      for (let i = 0; i < n; i++) {
        const xh = (x.data[at(i)]! - mean) * inv;
        dx[at(i)] = inv * (dy.data[at(i)]! * gamma[c]! - mg - xh * mgx);
      }
    }
  return { y: { data: y, shape: x.shape }, dx: { data: dx, shape: x.shape }, dgamma, dbeta };
}
