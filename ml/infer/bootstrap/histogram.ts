// Intensity histogram of a volume and Otsu thresholds.
//
// Reference: Otsu (1979): the threshold maximising the between-class variance ω0·ω1·(μ0 − μ1)² of the
// histogram. Applied recursively to the part of the histogram above the previous threshold it peels off
// ever brighter classes (air | soft tissue | bone | teeth in a CBCT).

export interface Histogram {
  counts: Float64Array;
  /** Value at the lower edge of bin 0 and the bin width. */
  lo: number;
  width: number;
}

/** Histogram of the finite values of `data` in [lo, hi] (values outside are clamped into the end bins). */
export function histogram(data: Float32Array, lo: number, hi: number, bins = 2048): Histogram {
  const counts = new Float64Array(bins);
  const width = (hi - lo) / bins;
  const scale = bins / (hi - lo);
  for (let n = 0; n < data.length; n++) {
    const x = data[n]!;
    if (!Number.isFinite(x)) continue;
    const b = Math.floor((x - lo) * scale);
    counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]! += 1;
  }
  return { counts, lo, width };
}

/**
 * Otsu threshold of the bins with values ≥ `from` (a value; −Infinity = whole histogram): the returned
 * value t splits them into "< t" and "≥ t". null when fewer than two non-empty bins remain.
 */
export function otsu(h: Histogram, from = -Infinity): number | null {
  const start = Math.max(0, Math.ceil((from - h.lo) / h.width - 1e-9));
  let w = 0;
  let m = 0;
  for (let b = start; b < h.counts.length; b++) {
    w += h.counts[b]!;
    m += h.counts[b]! * (b + 0.5);
  }
  if (w === 0) return null;
  let best = -1;
  let bestBin = -1;
  let w0 = 0;
  let m0 = 0;
  for (let b = start; b < h.counts.length - 1; b++) {
    w0 += h.counts[b]!;
    m0 += h.counts[b]! * (b + 0.5);
    const w1 = w - w0;
    if (w0 === 0 || w1 === 0) continue;
    const d = m0 / w0 - (m - m0) / w1;
    const between = w0 * w1 * d * d;
    if (between > best) {
      best = between;
      bestBin = b;
    }
  }
  return bestBin < 0 ? null : h.lo + (bestBin + 1) * h.width;
}
