// A dental arch in the axial plane: the parabola y = yFront + depth·(x / halfWidth)², x ∈ [−halfWidth,
// halfWidth], as a polyline with arc length. LPS frame: −y is anterior, so the vertex is the front of the
// arch (incisors) and the arms run posteriorly (molars).

export interface Arch {
  xs: Float64Array;
  ys: Float64Array;
  /** Arc length from the first point to each point (mm). */
  cum: Float64Array;
  length: number;
}

export interface ArchPoint {
  x: number;
  y: number;
  /** Unit tangent in the direction of increasing arc length (patient right → left). */
  tx: number;
  ty: number;
}

export function parabolaArch(halfWidth: number, yFront: number, depth: number, samples = 257): Arch {
  const xs = new Float64Array(samples);
  const ys = new Float64Array(samples);
  const cum = new Float64Array(samples);
  for (let n = 0; n < samples; n++) {
    const x = -halfWidth + (2 * halfWidth * n) / (samples - 1);
    xs[n] = x;
    ys[n] = yFront + depth * (x / halfWidth) ** 2;
    if (n > 0) {
      cum[n] =
        (cum[n - 1] as number) +
        Math.hypot(x - (xs[n - 1] as number), (ys[n] as number) - (ys[n - 1] as number));
    }
  }
  return { xs, ys, cum, length: cum[samples - 1] as number };
}

/** The point at arc length `s` (clamped to the arch) and the tangent there. */
export function archPoint(arch: Arch, s: number): ArchPoint {
  const { xs, ys, cum } = arch;
  const last = xs.length - 1;
  let lo = 0;
  let hi = last;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((cum[mid] as number) <= s) lo = mid;
    else hi = mid;
  }
  const c0 = cum[lo] as number;
  const seg = (cum[hi] as number) - c0;
  const t = seg > 0 ? Math.min(1, Math.max(0, (s - c0) / seg)) : 0;
  const dx = (xs[hi] as number) - (xs[lo] as number);
  const dy = (ys[hi] as number) - (ys[lo] as number);
  const len = Math.hypot(dx, dy) || 1;
  return {
    x: (xs[lo] as number) + t * dx,
    y: (ys[lo] as number) + t * dy,
    tx: dx / len,
    ty: dy / len,
  };
}

/** Distance (mm) from (x, y) to the arch polyline (its ends are rounded). */
export function distanceToArch(arch: Arch, x: number, y: number): number {
  const { xs, ys } = arch;
  let best = Infinity;
  for (let n = 0; n + 1 < xs.length; n++) {
    const ax = xs[n] as number;
    const ay = ys[n] as number;
    const ex = (xs[n + 1] as number) - ax;
    const ey = (ys[n + 1] as number) - ay;
    const len2 = ex * ex + ey * ey;
    let t = len2 > 0 ? ((x - ax) * ex + (y - ay) * ey) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const dx = x - ax - t * ex;
    const dy = y - ay - t * ey;
    const d2 = dx * dx + dy * dy;
    if (d2 < best) best = d2;
  }
  return Math.sqrt(best);
}
