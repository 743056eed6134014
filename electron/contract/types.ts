// Domain types shared by the core, the adapters and the renderer. Plain JSON-serialisable data only,
// except the binary payloads (`Uint8Array`) of volume and label transfers.

export const SPLITS = ['train', 'val', 'test', 'unlabeled'] as const;
export type Split = (typeof SPLITS)[number];

/** The review life cycle of a case: new → proposed → in-review → corrected → approved, plus flagged. */
export const CASE_STATUSES = ['new', 'proposed', 'in-review', 'corrected', 'approved', 'flagged'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const LABEL_SOURCES = ['manual', 'model', 'import', 'bootstrap'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

export const VOLUME_DATA_TYPES = [
  'uint8',
  'int8',
  'uint16',
  'int16',
  'uint32',
  'int32',
  'float32',
  'float64',
] as const;
export type VolumeDataType = (typeof VOLUME_DATA_TYPES)[number];

export type Vec3 = [number, number, number];

/** Geometry in patient LPS millimetres; `direction` is the three voxel-axis unit vectors one after another. */
export interface Geometry {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: [number, number, number, number, number, number, number, number, number];
}

/** What travels with a binary volume or label map: its geometry and how to read the bytes (little-endian). */
export interface VolumeHeader extends Geometry {
  dataType: VolumeDataType;
}

export interface VolumePayload {
  header: VolumeHeader;
  data: Uint8Array;
}

export interface LabelDefinition {
  value: number;
  name: string;
  color: [number, number, number];
}

export interface LabelSchema {
  id: string;
  description: string;
  labels: LabelDefinition[];
}

export interface ProjectInfo {
  name: string;
  directory: string;
  schemaVersion: number;
  appVersion: string;
  createdAt: string;
  caseCount: number;
  labelSchema: LabelSchema;
}

export interface CaseSummary {
  id: number;
  name: string;
  split: Split;
  status: CaseStatus;
  comment: string | null;
  sourceFormat: string;
  geometry: Geometry;
  dataType: VolumeDataType;
  valueRange: { min: number; max: number };
  importedAt: string;
  updatedAt: string;
  latestLabelVersionId: number | null;
  lastEditor: string | null;
  labelVersionCount: number;
  /** Annotation effort summed over the case's label versions. */
  effort: { seconds: number; voxelsChanged: number };
  /** Mean Dice (teeth, pulp) of the last model proposal against the correction saved after it; null if none. */
  modelDice: number | null;
  /** Uncertainty score (0…1) of the case under the active model's proposal (else the latest one); null if none. */
  uncertainty: number | null;
}

export interface CaseDetail extends CaseSummary {
  sourcePath: string;
  volumeSha256: string;
  labelVersions: LabelVersion[];
}

export interface LabelVersion {
  id: number;
  caseId: number;
  parentId: number | null;
  source: LabelSource;
  modelId: string | null;
  author: string;
  createdAt: string;
  sha256: string;
  comment: string | null;
  /** Axial slice indices (k) the author marked as reviewed in this version. */
  reviewedSlices: number[];
  /** Voxel count per label value present in the map. */
  labelCounts: Record<string, number>;
  /** Time the author spent on the case and voxels changed since the parent, when the editor reported it. */
  effort: { seconds: number; voxelsChanged: number } | null;
}

export interface ImportFailure {
  path: string;
  kind: string;
  message: string;
}

export interface ImportResult {
  jobId: number;
  imported: CaseSummary[];
  skipped: { path: string; reason: string; existingCaseId?: number }[];
  failed: ImportFailure[];
}

export const JOB_STATES = ['queued', 'running', 'paused', 'done', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const JOB_LANES = ['core', 'train', 'infer'] as const;
export type JobLane = (typeof JOB_LANES)[number];

export interface Job {
  id: number;
  kind: string;
  /** Where it runs: in the core process, or in the training or inference worker. */
  lane: JobLane;
  state: JobState;
  /** Parameters it was started with. */
  params: unknown;
  /** What it produced (e.g. the label version or model it created), once done. */
  result: unknown;
  attempts: number;
  progress: number;
  message: string | null;
  error: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const BACKEND_CHOICES = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export interface WindowPreset {
  name: string;
  window: number;
  level: number;
}

export interface Settings {
  author: string;
  backend: BackendChoice;
  windowPresets: WindowPreset[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  caseId: number | null;
  details: unknown;
}

export interface ExportResult {
  /** Files or folders written. */
  files: string[];
  warnings?: string[];
}

export const TRAINING_STAGES = ['supervised', 'dae', 'consistency', 'pseudolabel'] as const;
export type TrainingStage = (typeof TRAINING_STAGES)[number];

/** What a training job runs: one stage, or the U-Mamba2-SSL pipeline (dae → consistency → pseudolabel). */
export const TRAINING_TARGETS = [...TRAINING_STAGES, 'pipeline'] as const;
export type TrainingTarget = (typeof TRAINING_TARGETS)[number];

/** Iteration budgets: 'test' (seconds), 'workstation' (overnight on a CPU), 'reference' (the paper's, for GPUs). */
export const TRAINING_PRESETS = ['test', 'workstation', 'reference'] as const;
export type TrainingPreset = (typeof TRAINING_PRESETS)[number];

/** Network sizes: 'tiny' (tests, demos), 'workstation' (chosen for the backend and memory), 'stsr' (paper). */
export const TRAINING_ARCHITECTURES = ['tiny', 'workstation', 'stsr'] as const;
export type TrainingArchitecture = (typeof TRAINING_ARCHITECTURES)[number];

/** One progress sample of a training job (one optimizer step): what the training panel charts. */
export interface TrainingPoint {
  stage: TrainingStage;
  iteration: number;
  iterations: number;
  /** Loss terms of the step (e.g. total, ce, dice, consistency, pseudo, l1). */
  loss: Record<string, number>;
  lr: number;
  omega: number | null;
  etaSeconds: number;
  samplesPerSecond: number;
  /** Validation mean pseudo Dice at the end of an epoch (absent on other steps). */
  valPseudoDice?: number;
}

export interface TrainingHistory {
  jobId: number;
  points: TrainingPoint[];
  /** The backend the worker trains on, e.g. "wasm (tensorflow: not installed)"; null before it started. */
  backend: string | null;
}

/** Where the ML worker would run: the backend that loads on this machine and whether it uses a GPU. */
export interface BackendInfo {
  name: 'tensorflow' | 'wasm' | 'cpu';
  gpu: boolean;
  description: string;
}

/** A case's uncertainty under one model's proposal (active learning). */
export interface CaseUncertainty {
  caseId: number;
  modelId: string;
  labelVersionId: number;
  /** Mean normalised entropy (0…1) over the voxels the model calls tooth or finds uncertain. */
  score: number;
  /** Mean normalised disagreement (mutual information) between the TTA members over the same voxels. */
  disagreement: number;
  /** The most uncertain axial slices (k), most uncertain first, with their summed normalised entropy. */
  worstSlices: { index: number; score: number }[];
  createdAt: string;
}

export interface RankedCase {
  caseId: number;
  name: string;
  split: Split;
  /** Uncertainty score under the model that scored it; null = not scored yet (propose with the model first). */
  score: number | null;
  modelId: string | null;
  /** 1-based position in the queue. */
  rank: number;
}

export interface ModelVersion {
  id: string;
  parentId: string | null;
  stage: TrainingStage;
  /** Architecture, trainer and pre-processing configs as saved in the checkpoint. */
  config: Record<string, unknown>;
  /** Exactly what it learnt from: the ground-truth label versions and the unlabelled cases. */
  trainedOn: { labelVersionIds: number[]; unlabeledCaseIds: number[]; validationCaseIds: number[] };
  /** Metrics on the project's validation split (STSR metric names), when it has one. */
  metrics: Record<string, number>;
  active: boolean;
  createdAt: string;
}
