// Training progress as chart data (pure): a TrainingPoint from a live 'job.progress' event, merging live
// points into the saved history, and the series the charts draw (loss terms, ω, validation pseudo Dice).
import type { TrainingPoint, TrainingStage, TrainingTarget } from '../../../../electron/contract/types.js';
import { TRAINING_STAGES } from '../../../../electron/contract/types.js';

/** The stages a target runs, in order. */
export function stagesOf(target: TrainingTarget | null): TrainingStage[] {
  if (target === 'pipeline') return ['dae', 'consistency', 'pseudolabel'];
  return target ? [target] : [];
}

function isStage(x: string | undefined): x is TrainingStage {
  return (TRAINING_STAGES as readonly string[]).includes(x ?? '');
}

/**
 * The stage a progress event is about: the message's first word when it names one ("consistency 12/40 ·
 * loss 0.83"), else the target's stage at `stageIndex`.
 */
export function stageOfProgress(
  metrics: Record<string, number> | undefined,
  message: string,
  target: TrainingTarget | null,
): TrainingStage {
  const word = message.trim().split(/[\s:]+/)[0];
  if (isStage(word)) return word;
  const stages = stagesOf(target);
  return stages[metrics?.stageIndex ?? 0] ?? stages[0] ?? 'supervised';
}

/** The training step a progress event reports, or null when it carries no step (e.g. "loading data"). */
export function pointFromProgress(
  metrics: Record<string, number> | undefined,
  message: string,
  target: TrainingTarget | null,
): TrainingPoint | null {
  if (!metrics || typeof metrics.iteration !== 'number') return null;
  const loss: Record<string, number> = {};
  for (const [k, v] of Object.entries(metrics)) if (k.startsWith('loss.')) loss[k.slice(5)] = v;
  const point: TrainingPoint = {
    stage: stageOfProgress(metrics, message, target),
    iteration: metrics.iteration,
    iterations: metrics.iterations ?? metrics.iteration,
    loss,
    lr: metrics.lr ?? NaN,
    omega: typeof metrics.omega === 'number' ? metrics.omega : null,
    etaSeconds: metrics.etaSeconds ?? NaN,
    samplesPerSecond: metrics.samplesPerSecond ?? NaN,
  };
  if (typeof metrics.valPseudoDice === 'number') point.valPseudoDice = metrics.valPseudoDice;
  return point;
}

/**
 * An epoch-end event carries the validation pseudo Dice without a step: it belongs to the stage's last
 * step (as in the saved history). Returns the points with it attached (the same array when there is none).
 */
export function withValidation(
  points: readonly TrainingPoint[],
  stage: TrainingStage,
  valPseudoDice: number,
): TrainingPoint[] {
  for (let i = points.length - 1; i >= 0; i--) {
    if (points[i]!.stage === stage) {
      const out = [...points];
      out[i] = { ...points[i]!, valPseudoDice };
      return out;
    }
  }
  return [...points];
}

const keyOf = (p: TrainingPoint) => `${p.stage}/${p.iteration}`;

/** History and live points together, one per (stage, iteration), in arrival order; later copies win. */
export function mergePoints(a: readonly TrainingPoint[], b: readonly TrainingPoint[]): TrainingPoint[] {
  const out = new Map<string, TrainingPoint>();
  for (const p of [...a, ...b]) {
    const k = keyOf(p);
    const prev = out.get(k);
    // an epoch-end copy of the same step may bring the validation Dice: keep it
    out.set(k, prev?.valPseudoDice !== undefined && p.valPseudoDice === undefined ? { ...p, ...prev } : p);
  }
  return [...out.values()];
}

export interface XY {
  x: number;
  y: number;
}

export interface Series {
  name: string;
  points: XY[];
}

/** x of every point: steps counted across stages (a stage's iterations restart at its beginning). */
export function globalSteps(points: readonly TrainingPoint[]): number[] {
  let offset = 0;
  let prev: TrainingPoint | null = null;
  return points.map((p) => {
    if (prev && prev.stage !== p.stage) offset += prev.iterations;
    prev = p;
    return offset + p.iteration;
  });
}

/**
 * Entries of a step's `loss` that are not loss terms: the SSL trainer logs ω and its batch-kind indicators
 * there too (ω has its own chart).
 */
const NOT_LOSSES = new Set(['omega', 'unlabeled', 'pseudoLabelStep']);

export interface TrainingCharts {
  losses: Series[];
  omega: Series[];
  validation: Series[];
  /** Where each stage begins on the x axis (for the stage marks). */
  stageStarts: { stage: TrainingStage; x: number }[];
}

export function chartsOf(points: readonly TrainingPoint[]): TrainingCharts {
  const xs = globalSteps(points);
  const losses = new Map<string, XY[]>();
  const omega: XY[] = [];
  const validation: XY[] = [];
  const stageStarts: TrainingCharts['stageStarts'] = [];
  points.forEach((p, i) => {
    const x = xs[i]!;
    if (stageStarts.at(-1)?.stage !== p.stage) stageStarts.push({ stage: p.stage, x });
    for (const [name, y] of Object.entries(p.loss)) {
      if (!Number.isFinite(y) || NOT_LOSSES.has(name)) continue;
      const list = losses.get(name) ?? [];
      list.push({ x, y });
      losses.set(name, list);
    }
    if (p.omega !== null && Number.isFinite(p.omega)) omega.push({ x, y: p.omega });
    if (p.valPseudoDice !== undefined && Number.isFinite(p.valPseudoDice))
      validation.push({ x, y: p.valPseudoDice });
  });
  const order = (n: string) => (n === 'total' ? '' : n); // total first
  return {
    losses: [...losses]
      .sort(([a], [b]) => order(a).localeCompare(order(b)))
      .map(([name, pts]) => ({ name, points: pts })),
    omega: omega.length ? [{ name: 'ω', points: omega }] : [],
    validation: validation.length ? [{ name: 'val pseudo Dice', points: validation }] : [],
    stageStarts,
  };
}
