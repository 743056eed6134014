// Gaussian-weighted accumulation of tile outputs over a moving window of axis-0 planes.
//
// Tiles arrive sorted by their axis-0 origin (C order over the tile grid). When a tile row starting at plane t
// begins, no later tile touches a plane < t, so those planes are final: they are divided by their summed weights
// and handed to the sink (in increasing order), then their buffers are reused. Only the planes of the current
// tile row are ever held: at most patch[0] planes of D1·D2·(C + K) values (float32: 4 bytes, float16: 2 bytes)
// plus a float32 weight per voxel of those planes — never the whole logit volume.
// Peak bytes of the window = p0 · D1 · D2 · ((C + K) · bytesPerValue + 4).
// Reference: nnU-Net accumulates weighted logits and the weights over the whole volume and divides at the end
// (`predict_sliding_window_return_logits`); the result per voxel is the same.
// float16 storage keeps the running weighted *mean* m ← m + g/(W + g)·(v − m) (W: float32 weight so far) rather
// than the weighted sum: the stored values keep the logits' magnitude, so the tiny Gaussian weights at tile corners
// (exp(−24) for σ = patch/8) cannot underflow half precision; each update rounds to ~3 decimal digits.
// Deviation: nnU-Net's fp16 accumulator (STSR script) sums g·v in half precision and never divides.
import type { Shape3 } from '../data/preprocess/layout.js';
import { fromHalf, halfTable, toHalf } from './half.js';

/** Receives final planes (normalised values, [D1·D2·channels] channels-last) in increasing plane order. */
export interface PlaneSink {
  plane(index: number, values: Float32Array): void;
}

interface Plane {
  sums: Float32Array | Uint16Array;
  weights: Float32Array;
}

export class PlaneAccumulator {
  private readonly planes = new Map<number, Plane>();
  private readonly pool: Plane[] = [];
  private nextFlush = 0;
  private readonly planeVoxels: number;
  private readonly out: Float32Array;
  /** Most planes alive at once, and their bytes. */
  peakPlanes = 0;

  constructor(
    readonly shape: Shape3,
    readonly channels: number,
    readonly precision: 'float32' | 'float16',
    private readonly sink: PlaneSink,
  ) {
    this.planeVoxels = shape[1] * shape[2];
    this.out = new Float32Array(this.planeVoxels * channels);
  }

  static bytesPerPlane(shape: Shape3, channels: number, precision: 'float32' | 'float16'): number {
    return shape[1] * shape[2] * (channels * (precision === 'float32' ? 4 : 2) + 4);
  }

  get peakBytes(): number {
    return this.peakPlanes * PlaneAccumulator.bytesPerPlane(this.shape, this.channels, this.precision);
  }

  private plane(z: number): Plane {
    let p = this.planes.get(z);
    if (!p) {
      p = this.pool.pop();
      if (p) {
        p.sums.fill(0);
        p.weights.fill(0);
      } else {
        const n = this.planeVoxels * this.channels;
        p = {
          sums: this.precision === 'float32' ? new Float32Array(n) : new Uint16Array(n),
          weights: new Float32Array(this.planeVoxels),
        };
      }
      this.planes.set(z, p);
      this.peakPlanes = Math.max(this.peakPlanes, this.planes.size);
    }
    return p;
  }

  /**
   * Adds a tile's values ([p0·p1·p2·channels], channels-last) weighted by `gauss` ([p0·p1·p2]) at `lower`
   * (may be negative or stick out: the parts outside the volume are skipped).
   */
  add(values: Float32Array, gauss: Float32Array, patch: Shape3, lower: Shape3): void {
    if (Math.max(0, lower[0]) < this.nextFlush)
      throw new Error('tiles must arrive in increasing axis-0 order');
    const [p0, p1, p2] = patch;
    const [, d1, d2] = this.shape;
    const ch = this.channels;
    const table = this.precision === 'float16' ? halfTable() : null;
    const c0 = Math.max(0, -lower[2]);
    const c1 = Math.min(p2, d2 - lower[2]);
    for (let a = 0; a < p0; a++) {
      const z = lower[0] + a;
      if (z < 0 || z >= this.shape[0]) continue;
      const pl = this.plane(z);
      for (let b = 0; b < p1; b++) {
        const y = lower[1] + b;
        if (y < 0 || y >= d1) continue;
        for (let c = c0; c < c1; c++) {
          const t = (a * p1 + b) * p2 + c;
          const g = gauss[t]!;
          const v = y * d2 + lower[2] + c;
          const w = (pl.weights[v] = pl.weights[v]! + g);
          const src = t * ch;
          const dst = v * ch;
          if (table === null) {
            const s = pl.sums as Float32Array;
            for (let k = 0; k < ch; k++) s[dst + k]! += g * values[src + k]!;
          } else {
            const s = pl.sums as Uint16Array;
            const f = g / w;
            for (let k = 0; k < ch; k++) {
              const m = table[s[dst + k]!]!;
              s[dst + k] = toHalf(m + f * (values[src + k]! - m));
            }
          }
        }
      }
    }
  }

  /** Flushes every plane below `z` (all of them with Infinity). */
  flushBelow(z: number): void {
    const end = Math.min(z, this.shape[0]);
    for (; this.nextFlush < end; this.nextFlush++) {
      const p = this.planes.get(this.nextFlush);
      if (!p) throw new Error(`plane ${this.nextFlush} was never covered by a tile`);
      const ch = this.channels;
      for (let v = 0; v < this.planeVoxels; v++) {
        const w = p.weights[v]!;
        for (let k = 0; k < ch; k++) {
          const i = v * ch + k;
          this.out[i] = this.precision === 'float32' ? p.sums[i]! / w : fromHalf(p.sums[i]!);
        }
      }
      this.sink.plane(this.nextFlush, this.out);
      this.planes.delete(this.nextFlush);
      this.pool.push(p);
    }
  }
}
