// Streaming inverse of the pre-processing for sliding-window output: each final plane of class scores (and
// summaries) is resampled to the cropped source grid as soon as the planes it needs have arrived, arg-maxed and
// pasted into the source-grid label map. Only two input planes are held at a time.
//
// Reference: ml/data/preprocess/restore.ts (`restorePrediction`: trilinear resampling of the scores with PyTorch's
// align_corners=False rule, argmax with ties to the lowest class, paste into the pre-crop grid with background
// outside, source geometry). The arithmetic here is the same sequence of lerps on the same float32 inputs, so the
// label map equals `restorePrediction` of the full score volume exactly (tested).
// Deviation: streamed per plane instead of holding the [C, D0, D1, D2] volume (memory: spec §10, issue 4).
import type { Volume } from '../data/io/volume.js';
import type { AxisTable } from '../data/preprocess/interpolate.js';
import { linearAxisTable } from '../data/preprocess/interpolate.js';
import { shapeSize } from '../data/preprocess/layout.js';
import type { CaseProperties } from '../data/preprocess/preprocess-case.js';
import type { PlaneSink } from './accumulator.js';

export interface RestoredPrediction {
  /** uint8 labels on the source grid, source geometry. */
  label: Volume;
  /** Per summary, float32 values on the source grid (same geometry). */
  summaries: Volume[];
}

export class RestoreSink implements PlaneSink {
  private readonly held = new Map<number, Float32Array>();
  private nextOut = 0;
  private lastIn = -1;
  private readonly t0: AxisTable;
  private readonly t1: AxisTable;
  private readonly t2: AxisTable;
  private readonly labels: Uint8Array;
  private readonly summaryData: Float32Array[];
  private readonly channels: number;

  constructor(
    private readonly props: CaseProperties,
    private readonly numClasses: number,
    summaryOutside: readonly number[],
  ) {
    if (numClasses > 256)
      throw new RangeError(`at most 256 classes fit a uint8 label map, got ${numClasses}`);
    const r = props.shapeAfterResampling;
    const s = props.shapeAfterCropping;
    this.t0 = linearAxisTable(r[0], s[0]);
    this.t1 = linearAxisTable(r[1], s[1]);
    this.t2 = linearAxisTable(r[2], s[2]);
    const n = shapeSize(props.shapeBeforeCropping);
    this.labels = new Uint8Array(n);
    this.summaryData = summaryOutside.map((v) => new Float32Array(n).fill(v));
    this.channels = numClasses + summaryOutside.length;
  }

  /** Bytes held besides the outputs: at most two input planes. */
  get heldBytes(): number {
    const r = this.props.shapeAfterResampling;
    return 2 * r[1] * r[2] * this.channels * 4;
  }

  plane(index: number, values: Float32Array): void {
    if (index !== this.lastIn + 1)
      throw new Error(`planes must arrive in order (got ${index} after ${this.lastIn})`);
    this.lastIn = index;
    const { lo, hi } = this.t0;
    const s0 = this.props.shapeAfterCropping[0];
    // Keep a copy only if an output plane still needs it.
    if (this.nextOut < s0 && hi[s0 - 1]! >= index) this.held.set(index, Float32Array.from(values));
    while (this.nextOut < s0 && hi[this.nextOut]! <= index) this.emit(this.nextOut++);
    const keepFrom = this.nextOut < s0 ? lo[this.nextOut]! : Infinity;
    for (const k of [...this.held.keys()]) if (k < keepFrom) this.held.delete(k);
  }

  private emit(a: number): void {
    const lower = this.held.get(this.t0.lo[a]!);
    const upper = this.held.get(this.t0.hi[a]!);
    if (!lower || !upper) throw new Error(`restoring plane ${a}: input planes missing`);
    const wa = this.t0.w[a]!;
    const [, s1, s2] = this.props.shapeAfterCropping;
    const r2 = this.props.shapeAfterResampling[2];
    const [, f1, f2] = this.props.shapeBeforeCropping;
    const box = this.props.bbox;
    const ch = this.channels;
    const C = this.numClasses;
    const { t1, t2 } = this;
    const K = this.summaryData.length;
    for (let b = 0; b < s1; b++) {
      const r0 = t1.lo[b]! * r2;
      const r1 = t1.hi[b]! * r2;
      const wb = t1.w[b]!;
      let o = ((box[0][0] + a) * f1 + box[1][0] + b) * f2 + box[2][0];
      for (let c = 0; c < s2; c++, o++) {
        const i0 = (r0 + t2.lo[c]!) * ch;
        const i1 = (r0 + t2.hi[c]!) * ch;
        const j0 = (r1 + t2.lo[c]!) * ch;
        const j1 = (r1 + t2.hi[c]!) * ch;
        const wc = t2.w[c]!;
        let best = 0;
        let bestValue = -Infinity;
        for (let k = 0; k < ch; k++) {
          // the same nested lerps as restorePrediction / resizeLinear
          const v00 = lower[i0 + k]! + wc * (lower[i1 + k]! - lower[i0 + k]!);
          const v01 = lower[j0 + k]! + wc * (lower[j1 + k]! - lower[j0 + k]!);
          const v10 = upper[i0 + k]! + wc * (upper[i1 + k]! - upper[i0 + k]!);
          const v11 = upper[j0 + k]! + wc * (upper[j1 + k]! - upper[j0 + k]!);
          const v0 = v00 + wb * (v01 - v00);
          const v1 = v10 + wb * (v11 - v10);
          const v = v0 + wa * (v1 - v0);
          if (k < C) {
            if (v > bestValue) {
              bestValue = v;
              best = k;
            }
          } else if (K > 0) {
            this.summaryData[k - C]![o] = v;
          }
        }
        this.labels[o] = best;
      }
    }
  }

  finish(): RestoredPrediction {
    if (this.nextOut !== this.props.shapeAfterCropping[0])
      throw new Error(`restore incomplete: ${this.nextOut} of ${this.props.shapeAfterCropping[0]} planes`);
    const p = this.props;
    const geometry = () => ({
      dims: [...p.sourceDims] as Volume['dims'],
      spacing: [...p.sourceSpacing] as Volume['spacing'],
      origin: [...p.sourceOrigin] as Volume['origin'],
      direction: [...p.sourceDirection] as Volume['direction'],
    });
    return {
      label: { ...geometry(), dataType: 'uint8', voxels: this.labels },
      summaries: this.summaryData.map((voxels) => ({ ...geometry(), dataType: 'float32', voxels })),
    };
  }
}
