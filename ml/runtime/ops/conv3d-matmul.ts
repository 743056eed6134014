// 3×3×3 convolution (padding 1, stride 1 or 2 per axis) as 27 shifted matMuls (./grid-conv.ts), for
// backends whose own Conv3D gradients are wrong or slow (wasm, architecture.md §4).
//
// Along an axis with stride 1 the grid is the input padded by one voxel on both sides (length n + 2);
// tap k reads grid position o + k. Along an axis with stride 2 the input (padded to even length) is
// split into its even and odd phases (space-to-depth, phase-major) and each phase is padded by one
// voxel in front (length n/2 + 1); taps map to (phase, shift) as k=0 → (odd, 0), k=1 → (even, 1),
// k=2 → (odd, 1), i.e. input index 2o − 1 + k, exactly PyTorch's padding=1. The output is computed
// on the grid of one phase block (all but its last max(shift) rows) and cropped with a rank-4 slice.
// The whole convolution is one tf.customGrad: the tape keeps only x and w (no grid copies), and the
// backward pass rebuilds the grid from x.
import * as tf from '@tensorflow/tfjs';
import { gridBackward, gridForward, type GridTap } from './grid-conv.js';
import { checkStride, type Stride3 } from './types.js';

interface AxisPlan {
  stride: number;
  /** Number of phases (1 or 2). */
  phases: number;
  /** Grid length of one phase after padding. */
  grid: number;
  /** Output length (= the phase length). */
  out: number;
  /** Padding of one phase: [before, after]. */
  pad: [number, number];
  /** Tap k → [phase, shift]. */
  tap: (k: number) => [number, number];
}

function planAxis(n: number, stride: number): AxisPlan {
  if (stride === 1) return { stride, phases: 1, grid: n + 2, out: n, pad: [1, 1], tap: (k) => [0, k] };
  const half = Math.ceil(n / 2);
  const tap = (k: number): [number, number] => (k === 0 ? [1, 0] : k === 1 ? [0, 1] : [1, 1]);
  return { stride, phases: 2, grid: half + 1, out: half, pad: [1, 0], tap };
}

type Plans = [AxisPlan, AxisPlan, AxisPlan];

/** Zero padding that makes every strided axis even (the extra zero is what PyTorch's padding reads). */
function oddPadding(shape: readonly number[], plans: Plans): [number, number][] {
  return plans.map((p, a) => [0, p.stride === 2 ? shape[a + 1]! % 2 : 0] as [number, number]);
}

/** x [B, D, H, W, C] → phase-major blocks [P·B, D', H', W'·C]. */
function toPhases(x: tf.Tensor5D, plans: Plans): tf.Tensor4D {
  const [B, , , , C] = x.shape;
  const odd = oddPadding(x.shape, plans);
  let t: tf.Tensor = odd.some((p) => p[1] > 0) ? tf.pad(x, [[0, 0], ...odd, [0, 0]]) : x;
  const dims = [B, ...t.shape.slice(1, 4), C] as number[];
  let phases = 1;
  for (let a = 0; a < 3; a++) {
    if (plans[a]!.phases === 1) continue;
    const pre = phases * dims.slice(0, a + 1).reduce((u, v) => u * v, 1);
    const n = dims[a + 1]!;
    const post = dims.slice(a + 2).reduce((u, v) => u * v, 1);
    // [pre, n/2, 2, post] → [2, pre, n/2, post]: the phase becomes the outermost index.
    t = tf.transpose(tf.reshape(t, [pre, n / 2, 2, post]), [2, 0, 1, 3]);
    dims[a + 1] = n / 2;
    phases *= 2;
  }
  return tf.reshape(t, [phases * B, dims[1]!, dims[2]!, dims[3]! * C]) as tf.Tensor4D;
}

/** Inverse of toPhases: [P·B, D', H', W'·C] → [B, D, H, W, C] (the even-padded shape). */
function fromPhases(t4: tf.Tensor4D, plans: Plans, B: number, C: number): tf.Tensor5D {
  const dims = [B, ...plans.map((p) => p.out), C];
  let phases = plans.reduce((a, p) => a * p.phases, 1);
  let t: tf.Tensor = t4;
  for (let a = 2; a >= 0; a--) {
    if (plans[a]!.phases === 1) continue;
    phases /= 2;
    const pre = phases * dims.slice(0, a + 1).reduce((u, v) => u * v, 1);
    const half = dims[a + 1]!;
    const post = dims.slice(a + 2).reduce((u, v) => u * v, 1);
    t = tf.transpose(tf.reshape(t, [2, pre, half, post]), [1, 2, 0, 3]); // [2, pre, n/2, post] → [pre, n/2, 2, post]
    dims[a + 1] = half * 2;
  }
  return tf.reshape(t, dims as [number, number, number, number, number]) as tf.Tensor5D;
}

