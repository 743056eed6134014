// STSR 2025 Task 1 evaluation metrics (spec §7): image- and instance-level Dice, IoU, NSD at 2 mm, IA, and the
// official aggregation. Entry points: `evaluateCase`, `evaluateCases` (or `MetricsAccumulator` to stream).

export { evaluateCase, DEFAULT_TOLERANCE_MM, type EvaluateOptions } from './evaluate-case.js';
export { evaluateCases, MetricsAccumulator, failedCase, robustMean, type CasePair } from './aggregate.js';
export { caseIdFromFileName } from './case-id.js';
export { needsResampling, resampleNearest } from './resample-nearest.js';
export {
  surfaceDistances,
  nsdFromDistances,
  type MaskSelector,
  type SurfaceDistances,
  type Surfels,
} from './surface-distance.js';
export { surfelAreaTable } from './surface-area-table.js';
export { squaredEdt3d } from './edt.js';
export type * from './types.js';
