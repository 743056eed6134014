// The DAE learning-rate schedule: linear warm-up, then cosine decay, per optimizer step.
//
// Reference: spec §4.5; timm `CosineLRScheduler` with t_in_epochs=False, warmup_prefix=False, one cycle:
//   t < W:  lr = warmupLr + t·(baseLr − warmupLr)/W
//   t ≥ W:  lr = minLr + ½(baseLr − minLr)(1 + cos(π·t/T))  (t counted from the start, not from the warm-up end)
//   t ≥ T:  lr = minLr
// with W = warmupEpochs·iterationsPerEpoch and T = epochs·iterationsPerEpoch (reference: 4 and 200 epochs,
// 5e-7 → 5e-5 → 5e-6).

export interface WarmupCosine {
  baseLr: number;
  warmupLr: number;
  minLr: number;
  /** Warm-up length in optimizer steps. */
  warmupSteps: number;
  /** Steps until the minimum is reached. */
  totalSteps: number;
}

export function warmupCosineLr(s: WarmupCosine, t: number): number {
  if (t < s.warmupSteps) return s.warmupLr + (t * (s.baseLr - s.warmupLr)) / s.warmupSteps;
  if (t >= s.totalSteps) return s.minLr;
  return s.minLr + 0.5 * (s.baseLr - s.minLr) * (1 + Math.cos((Math.PI * t) / s.totalSteps));
}
