// Test-set aggregation of case results into the official eight numbers.
//
// Reference: spec §7 / official `compute_metrics.py`:
//   * image Dice/IoU/NSD and IA: one value per case, averaged over cases;
//   * instance Dice/IoU/NSD: all (case, label) values pooled into one list per metric and averaged (not per
//     case first);
//   * a missing or unreadable prediction appends 0 to image Dice, IoU, NSD and IA (instance lists untouched);
//   * means skip NaN (our null); an empty list, or one with only NaN, averages to 0 (`robust_mean`);
//   * All_Average = the same mean over the seven final numbers.
// The per-label summary is ours (not in the official output).
// Deviation: means are summed sequentially (np.mean sums pairwise): last-bit differences only.

import type { AggregateResult, CaseResult, LabelMap, LabelSummary, OfficialScores } from './types.js';
import { DEFAULT_TOLERANCE_MM, evaluateCase, type EvaluateOptions } from './evaluate-case.js';

/** Mean of the values that are neither null nor NaN; 0 when none are (official `robust_mean`). */
export function robustMean(values: readonly (number | null)[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (v === null || Number.isNaN(v)) continue;
    sum += v;
    n++;
  }
  return n === 0 ? 0 : sum / n;
}

/** A case scored 0 because its prediction is missing or could not be read/evaluated. */
export function failedCase(
  id: string | null,
  status: 'missing' | 'error',
  error: string,
  tolerance = DEFAULT_TOLERANCE_MM,
): CaseResult {
  return {
    id,
    status,
    error,
    tolerance,
    resampled: false,
    image: null,
    instances: [],
    predictionOnlyLabels: [],
    ia: 0,
  };
}

/** Collects case results one at a time (so a CLI can stream cases) and aggregates them. */
export class MetricsAccumulator {
  private readonly results: CaseResult[] = [];

  add(result: CaseResult): void {
    this.results.push(result);
  }

  result(): AggregateResult {
    const image = this.results.map((r) => r.image);
    const pooled = this.results.flatMap((r) => r.instances);
    const s = {
      Dice_Image: robustMean(image.map((x) => (x ? x.dice : 0))),
      IoU_Image: robustMean(image.map((x) => (x ? x.iou : 0))),
      NSD_Image: robustMean(image.map((x) => (x ? x.nsd : 0))),
      Dice_Instance: robustMean(pooled.map((x) => x.dice)),
      IoU_Instance: robustMean(pooled.map((x) => x.iou)),
      NSD_Instance: robustMean(pooled.map((x) => x.nsd)),
      IA: robustMean(this.results.map((r) => r.ia)),
    };
    const scores: OfficialScores = { ...s, All_Average: robustMean(Object.values(s)) };
    return {
      scores,
      cases: this.results.length,
      missing: this.results.filter((r) => r.status === 'missing').length,
      failed: this.results.filter((r) => r.status === 'error').length,
      instancePairs: pooled.length,
      perLabel: summariseLabels(this.results),
      perCase: [...this.results],
    };
  }
}

export interface CasePair {
  id?: string;
  gt: LabelMap;
  /** null/undefined: the prediction is missing (scored 0 as the official script does). */
  pred?: LabelMap | null;
}

/**
 * Evaluates every pair and aggregates as the official script does. A pair whose evaluation throws (e.g. bad
 * dimensions) is scored like a missing prediction, with the message kept in its case result.
 */
export function evaluateCases(
  pairs: Iterable<CasePair>,
  options: Omit<EvaluateOptions, 'id'> = {},
): AggregateResult {
  const acc = new MetricsAccumulator();
  for (const pair of pairs) {
    const id = pair.id ?? null;
    if (!pair.pred) {
      acc.add(failedCase(id, 'missing', 'prediction not found', options.tolerance));
      continue;
    }
    try {
      acc.add(evaluateCase(pair.gt, pair.pred, { ...options, ...(id === null ? {} : { id }) }));
    } catch (e) {
      acc.add(failedCase(id, 'error', e instanceof Error ? e.message : String(e), options.tolerance));
    }
  }
  return acc.result();
}

function summariseLabels(results: readonly CaseResult[]): LabelSummary[] {
  const byLabel = new Map<number, { dice: number[]; iou: number[]; nsd: number[]; hit: number[] }>();
  for (const r of results) {
    for (const x of r.instances) {
      let e = byLabel.get(x.label);
      if (!e) byLabel.set(x.label, (e = { dice: [], iou: [], nsd: [], hit: [] }));
      e.dice.push(x.dice);
      e.iou.push(x.iou);
      e.nsd.push(x.nsd);
      e.hit.push(x.identified ? 1 : 0);
    }
  }
  return [...byLabel.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([label, e]) => ({
      label,
      cases: e.dice.length,
      dice: robustMean(e.dice),
      iou: robustMean(e.iou),
      nsd: robustMean(e.nsd),
      identified: robustMean(e.hit),
    }));
}
