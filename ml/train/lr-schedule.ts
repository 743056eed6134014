// Learning-rate schedules, as pure functions of the step counter.
//
// Reference: spec §3.1; nnunetv2/training/lr_scheduler/polylr.py (`PolyLRScheduler`: lr0·(1 − step/max)^exponent,
// stepped once per epoch with the current epoch index); the STSR stage-3 trainer's linear decay
// lr0·(1 − 0.99·min(e, E−1)/(E−1)).
import type { LrSchedule, TrainerConfig } from './config.js';

/** LR at step `t` of `total` (t counts from 0). */
export function scheduledLr(schedule: LrSchedule, initialLr: number, t: number, total: number): number {
  switch (schedule.kind) {
    case 'poly':
      return initialLr * Math.pow(Math.max(0, 1 - t / total), schedule.exponent);
    case 'linear': {
      const span = Math.max(1, total - 1);
      return initialLr * (1 - (1 - schedule.finalFactor) * (Math.min(t, span) / span));
    }
    case 'constant':
      return initialLr;
  }
}

/** LR used for optimizer step `iteration` (0-based, global) of a run configured by `c`. */
export function learningRateAt(
  c: Pick<TrainerConfig, 'lrSchedule' | 'lrStep' | 'optimizer' | 'epochs' | 'iterationsPerEpoch'>,
  iteration: number,
): number {
  const byEpoch = c.lrStep === 'epoch';
  const t = byEpoch ? Math.floor(iteration / c.iterationsPerEpoch) : iteration;
  const total = byEpoch ? c.epochs : c.epochs * c.iterationsPerEpoch;
  return scheduledLr(c.lrSchedule, c.optimizer.initialLr, t, total);
}
