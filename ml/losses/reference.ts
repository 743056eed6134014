// Plain-loop float64 reference of the losses, written from the formulas in spec §3.3/§3.7/§3.8 and used only
// by the tests (never by the implementation). Layout: channels-last, row-major, i.e. logits[((b·N)+v)·C + c]
// with v = (i0·D1 + i1)·D2 + i2 and N = D0·D1·D2; labels[b·N + v].

export interface Grid {
  b: number;
  d: [number, number, number];
  c: number;
}

export const voxels = (g: Grid): number => g.d[0] * g.d[1] * g.d[2];

export function softmaxRef(logits: ArrayLike<number>, c: number): Float64Array {
  const out = new Float64Array(logits.length);
  for (let r = 0; r < logits.length / c; r++) {
    let m = -Infinity;
    for (let k = 0; k < c; k++) m = Math.max(m, logits[r * c + k]!);
    let s = 0;
    for (let k = 0; k < c; k++) s += Math.exp(logits[r * c + k]! - m);
    for (let k = 0; k < c; k++) out[r * c + k] = Math.exp(logits[r * c + k]! - m) / s;
  }
  return out;
}

export interface RefDiceOptions {
  doBackground?: boolean;
  batchDice?: boolean;
  smooth?: number;
  ignoreLabel?: number;
}

/** −mean Dice over (sample, class) or (class) entries; ignored voxels count nowhere. */
export function diceRef(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  g: Grid,
  o: RefDiceOptions = {},
): number {
  const p = softmaxRef(logits, g.c);
  const n = voxels(g);
  const first = o.doBackground ? 0 : 1;
  const smooth = o.smooth ?? 0;
  const rows = o.batchDice ? 1 : g.b;
  const I = new Float64Array(rows * g.c);
  const P = new Float64Array(rows * g.c);
  const G = new Float64Array(rows * g.c);
  for (let b = 0; b < g.b; b++) {
    const row = o.batchDice ? 0 : b;
    for (let v = 0; v < n; v++) {
      const lab = labels[b * n + v]!;
      if (o.ignoreLabel !== undefined && lab === o.ignoreLabel) continue;
      for (let k = 0; k < g.c; k++) {
        const pk = p[(b * n + v) * g.c + k]!;
        const yk = lab === k ? 1 : 0;
        I[row * g.c + k]! += pk * yk;
        P[row * g.c + k]! += pk;
        G[row * g.c + k]! += yk;
      }
    }
  }
  let sum = 0;
  let count = 0;
  for (let r = 0; r < rows; r++) {
    for (let k = first; k < g.c; k++) {
      const i = r * g.c + k;
      sum += (2 * I[i]! + smooth) / Math.max(G[i]! + P[i]! + smooth, 1e-8);
      count++;
    }
  }
  return -sum / count;
}

/** Mean −log p[label] over the counted voxels (0 when none counts). */
export function ceRef(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  g: Grid,
  ignoreLabel?: number,
): number {
  const p = softmaxRef(logits, g.c);
  let s = 0;
  let count = 0;
  for (let r = 0; r < g.b * voxels(g); r++) {
    const lab = labels[r]!;
    if (ignoreLabel !== undefined && lab === ignoreLabel) continue;
    s -= Math.log(p[r * g.c + lab]!);
    count++;
  }
  return count === 0 ? 0 : s / count;
}

export function diceCeRef(
  logits: ArrayLike<number>,
  labels: ArrayLike<number>,
  g: Grid,
  o: RefDiceOptions = {},
): number {
  return ceRef(logits, labels, g, o.ignoreLabel) + diceRef(logits, labels, g, o);
}

/** Nearest resize of a [B, D0, D1, D2] label map (PyTorch index rules). */
export function resizeRef(
  labels: ArrayLike<number>,
  b: number,
  din: [number, number, number],
  dout: [number, number, number],
  mode: 'nearest' | 'nearest-exact',
): Float64Array {
  const src = (i: number, a: number) =>
    Math.min(Math.floor((mode === 'nearest' ? i : i + 0.5) * (din[a]! / dout[a]!)), din[a]! - 1);
  const out = new Float64Array(b * dout[0] * dout[1] * dout[2]);
  let o = 0;
  for (let s = 0; s < b; s++)
    for (let i = 0; i < dout[0]; i++)
      for (let j = 0; j < dout[1]; j++)
        for (let k = 0; k < dout[2]; k++)
          out[o++] = labels[((s * din[0] + src(i, 0)) * din[1] + src(j, 1)) * din[2] + src(k, 2)]!;
  return out;
}

/** Pseudo labels: argmax where max prob ≥ thr, else 0. */
export function pseudoRef(logits: ArrayLike<number>, c: number, thr: number): Float64Array {
  const p = softmaxRef(logits, c);
  const out = new Float64Array(logits.length / c);
  for (let r = 0; r < out.length; r++) {
    let best = 0;
    for (let k = 1; k < c; k++) if (p[r * c + k]! > p[r * c + best]!) best = k;
    out[r] = p[r * c + best]! >= thr ? best : 0;
  }
  return out;
}

/** mean (softmax(a) − softmax(b))² over every element. */
export function softmaxMseRef(a: ArrayLike<number>, b: ArrayLike<number>, c: number): number {
  const pa = softmaxRef(a, c);
  const pb = softmaxRef(b, c);
  let s = 0;
  for (let i = 0; i < pa.length; i++) s += (pa[i]! - pb[i]!) ** 2;
  return s / pa.length;
}
