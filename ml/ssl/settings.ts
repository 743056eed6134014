// Stage settings of U-Mamba2-SSL beyond the trainer's own config (ml/train/config.ts): typed data with defaults
// per stage, overrides and validation. Iteration counts live in the presets (./presets.ts).
//
// Reference: spec §3.1 (stage table), §3.5–3.8, §4.3–4.5. Deviations of the paper [P] are switches here (spec §9):
// consistency.loss 'l1' ([P] §2.2; the code uses 'mse'), the activation-drop mode 'percentile' with range
// [0.7, 0.9], the DAE corruption's 'linear' down-sampling and mask value 0, and consistency.rampFraction 0.2 in
// stage 3 (the code uses 0.05).
import { PSEUDO_LABEL_PROBABILITY, PSEUDO_LABEL_THRESHOLD, PSEUDO_LABEL_WEIGHT } from '../losses/index.js';
import { CONSISTENCY_WEIGHT } from '../losses/index.js';
import type { AdamWOptions } from './dae/adamw.js';
import { ADAMW_DEFAULTS } from './dae/adamw.js';
import type { DaeCorruptionConfig } from './dae/corrupt-config.js';
import { daeCorruptionProblems, DAE_CORRUPTION_DEFAULTS } from './dae/corrupt-config.js';
import type { FeaturePerturbationConfig } from './perturb/feature.js';
import { FEATURE_PERTURBATION_DEFAULTS, featurePerturbationProblems } from './perturb/feature.js';
import type { StrongAugmentConfig, StrongAugmentOverrides } from './perturb/strong-config.js';
import { resolveStrongAugment } from './perturb/strong-config.js';

export interface SemiSupervisedSettings {
  /** P(iteration is unlabelled) = min(max, start + epoch / epochs) (spec §3.1). */
  unlabeled: { start: number; max: number };
  consistency: {
    /** W_CR. */
    weight: number;
    /** R = int(rampFraction · epochs · micro-batches per epoch). */
    rampFraction: number;
    /** 'mse' of softmax probabilities (reference code) or 'l1' ([P]). */
    loss: 'mse' | 'l1';
  };
  /** Stage 3: an unlabelled micro-batch uses the pseudo-label loss with this probability (0 = never). */
  pseudoLabel: { probability: number; threshold: number; weight: number };
  strong: StrongAugmentConfig;
  features: FeaturePerturbationConfig;
}

export interface SemiSupervisedOverrides {
  unlabeled?: Partial<SemiSupervisedSettings['unlabeled']>;
  consistency?: Partial<SemiSupervisedSettings['consistency']>;
  pseudoLabel?: Partial<SemiSupervisedSettings['pseudoLabel']>;
  strong?: StrongAugmentOverrides;
  features?: Partial<FeaturePerturbationConfig>;
}

export type SemiStage = 'consistency' | 'pseudolabel';

const STAGE_DEFAULTS: Record<SemiStage, Omit<SemiSupervisedSettings, 'strong' | 'features'>> = {
  consistency: {
    unlabeled: { start: 0.1, max: 0.5 },
    consistency: { weight: CONSISTENCY_WEIGHT, rampFraction: 0.2, loss: 'mse' },
    pseudoLabel: { probability: 0, threshold: PSEUDO_LABEL_THRESHOLD, weight: PSEUDO_LABEL_WEIGHT },
  },
  pseudolabel: {
    unlabeled: { start: 0.3, max: 0.5 },
    consistency: { weight: CONSISTENCY_WEIGHT, rampFraction: 0.05, loss: 'mse' },
    pseudoLabel: {
      probability: PSEUDO_LABEL_PROBABILITY,
      threshold: PSEUDO_LABEL_THRESHOLD,
      weight: PSEUDO_LABEL_WEIGHT,
    },
  },
};

const unit = (v: number) => typeof v === 'number' && v >= 0 && v <= 1;

export function resolveSemiSupervised(
  stage: SemiStage,
  o: SemiSupervisedOverrides = {},
): SemiSupervisedSettings {
  const d = structuredClone(STAGE_DEFAULTS[stage]);
  const s: SemiSupervisedSettings = {
    unlabeled: { ...d.unlabeled, ...o.unlabeled },
    consistency: { ...d.consistency, ...o.consistency },
    pseudoLabel: { ...d.pseudoLabel, ...o.pseudoLabel },
    strong: resolveStrongAugment(o.strong),
    features: { ...structuredClone(FEATURE_PERTURBATION_DEFAULTS), ...o.features },
  };
  const p: string[] = [];
  if (!unit(s.unlabeled.start) || !unit(s.unlabeled.max))
    p.push('unlabeled.start and .max must be in [0, 1]');
  if (!(s.consistency.weight >= 0)) p.push('consistency.weight must be ≥ 0');
  if (!unit(s.consistency.rampFraction)) p.push('consistency.rampFraction must be in [0, 1]');
  if (s.consistency.loss !== 'mse' && s.consistency.loss !== 'l1')
    p.push("consistency.loss must be 'mse' or 'l1'");
  if (!unit(s.pseudoLabel.probability)) p.push('pseudoLabel.probability must be in [0, 1]');
  if (!unit(s.pseudoLabel.threshold)) p.push('pseudoLabel.threshold must be in [0, 1]');
  if (!(s.pseudoLabel.weight >= 0)) p.push('pseudoLabel.weight must be ≥ 0');
  p.push(...featurePerturbationProblems(s.features).map((x) => `features.${x}`));
  if (p.length > 0) throw new RangeError(`invalid ${stage} settings: ${p.join('; ')}`);
  return s;
}

export interface DaeSettings {
  corruption: DaeCorruptionConfig;
  /** Betas and eps; the weight decay is the trainer config's `optimizer.weightDecay` (0.05 in this stage). */
  adamw: Omit<AdamWOptions, 'weightDecay'>;
  /** Warm-up from warmupLr to the trainer's initialLr over warmupEpochs, cosine to minLr at the end (spec §4.5). */
  lr: { warmupLr: number; minLr: number; warmupEpochs: number };
}

export interface DaeOverrides {
  corruption?: Partial<DaeCorruptionConfig>;
  adamw?: Partial<Omit<AdamWOptions, 'weightDecay'>>;
  lr?: Partial<DaeSettings['lr']>;
}

export function resolveDaeSettings(o: DaeOverrides = {}): DaeSettings {
  const s: DaeSettings = {
    corruption: { ...DAE_CORRUPTION_DEFAULTS, ...o.corruption },
    adamw: { beta1: ADAMW_DEFAULTS.beta1, beta2: ADAMW_DEFAULTS.beta2, eps: ADAMW_DEFAULTS.eps, ...o.adamw },
    lr: { warmupLr: 5e-7, minLr: 5e-6, warmupEpochs: 4, ...o.lr },
  };
  const p = daeCorruptionProblems(s.corruption).map((x) => `corruption.${x}`);
  const a = s.adamw;
  if (!(a.beta1 >= 0 && a.beta1 < 1 && a.beta2 >= 0 && a.beta2 < 1)) p.push('adamw betas must be in [0, 1)');
  if (!(a.eps > 0)) p.push('adamw.eps must be > 0');
  if (!(s.lr.warmupLr >= 0 && s.lr.minLr >= 0)) p.push('lr.warmupLr and lr.minLr must be ≥ 0');
  if (!(s.lr.warmupEpochs >= 0)) p.push('lr.warmupEpochs must be ≥ 0');
  if (p.length > 0) throw new RangeError(`invalid DAE settings: ${p.join('; ')}`);
  return s;
}
