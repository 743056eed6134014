// Geometry of the small SVG line charts (pure): data bounds with a margin, thinning long series to about
// one point per pixel column, and the path of a series in a box.
import type { Series, XY } from './training-points.js';

export interface Bounds {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

/** The box around every point; a flat range gets some height, and `floorZero` starts y at 0 when ≥ 0. */
export function boundsOf(series: readonly Series[], floorZero = false): Bounds | null {
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const s of series) {
    for (const p of s.points) {
      x0 = Math.min(x0, p.x);
      x1 = Math.max(x1, p.x);
      y0 = Math.min(y0, p.y);
      y1 = Math.max(y1, p.y);
    }
  }
  if (!Number.isFinite(x0) || !Number.isFinite(y0)) return null;
  if (floorZero && y0 >= 0) y0 = 0;
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) {
    const pad = Math.abs(y0) * 0.1 || 1;
    y0 -= pad;
    y1 += pad;
  }
  return { x0, x1, y0, y1 };
}

/** At most `max` points, evenly picked, always keeping the first and the last. */
export function thin(points: readonly XY[], max: number): XY[] {
  if (points.length <= max || max < 2) return [...points];
  const out: XY[] = [];
  const step = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push(points[Math.round(i * step)]!);
  return out;
}

/** An SVG path "M x y L x y …" of the points in a `width`×`height` box (y grows downwards). */
export function pathOf(points: readonly XY[], b: Bounds, width: number, height: number): string {
  const sx = width / (b.x1 - b.x0);
  const sy = height / (b.y1 - b.y0);
  return points
    .map((p, i) => {
      const x = (p.x - b.x0) * sx;
      const y = height - (p.y - b.y0) * sy;
      return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`;
    })
    .join(' ');
}

/** A short label for an axis value. */
export function tickLabel(v: number): string {
  const a = Math.abs(v);
  if (a !== 0 && (a < 0.01 || a >= 10000)) return v.toExponential(1);
  if (a >= 100) return v.toFixed(0);
  return v.toPrecision(3).replace(/\.?0+$/, '');
}
