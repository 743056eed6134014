// The one primitive behind the matMul-based 3×3×3 convolutions: a sum of matMuls over row-shifted
// windows of a flattened, zero-padded input grid, and its hand-written gradient (plain functions: the
// caller wraps the whole convolution in one tf.customGrad so that no grid-sized intermediate or its
// gradient is kept by the tape).
//
// The input xFlat [R, Cin] holds blocks of `blockRows` rows each (one per stride phase, see
// ./conv3d-matmul.ts). Tap t reads block p_t shifted by s_t:
//   y[m] = Σ_t xFlat[p_t·blockRows + s_t + m] · w[t]        m ∈ [0, rows), w [T, Cin, Cout]
// with rows ≤ blockRows − max(s_t) for the last block (the caller computes only the rows it keeps).
// Every window is a contiguous block of rows: one memory copy each (no rank-5 or strided slices).
// Gradients:
//   dw[t] = window_tᵀ · dy                                 (windows cut from one transpose of xFlat)
//   dx[p·blockRows + j] = Σ_{t: p_t = p} dy[j − s_t] · w[t]ᵀ     j ∈ [0, blockRows); other rows get 0.
// Precondition for the gradient: dy vanishes on every row m whose window runs past its own block
// (m + s_t ≥ blockRows). The callers crop exactly those rows away, so their cotangent is zero.
import * as tf from '@tensorflow/tfjs';

export interface GridTap {
  block: number;
  shift: number;
}

/** Adds `term` to `acc` (either may be null) and disposes both inputs. */
function accumulate<T extends tf.Tensor>(acc: T | null, term: T): T {
  if (acc === null) return term;
  const sum = tf.add(acc, term) as T;
  acc.dispose();
  term.dispose();
  return sum;
}

/** Σ_t src[starts[t] : starts[t] + rows] · ws[t]. */
function shiftedMatMulSum(
  src: tf.Tensor2D,
  ws: tf.Tensor2D[],
  starts: readonly number[],
  rows: number,
): tf.Tensor2D {
  let acc: tf.Tensor2D | null = null;
  const cols = src.shape[1];
  for (let t = 0; t < ws.length; t++) {
    const term: tf.Tensor2D = tf.tidy(() => tf.matMul(tf.slice(src, [starts[t]!, 0], [rows, cols]), ws[t]!));
    acc = accumulate(acc, term);
  }
  if (acc === null) throw new Error('gridConv needs at least one tap');
  return acc;
}

function inputGrad(
  dy: tf.Tensor2D,
  w: tf.Tensor3D,
  taps: readonly GridTap[],
  blockRows: number,
  R: number,
): tf.Tensor2D {
  const cin = w.shape[1];
  const rows = dy.shape[0];
  const maxShift = Math.max(...taps.map((t) => t.shift));
  const z = tf.pad(dy, [
    [maxShift, blockRows - rows],
    [0, 0],
  ]);
  const wT = tf.unstack(tf.transpose(w, [0, 2, 1])) as tf.Tensor2D[];
  const nBlocks = Math.max(...taps.map((t) => t.block)) + 1;
  const parts: tf.Tensor2D[] = [];
  for (let p = 0; p < nBlocks; p++) {
    const mine = taps.map((t, i) => ({ ...t, i })).filter((t) => t.block === p);
    parts.push(
      mine.length === 0
        ? tf.zeros([blockRows, cin])
        : shiftedMatMulSum(
            z,
            mine.map((t) => wT[t.i]!),
            mine.map((t) => maxShift - t.shift),
            blockRows,
          ),
    );
  }
  if (R > nBlocks * blockRows) parts.push(tf.zeros([R - nBlocks * blockRows, cin]));
  return tf.concat(parts, 0);
}

/** Checks a tap layout against an input of R rows; returns each tap's first row. */
export function tapStarts(taps: readonly GridTap[], rows: number, blockRows: number, R: number): number[] {
  const starts = taps.map((t) => t.block * blockRows + t.shift);
  if (taps.some((t) => t.shift < 0 || t.block < 0) || rows > blockRows || Math.max(...starts) + rows > R) {
    throw new Error('grid conv: a tap window leaves the input grid');
  }
  return starts;
}

/** Forward (see the file header): xFlat [R, Cin], w [T, Cin, Cout] → y [rows, Cout]. */
export function gridForward(
  xFlat: tf.Tensor2D,
  w: tf.Tensor3D,
  taps: readonly GridTap[],
  rows: number,
  blockRows: number,
): tf.Tensor2D {
  const starts = tapStarts(taps, rows, blockRows, xFlat.shape[0]);
  return tf.tidy(() => shiftedMatMulSum(xFlat, tf.unstack(w) as tf.Tensor2D[], starts, rows));
}

/** Gradients of Σ gridForward(xFlat, w) ⊙ dy: dx [R, Cin] and dw [T, Cin, Cout]. */
export function gridBackward(
  dy: tf.Tensor2D,
  xFlat: tf.Tensor2D,
  w: tf.Tensor3D,
  taps: readonly GridTap[],
  blockRows: number,
): { dx: tf.Tensor2D; dw: tf.Tensor3D } {
  const rows = dy.shape[0];
  const R = xFlat.shape[0];
  const starts = tapStarts(taps, rows, blockRows, R);
  const cin = xFlat.shape[1];
  // dw[t] = windowᵀ · dy with the window taken from xFlatᵀ (one transpose; each window is then Cin
  // contiguous row pieces) so that the large operand is the left one and dy, the right one, is the
  // same tensor for all taps: wasm's matMul packs its right operand, and caches that packing per tensor.
  const dw = tf.tidy(() => {
    const xT = tf.transpose(xFlat) as tf.Tensor2D; // [Cin, R]
    const parts = starts.map((s) => tf.tidy(() => tf.matMul(tf.slice(xT, [0, s], [cin, rows]), dy)));
    return tf.stack(parts) as tf.Tensor3D; // [T, Cin, Cout]
  });
  const dx = tf.tidy(() => inputGrad(dy, w, taps, blockRows, R));
  return { dx, dw };
}
