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
