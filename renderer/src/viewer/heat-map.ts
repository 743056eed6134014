// The uncertainty heat-map's look (pure data, tested without a browser): uint8 values 0…255 (normalised
// entropy 0…1) from transparent through yellow and orange to red.

/** Colour points: value (0…1 of the value range), r, g, b (0…1). */
export const HEAT_MAP_RGB_POINTS: number[] = [
  0, 1, 1, 0.2, 0.35, 1, 0.85, 0, 0.65, 1, 0.45, 0, 1, 0.85, 0, 0,
];

/** Stored values below this (confident voxels, most of the volume) stay transparent. */
export const HEAT_MAP_FLOOR = 12;

/**
 * Opacity (0…1) of a stored value: none below the floor, then rising to 1 at full entropy, so the scan
 * stays readable under the map (the overlay's opacity setting scales it).
 */
export function heatMapAlpha(value: number, floor = HEAT_MAP_FLOOR): number {
  if (value < floor) return 0;
  return Math.min(1, 0.25 + (0.75 * (value - floor)) / Math.max(1, 255 - floor));
}

/** A 256-entry colour table [r, g, b, a] (0…255) for the stored values: entry 0 transparent. */
export function heatMapLut(): [number, number, number, number][] {
  return Array.from({ length: 256 }, (_, v) => [...heatMapColor(v), Math.round(255 * heatMapAlpha(v))]);
}

/** The colour (0…255 RGB) the map gives a stored value, for the legend. */
export function heatMapColor(value: number): [number, number, number] {
  const x = Math.max(0, Math.min(1, value / 255));
  const p = HEAT_MAP_RGB_POINTS;
  for (let i = 4; i < p.length; i += 4) {
    const x1 = p[i]!;
    if (x <= x1) {
      const x0 = p[i - 4]!;
      const t = x1 === x0 ? 0 : (x - x0) / (x1 - x0);
      const c = (o: number) => Math.round(255 * (p[i - 4 + o]! + t * (p[i + o]! - p[i - 4 + o]!)));
      return [c(1), c(2), c(3)];
    }
  }
  return [Math.round(255 * p.at(-3)!), Math.round(255 * p.at(-2)!), Math.round(255 * p.at(-1)!)];
}
