// Target spacing of the full-resolution configuration.
//
// Reference: spec §5.3; nnunetv2/experiment_planning/experiment_planners/default_experiment_planner.py
// (`determine_fullres_target_spacing`): per-axis median (NumPy percentile 50) of the training spacings; when the
// coarsest axis is more than 3× coarser than the others AND has fewer than a third of their (median) voxels, that
// axis instead gets the 10th percentile of its spacings, but not below the finest other spacing (+1e-5).
// The anisotropy rule is not triggered for STSR ((0.3, 0.25, 0.25) mm); it is applied only when shapes are given.
import type { Shape3 } from './layout.js';
import { assertPositive3, assertShape } from './layout.js';
import { percentileInPlace } from './numeric.js';

export const ANISO_THRESHOLD = 3;

function axisPercentile(rows: readonly Shape3[], axis: number, p: number): number {
  return percentileInPlace(
    Float64Array.from(rows, (r) => r[axis]!),
    p,
  );
}

/**
 * Target spacing (network order, mm) from per-case spacings; `shapes` (per case, after cropping) enable
 * nnU-Net's anisotropy rule.
 */
export function planTargetSpacing(
  spacings: readonly Shape3[],
  shapes?: readonly Shape3[],
  anisotropyThreshold = ANISO_THRESHOLD,
): Shape3 {
  if (spacings.length === 0) throw new RangeError('spacings must not be empty');
  spacings.forEach((s, i) => assertPositive3(s, `spacings[${i}]`));
  const target: Shape3 = [0, 1, 2].map((a) => axisPercentile(spacings, a, 50)) as Shape3;
  if (!shapes) return target;
  if (shapes.length !== spacings.length) throw new RangeError('shapes must hold one entry per spacing');
  shapes.forEach((s, i) => assertShape(s, `shapes[${i}]`));
  const targetSize = [0, 1, 2].map((a) => axisPercentile(shapes, a, 50));
  let worst = 0;
  for (let a = 1; a < 3; a++) if (target[a]! > target[worst]!) worst = a;
  const others = [0, 1, 2].filter((a) => a !== worst);
  const otherSpacings = others.map((a) => target[a]!);
  const otherSizes = others.map((a) => targetSize[a]!);
  const anisoSpacing = target[worst]! > anisotropyThreshold * Math.max(...otherSpacings);
  const anisoVoxels = targetSize[worst]! * anisotropyThreshold < Math.min(...otherSizes);
  if (anisoSpacing && anisoVoxels) {
    let s = axisPercentile(spacings, worst, 10);
    if (s < Math.max(...otherSpacings)) s = Math.max(Math.max(...otherSpacings), s) + 1e-5;
    target[worst] = s;
  }
  return target;
}
