// Grey-level landmarks of a CBCT histogram: recursive Otsu levels, the bone peak, and the tooth level.
//
// Reasoning: a dental CBCT holds four broad classes — air, soft tissue, bone, teeth (enamel brightest).
// Otsu on the whole histogram separates air from tissue (t1); Otsu above t1 separates soft tissue from hard
// tissue (t2); above t2, bone from the brightest material (t3); above t3, the brightest core (t4: enamel and
// thick dentine), used only for seeds. Otsu alone cannot place the tooth boundary (teeth are a few percent
// of the voxels, and thin roots are barely brighter than the cortical bone around them), so the boundary is
// chosen later by leak-controlled region growing between the bone peak and the tooth level.
import { histogram, otsu, type Histogram } from './histogram.js';

export interface Landmarks {
  /** Recursive Otsu levels t1 < t2 < t3 < t4. */
  otsu: [number, number, number, number];
  /** Most frequent grey value above t2 (histogram smoothed over 5 bins): the bone peak. */
  boneMode: number;
  histogram: Histogram;
}

/** Landmarks of the finite values of `data` (min/max given); null when the histogram has no bright class. */
export function histogramLandmarks(
  data: Float32Array,
  min: number,
  max: number,
  bins: number,
): Landmarks | null {
  const h = histogram(data, min, max, bins);
  const t1 = otsu(h);
  const t2 = t1 === null ? null : otsu(h, t1);
  const t3 = t2 === null ? null : otsu(h, t2);
  const t4 = t3 === null ? null : otsu(h, t3);
  if (t1 === null || t2 === null || t3 === null || t4 === null) return null;
  const from = Math.ceil((t2 - h.lo) / h.width);
  const to = Math.floor((t4 - h.lo) / h.width);
  let best = -1;
  let bestBin = from;
  for (let b = from; b < to; b++) {
    let c = 0;
    for (let d = -2; d <= 2; d++) c += h.counts[Math.min(bins - 1, Math.max(0, b + d))]!;
    if (c > best) {
      best = c;
      bestBin = b;
    }
  }
  return { otsu: [t1, t2, t3, t4], boneMode: h.lo + (bestBin + 0.5) * h.width, histogram: h };
}

/** The q-quantile of `data` over the voxels where `mask` is set, at the histogram's bin resolution. */
export function maskedQuantile(data: Float32Array, mask: Uint8Array, h: Histogram, q: number): number | null {
  const bins = h.counts.length;
  const counts = new Float64Array(bins);
  let total = 0;
  const scale = 1 / h.width;
  for (let n = 0; n < data.length; n++) {
    if (!mask[n]) continue;
    const b = Math.floor((data[n]! - h.lo) * scale);
    counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]! += 1;
    total++;
  }
  if (total === 0) return null;
  let acc = 0;
  for (let b = 0; b < bins; b++) {
    acc += counts[b]!;
    if (acc >= q * total) return h.lo + (b + 0.5) * h.width;
  }
  return h.lo + (bins - 0.5) * h.width;
}