/** 3×3×3 conv, padding 1: x [B,D,H,W,Cin], w [3,3,3,Cin,Cout], b [Cout] → [B, D', H', W', Cout]. */
export function conv3x3MatMul(
  x: tf.Tensor5D,
  w: tf.Tensor5D,
  b: tf.Tensor1D | null,
  stride: Stride3,
): tf.Tensor5D {
  checkStride(stride);
  const [B, D, H, W, C] = x.shape;
  const [k0, k1, k2, cin, cout] = w.shape;
  if (k0 !== 3 || k1 !== 3 || k2 !== 3 || cin !== C) {
    throw new Error(`conv3x3: filter [${w.shape.join(', ')}] does not fit input channels ${C}`);
  }
  const plans: Plans = [planAxis(D, stride[0]), planAxis(H, stride[1]), planAxis(W, stride[2])];
  const [pd, ph, pw] = plans;
  const blockRows = B * pd.grid * ph.grid * pw.grid;
  const taps: GridTap[] = [];
  for (let kd = 0; kd < 3; kd++)
    for (let kh = 0; kh < 3; kh++)
      for (let kw = 0; kw < 3; kw++) {
        const [qd, sd] = pd.tap(kd);
        const [qh, sh] = ph.tap(kh);
        const [qw, sw] = pw.tap(kw);
        // Phase-major order from toPhases: the last strided axis is outermost.
        const phase = (qw * ph.phases + qh) * pd.phases + qd;
        taps.push({ block: phase, shift: (sd * ph.grid + sh) * pw.grid + sw });
      }
  // Only the first blockRows − maxShift output rows are computed: the last kept output reads exactly
  // the grid's last row, so the grid needs no spare rows.
  const maxShift = Math.max(...taps.map((t) => t.shift));
  const rows = blockRows - maxShift;
  const gridPad: [number, number][] = [[0, 0], pd.pad, ph.pad, [pw.pad[0] * C, pw.pad[1] * C]];
  const gridOf = (xs: tf.Tensor5D) =>
    tf.reshape(tf.pad(toPhases(xs, plans), gridPad), [-1, C]) as tf.Tensor2D;

  const conv = tf.customGrad((xIn, wIn, save) => {
    const xs = xIn as tf.Tensor5D;
    const w3 = tf.reshape(wIn as tf.Tensor, [27, C, cout]) as tf.Tensor3D;
    (save as tf.GradSaveFunc)([xs, w3]);
    const y = gridForward(gridOf(xs), w3, taps, rows, blockRows);
    const yGrid = tf.reshape(
      tf.pad(y, [
        [0, maxShift],
        [0, 0],
      ]),
      [B, pd.grid, ph.grid, pw.grid * cout],
    );
    const value = tf.reshape(tf.slice(yGrid, [0, 0, 0, 0], [B, pd.out, ph.out, pw.out * cout]), [
      B,
      pd.out,
      ph.out,
      pw.out,
      cout,
    ]) as tf.Tensor5D;
    return {
      value,
      gradFunc: (dyIn, saved) =>
        tf.tidy(() => {
          const [sx, sw] = saved as [tf.Tensor5D, tf.Tensor3D];
          // Cotangent on the output grid: zeros on the cropped rows (the precondition of gridBackward).
          const dy4 = tf.reshape(dyIn, [B, pd.out, ph.out, pw.out * cout]);
          const dyGrid = tf.pad(dy4, [
            [0, 0],
            [0, pd.grid - pd.out],
            [0, ph.grid - ph.out],
            [0, (pw.grid - pw.out) * cout],
          ]);
          const dyRows = tf.slice(tf.reshape(dyGrid, [blockRows, cout]), [0, 0], [rows, cout]) as tf.Tensor2D;
          const { dx, dw } = gridBackward(dyRows, gridOf(sx), sw, taps, blockRows);
          // Grid → phases (drop the padding) → x layout (drop the odd padding).
          const dGrid = tf.reshape(dx, [-1, pd.grid, ph.grid, pw.grid * C]) as tf.Tensor4D;
          const dPhases = tf.slice(
            dGrid,
            [0, pd.pad[0], ph.pad[0], pw.pad[0] * C],
            [-1, pd.out, ph.out, pw.out * C],
          );
          let dxs: tf.Tensor5D = fromPhases(dPhases, plans, B, C);
          if (dxs.shape.some((n, a) => n !== sx.shape[a])) dxs = tf.slice(dxs, [0, 0, 0, 0, 0], sx.shape);
          return [dxs, tf.reshape(dw, [3, 3, 3, C, cout])];
        }),
    };
  });
  const y = conv(x, w) as tf.Tensor5D;
  return b ? tf.add(y, b) : y;
}
