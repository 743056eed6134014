// Validation "pseudo Dice" and its EMA, which choose the best checkpoint.
//
// Reference: spec §3.9; nnunetv2 `nnUNetTrainer.validation_step` / `on_validation_epoch_end` (argmax of the
// highest-resolution output, one-hot, TP/FP/FN per foreground class summed over every validation batch; per class
// 2TP / (2TP + FP + FN); the mean over classes ignoring NaN) and `nnUNetLogger` (EMA_e = 0.9·EMA_{e−1} + 0.1·value,
// the first epoch's value as is; `checkpoint_best` whenever the EMA exceeds the best so far).
// Deviation: an epoch whose mean is NaN (no foreground in any validation patch or prediction) leaves the EMA
// unchanged instead of turning it into NaN for good.
import * as tf from '@tensorflow/tfjs';

/** Per foreground class c = 1…C−1 (index c − 1): true positives, false positives, false negatives. */
export interface ClassCounts {
  tp: number[];
  fp: number[];
  fn: number[];
}

export function emptyCounts(numClasses: number): ClassCounts {
  const z = () => new Array<number>(Math.max(0, numClasses - 1)).fill(0);
  return { tp: z(), fp: z(), fn: z() };
}

/** Adds the counts of argmax(logits) against `label` (class ids; [B, D0, D1, D2, 1] or [B, D0, D1, D2]). */
export function addCounts(acc: ClassCounts, logits: tf.Tensor5D, label: tf.Tensor): void {
  const numClasses = logits.shape[4];
  const [pred, gt] = tf.tidy(() => [
    tf.argMax(logits, 4).reshape([-1]).cast('int32'),
    label.reshape([-1]).cast('int32'),
  ]);
  const p = pred!.dataSync() as Int32Array;
  const g = gt!.dataSync() as Int32Array;
  tf.dispose([pred!, gt!]);
  const tp = new Float64Array(numClasses);
  const np = new Float64Array(numClasses);
  const ng = new Float64Array(numClasses);
  for (let i = 0; i < p.length; i++) {
    np[p[i]!]!++;
    ng[g[i]!]!++;
    if (p[i] === g[i]) tp[p[i]!]!++;
  }
  for (let c = 1; c < numClasses; c++) {
    acc.tp[c - 1]! += tp[c]!;
    acc.fp[c - 1]! += np[c]! - tp[c]!;
    acc.fn[c - 1]! += ng[c]! - tp[c]!;
  }
}

/** Per-class pseudo Dice (NaN where 2TP + FP + FN = 0) and their NaN-ignoring mean (NaN if all are). */
export function pseudoDice(c: ClassCounts): { perClass: number[]; mean: number } {
  const perClass = c.tp.map((tp, i) => {
    const den = 2 * tp + c.fp[i]! + c.fn[i]!;
    return den === 0 ? NaN : (2 * tp) / den;
  });
  const ok = perClass.filter((v) => !Number.isNaN(v));
  return { perClass, mean: ok.length === 0 ? NaN : ok.reduce((a, v) => a + v, 0) / ok.length };
}

/** EMA state of the mean pseudo Dice (plain JSON, stored in checkpoints). */
export interface EmaState {
  ema: number | null;
  best: number | null;
  /** Epoch whose EMA was best. */
  bestEpoch: number | null;
}

export const INITIAL_EMA: EmaState = { ema: null, best: null, bestEpoch: null };

/** Folds one epoch's mean pseudo Dice into the EMA; `improved` says whether to write the best checkpoint. */
export function updateEma(
  s: EmaState,
  value: number,
  epoch: number,
  momentum: number,
): { state: EmaState; improved: boolean } {
  if (Number.isNaN(value)) return { state: { ...s }, improved: false };
  const ema = s.ema === null ? value : momentum * s.ema + (1 - momentum) * value;
  const improved = s.best === null || ema > s.best;
  return {
    state: { ema, best: improved ? ema : s.best, bestEpoch: improved ? epoch : s.bestEpoch },
    improved,
  };
}
