// Input and result types of the STSR 2025 Task 1 metrics. Results are plain JSON-friendly objects: a value the
// official script would produce as NaN is `null` here.

export type Vec3Like = readonly [number, number, number];

/**
 * A label map: a `Volume` from `ml/data/io/volume.ts`, or any object with the same fields. Voxels are
 * i-fastest (index = i + nx·(j + ny·k)); spacing in mm. `origin`/`direction` are only used to resample a
 * prediction whose grid differs from the ground truth's (defaults: 0 and identity).
 */
export interface LabelMap {
  dims: Vec3Like;
  spacing: Vec3Like;
  voxels: ArrayLike<number>;
  origin?: Vec3Like;
  direction?: readonly number[];
}

/** Inclusive voxel bounding box. */
export interface Box {
  min: [number, number, number];
  max: [number, number, number];
}

/** Dice, IoU and NSD of one binary pair, with the voxel counts behind them. */
export interface OverlapScores {
  /** 2|G∩P| / (|G|+|P|); null when both masks are empty (the official NaN, skipped in means). */
  dice: number | null;
  /** |G∩P| / |G∪P|; 1 when both masks are empty. */
  iou: number;
  /** Normalised surface Dice at the tolerance; 1 when both are empty, 0 when exactly one is. */
  nsd: number;
  gtVoxels: number;
  predVoxels: number;
  intersection: number;
}

/** Scores of one label id of one case (only ids present in the ground truth get these). */
export interface LabelScores extends OverlapScores {
  label: number;
  dice: number;
  /** Whether this label counts as identified for IA (IoU ≥ 0.5). */
  identified: boolean;
}

export type CaseStatus = 'ok' | 'missing' | 'error';

export interface CaseResult {
  id: string | null;
  status: CaseStatus;
  /** Why the case was scored 0 (status 'missing' or 'error'). */
  error: string | null;
  tolerance: number;
  /** True when the prediction was resampled (nearest neighbour) onto the ground-truth grid. */
  resampled: boolean;
  /** Binary (label > 0) scores; null for a missing or failed case. */
  image: OverlapScores | null;
  /** One entry per label id present in the ground truth, ascending. */
  instances: LabelScores[];
  /** Label ids present only in the prediction (they count in the IA denominator only). */
  predictionOnlyLabels: number[];
  /** Identification accuracy of the case; 0 for a missing or failed case. */
  ia: number;
}

/** The eight numbers of the official `scores.json`, same keys. */
export interface OfficialScores {
  Dice_Image: number;
  IoU_Image: number;
  NSD_Image: number;
  Dice_Instance: number;
  IoU_Instance: number;
  NSD_Instance: number;
  IA: number;
  All_Average: number;
}

/** Mean instance scores of one label id over the cases whose ground truth contains it (not official). */
export interface LabelSummary {
  label: number;
  cases: number;
  dice: number;
  iou: number;
  nsd: number;
  identified: number;
}

export interface AggregateResult {
  scores: OfficialScores;
  cases: number;
  missing: number;
  failed: number;
  /** Number of (case, label) pairs pooled into the instance means. */
  instancePairs: number;
  perLabel: LabelSummary[];
  perCase: CaseResult[];
}
