// Scores of one case: image-level Dice/IoU/NSD, per-label (instance) Dice/IoU/NSD, and IA.
//
// Reference: spec §7 and the official STSR 2025 Task 1 `compute_metrics.py`:
//   * prediction resampled (nearest neighbour) onto the GT grid when size or spacing differ; GT spacing used;
//   * image level: (GT > 0) vs (pred > 0);
//   * Dice = 2|G∩P| / (|G| + |P|), NaN (here null) when both are empty;
//   * IoU = |G∩P| / |G∪P|, 1 when both are empty;
//   * NSD at τ (default 2 mm): 1 when both are empty, 0 when exactly one is, NaN → 0 otherwise;
//   * instance level: for every positive label id in the GT, the same three on (GT == id) vs (pred == id);
//     ids only in the prediction add nothing there;
//   * IA = #(GT ids with instance IoU ≥ 0.5) / |GT ids ∪ predicted ids|, 1 when both sets are empty.

import type { Box, CaseResult, LabelMap, LabelScores, OverlapScores } from './types.js';
import { pairStats, type RegionStats } from './label-stats.js';
import { needsResampling, resampleNearest } from './resample-nearest.js';
import { nsdFromDistances, surfaceDistances } from './surface-distance.js';

export const DEFAULT_TOLERANCE_MM = 2.0;

export interface EvaluateOptions {
  /** Case id carried into the result. */
  id?: string;
  /** NSD tolerance in mm (official: 2). */
  tolerance?: number;
  /**
   * Restrict instance metrics and IA to these label ids (both the GT ids and the predicted ids are
   * intersected with it). Deviation when given: the official script uses every positive value present.
   */
  labels?: readonly number[];
}

/**
 * Scores a prediction against a ground truth (label maps, voxel values = label ids, 0 = background).
 * Throws a RangeError for malformed inputs; `evaluateCases` turns that into a 0-scored case as the official
 * script does for unreadable files.
 */
export function evaluateCase(gt: LabelMap, pred: LabelMap, options: EvaluateOptions = {}): CaseResult {
  const tolerance = options.tolerance ?? DEFAULT_TOLERANCE_MM;
  if (!(tolerance >= 0)) throw new RangeError(`tolerance must be ≥ 0 mm, got ${tolerance}`);
  checkMap('ground truth', gt);
  checkMap('prediction', pred);
  const resampled = needsResampling(gt, pred);
  const predVoxels = resampled ? resampleNearest(pred, gt) : pred.voxels;
  const stats = pairStats(gt.voxels, predVoxels, gt.dims);
  const score = (region: RegionStats, label: number | null): OverlapScores =>
    overlapScores(region, () =>
      nsdOf({ voxels: gt.voxels, label }, { voxels: predVoxels, label }, gt, region.box!, tolerance),
    );

  const keep = options.labels ? new Set(options.labels) : null;
  const gtIds: number[] = [];
  const predOnly: number[] = [];
  for (const [label, region] of stats.labels) {
    if (keep && !keep.has(label)) continue;
    if (region.gtVoxels > 0) gtIds.push(label);
    else if (region.predVoxels > 0) predOnly.push(label);
  }
  gtIds.sort((a, b) => a - b);
  predOnly.sort((a, b) => a - b);

  const image = score(stats.foreground, null);
  const fg = stats.foreground;
  const instances: LabelScores[] = gtIds.map((label) => {
    const region = stats.labels.get(label)!;
    // a label that is the whole foreground of both maps has the image-level masks: reuse their NSD
    const same = region.gtVoxels === fg.gtVoxels && region.predVoxels === fg.predVoxels;
    const s = same ? overlapScores(region, () => image.nsd) : score(region, label);
    return { label, ...s, dice: s.dice ?? 0, identified: s.iou >= 0.5 };
  });
  const union = gtIds.length + predOnly.length;
  const ia = union === 0 ? 1 : instances.filter((x) => x.identified).length / union;
  return {
    id: options.id ?? null,
    status: 'ok',
    error: null,
    tolerance,
    resampled,
    image,
    instances,
    predictionOnlyLabels: predOnly,
    ia,
  };
}

/** Dice/IoU from the counts, NSD from `nsd()` only when both masks are non-empty (spec's empty rules). */
function overlapScores(r: RegionStats, nsd: () => number): OverlapScores {
  const sum = r.gtVoxels + r.predVoxels;
  const union = sum - r.intersection;
  const gtEmpty = r.gtVoxels === 0;
  const predEmpty = r.predVoxels === 0;
  return {
    dice: sum === 0 ? null : (2 * r.intersection) / sum,
    iou: gtEmpty && predEmpty ? 1 : union > 0 ? r.intersection / union : 0,
    nsd: gtEmpty && predEmpty ? 1 : gtEmpty || predEmpty ? 0 : nsd(),
    gtVoxels: r.gtVoxels,
    predVoxels: r.predVoxels,
    intersection: r.intersection,
  };
}

function nsdOf(
  gt: { voxels: ArrayLike<number>; label: number | null },
  pred: { voxels: ArrayLike<number>; label: number | null },
  grid: LabelMap,
  box: Box,
  tolerance: number,
): number {
  const value = nsdFromDistances(surfaceDistances(gt, pred, grid.dims, grid.spacing, box), tolerance);
  return Number.isNaN(value) ? 0 : value;
}

function checkMap(what: string, m: LabelMap): void {
  const [nx, ny, nz] = m.dims;
  if (![nx, ny, nz].every((n) => Number.isInteger(n) && n >= 1))
    throw new RangeError(`${what}: dimensions must be positive integers, got ${m.dims.join('×')}`);
  if (!m.spacing.every((s) => Number.isFinite(s) && s > 0))
    throw new RangeError(`${what}: spacing must be positive, got ${m.spacing.join(', ')}`);
  if (m.voxels.length !== nx * ny * nz)
    throw new RangeError(`${what}: ${m.voxels.length} voxels do not match dimensions ${m.dims.join('×')}`);
}
