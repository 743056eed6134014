// The pre-processing plan stored with a model: target spacing and CTNormalization constants.
//
// Reference: spec §5.2–5.3 (nnU-Net keeps these in the plans file: `configurations.3d_fullres.spacing` and
// `foreground_intensity_properties_per_channel`).
import type { Shape3 } from './layout.js';
import { assertPositive3 } from './layout.js';
import type { DatasetFingerprint } from './fingerprint.js';
import type { IntensityProperties } from './normalize.js';
import { assertIntensityProperties } from './normalize.js';
import { planTargetSpacing } from './target-spacing.js';

export const PLAN_VERSION = 1;

export interface PreprocessPlan {
  version: typeof PLAN_VERSION;
  /** Network order [D0, D1, D2], mm. */
  targetSpacing: Shape3;
  /** CTNormalization constants (from the fingerprint). */
  intensity: IntensityProperties;
}

export interface PlanOptions {
  /** Overrides the planned spacing (nnU-Net's `overwrite_target_spacing`). */
  targetSpacing?: Shape3;
  /** Apply nnU-Net's anisotropy rule (default true). */
  anisotropyRule?: boolean;
}

export function planFromFingerprint(fp: DatasetFingerprint, options: PlanOptions = {}): PreprocessPlan {
  const targetSpacing =
    options.targetSpacing ??
    planTargetSpacing(fp.spacings, options.anisotropyRule === false ? undefined : fp.shapesAfterCrop);
  const plan: PreprocessPlan = {
    version: PLAN_VERSION,
    targetSpacing: [...targetSpacing] as Shape3,
    intensity: { ...fp.intensity },
  };
  assertPlan(plan);
  return plan;
}

/** Throws a RangeError naming the bad field. */
export function assertPlan(plan: PreprocessPlan): void {
  if (typeof plan !== 'object' || plan === null) throw new RangeError('plan must be an object');
  if (plan.version !== PLAN_VERSION) throw new RangeError(`plan.version must be ${PLAN_VERSION}`);
  if (!Array.isArray(plan.targetSpacing)) throw new RangeError('plan.targetSpacing must be an array');
  assertPositive3(plan.targetSpacing, 'plan.targetSpacing');
  if (typeof plan.intensity !== 'object' || plan.intensity === null)
    throw new RangeError('plan.intensity missing');
  assertIntensityProperties(plan.intensity, 'plan.intensity');
}
