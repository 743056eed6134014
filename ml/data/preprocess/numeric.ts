// Small numeric helpers that mirror the Python / NumPy behaviour the reference relies on.

/** Python's `round` (and NumPy's `np.round`): nearest integer, ties to even. */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  // Math.round sends ties up; move an exact tie that landed on an odd number back down.
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** The k-th smallest value (0-based) of `values`; reorders `values` in place (quickselect). */
export function selectKth(values: Float32Array | Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  while (hi > lo) {
    // median of three as pivot
    const mid = (lo + hi) >>> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const t = values[i]!;
        values[i] = values[j]!;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * NumPy's default (`linear`) percentile, p in [0, 100]: h = (n − 1)·p/100, value = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
 * over the sorted values. Reorders `values` in place.
 */
export function percentileInPlace(values: Float32Array | Float64Array, p: number): number {
  if (values.length === 0) throw new RangeError('percentile of an empty array');
  const h = ((values.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const a = selectKth(values, lo);
  if (h === lo) return a;
  // after selection everything right of lo is ≥ a; the next order statistic is their minimum
  let b = Infinity;
  for (let n = lo + 1; n < values.length; n++) if (values[n]! < b) b = values[n]!;
  return a + (h - lo) * (b - a);
}

/** Median with NumPy semantics (mean of the two middle values for an even count); does not modify `values`. */
export function median(values: readonly number[]): number {
  return percentileInPlace(Float64Array.from(values), 50);
}

/** Mean and population standard deviation (ddof 0), two-pass in float64. */
export function meanAndStd(values: ArrayLike<number>): { mean: number; std: number } {
  const n = values.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    ss += d * d;
  }
  return { mean, std: Math.sqrt(ss / n) };
}
