// The contract: every method the renderer (or the CLI, or a test) may call on the core, with a zod schema
// for its arguments and the TypeScript type of its result. Adapters validate arguments against these
// schemas before the core sees them; unknown methods are errors.
import { z } from 'zod';
import type {
  AuditEntry,
  BackendInfo,
  CaseDetail,
  CaseUncertainty,
  CaseSummary,
  ExportResult,
  ImportResult,
  Job,
  LabelVersion,
  ModelVersion,
  ProjectInfo,
  RankedCase,
  Settings,
  TrainingHistory,
  VolumePayload,
} from './types.js';
import {
  BACKEND_CHOICES,
  CASE_STATUSES,
  JOB_STATES,
  LABEL_SOURCES,
  SPLITS,
  TRAINING_ARCHITECTURES,
  TRAINING_PRESETS,
  TRAINING_TARGETS,
} from './types.js';

const id = z.number().int().positive();
const bytes = z.custom<Uint8Array>((x) => x instanceof Uint8Array, 'expected binary data (Uint8Array)');
const text = (max: number) => z.string().max(max);

export const windowPresetSchema = z.object({
  name: text(64).min(1),
  window: z.number().positive().finite(),
  level: z.number().finite(),
});

export const settingsSchema = z.object({
  author: text(128).min(1),
  backend: z.enum(BACKEND_CHOICES),
  windowPresets: z.array(windowPresetSchema).max(32),
});

export const argSchemas = {
  'projects.info': z.object({}).strict(),
  /** Writes the project as an nnU-Net v2 raw dataset (DatasetXXX_Name) inside `outDir`. */
  'projects.exportNnUNet': z
    .object({
      outDir: text(4096).min(1),
      datasetId: z.number().int().min(1).max(999),
      name: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ and - only'),
    })
    .strict(),
  'projects.audit': z
    .object({ caseId: id.optional(), limit: z.number().int().min(1).max(10000).default(200) })
    .strict(),
  'cases.list': z
    .object({ split: z.enum(SPLITS).optional(), status: z.enum(CASE_STATUSES).optional() })
    .strict(),
  'cases.get': z.object({ caseId: id }).strict(),
  'cases.import': z
    .object({
      paths: z.array(text(4096).min(1)).min(1).max(10000),
      split: z.enum(SPLITS).default('unlabeled'),
      author: text(128).min(1).optional(),
    })
    .strict(),
  'cases.update': z
    .object({
      caseId: id,
      split: z.enum(SPLITS).optional(),
      status: z.enum(CASE_STATUSES).optional(),
      comment: text(4000).nullable().optional(),
      author: text(128).min(1).optional(),
    })
    .strict(),
  'cases.volume': z.object({ caseId: id }).strict(),
  /**
   * Queues a label proposal for a case; it arrives as a new label version when the job is done. 'model' runs
   * the active model (or `modelId`) and also saves the case's uncertainty; 'bootstrap' is the classical one.
   */
  'cases.propose': z
    .object({
      caseId: id,
      method: z.enum(['bootstrap', 'model']).default('bootstrap'),
      modelId: z
        .string()
        .regex(/^m[0-9]+$/)
        .optional(),
      author: text(128).min(1).optional(),
    })
    .strict(),
  /** The case's uncertainty summary under the active model (else the latest model that proposed); null if none. */
  'cases.uncertainty': z.object({ caseId: id }).strict(),
  /**
   * An uncertainty map on the case grid, uint8 0…255 = 0…1: 'entropy' (normalised entropy of the TTA mean,
   * the default) or 'disagreement' (normalised mutual information between the TTA members).
   */
  'cases.uncertaintyVolume': z
    .object({ caseId: id, kind: z.enum(['entropy', 'disagreement']).default('entropy') })
    .strict(),
  /**
   * The next-case queue: cases without a ground truth (test split excluded), most uncertain first; with
   * `diversity`, each pick also avoids cases that look like those already picked.
   */
  'cases.rank': z
    .object({ limit: z.number().int().min(1).max(10000).default(50), diversity: z.boolean().default(false) })
    .strict(),
  'labels.list': z.object({ caseId: id }).strict(),
  /** Writes a label version to a new file (NIfTI, DICOM SEG) or a new folder of STL meshes. */
  'labels.export': z
    .object({ versionId: id, format: z.enum(['nifti', 'dicom-seg', 'stl']), outPath: text(4096).min(1) })
    .strict(),
  /** Reads an external prediction (NIfTI, MetaImage, NRRD, DICOM SEG) on the case grid as a new version. */
  'labels.importPrediction': z
    .object({
      caseId: id,
      path: text(4096).min(1),
      author: text(128).min(1).optional(),
      comment: text(4000).optional(),
    })
    .strict(),
  'labels.read': z.object({ versionId: id }).strict(),
  'labels.save': z
    .object({
      caseId: id,
      /** The version this edit started from; must be the case's latest (null for the first version). */
      parentId: id.nullable(),
      source: z.enum(LABEL_SOURCES).default('manual'),
      modelId: text(128).nullable().default(null),
      author: text(128).min(1).optional(),
      comment: text(4000).nullable().default(null),
      reviewedSlices: z.array(z.number().int().min(0)).max(100000).default([]),
      /** Seconds spent and voxels changed in this editing session (recorded for the lab's statistics). */
      effort: z
        .object({ seconds: z.number().finite().min(0), voxelsChanged: z.number().int().min(0) })
        .strict()
        .nullable()
        .default(null),
      /** Label voxels, one byte per voxel (uint8), i fastest, on the case's grid. */
      data: bytes,
    })
    .strict(),
  'models.list': z.object({}).strict(),
  'models.activate': z.object({ modelId: z.string().regex(/^m[0-9]+$/) }).strict(),
  /** Re-activates the parent of the active model (one step back). */
  'models.rollback': z.object({}).strict(),
  'jobs.list': z.object({ state: z.enum(JOB_STATES).optional() }).strict(),
  'jobs.get': z.object({ jobId: id }).strict(),
  'jobs.cancel': z.object({ jobId: id }).strict(),
  /** Stops a training job at the next step, keeping its checkpoint; it stays paused across restarts. */
  'jobs.pause': z.object({ jobId: id }).strict(),
  /** Queues a paused job again; it continues from its last checkpoint. */
  'jobs.resume': z.object({ jobId: id }).strict(),
  /**
   * Starts training (one training job per project at a time) on the corrected labels and every uncorrected
   * scan; each finished stage becomes a model version. `iterations` overrides the preset's budget per stage.
   */
  'training.start': z
    .object({
      target: z.enum(TRAINING_TARGETS),
      preset: z.enum(TRAINING_PRESETS).default('workstation'),
      architecture: z.enum(TRAINING_ARCHITECTURES).default('workstation'),
      patch: z.tuple([z.number().int().min(8), z.number().int().min(8), z.number().int().min(8)]).optional(),
      iterations: z.number().int().min(1).max(10_000_000).optional(),
      seed: z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1)
        .default(0),
      author: text(128).min(1).optional(),
    })
    .strict(),
  /** The per-step progress of a training job (for charts), kept on disk so a reload shows it again. */
  'training.history': z.object({ jobId: id }).strict(),
  /** The backend the ML workers use on this machine (and whether it is a GPU). */
  'training.backend': z.object({}).strict(),
  'settings.get': z.object({}).strict(),
  'settings.set': z.object({ values: settingsSchema.partial() }).strict(),
} as const;

export type MethodName = keyof typeof argSchemas;
/** Arguments as the caller writes them (defaults may be omitted). */
export type ArgsIn<M extends MethodName> = z.input<(typeof argSchemas)[M]>;
/** Arguments after validation (defaults filled in), as the core receives them. */
export type Args<M extends MethodName> = z.output<(typeof argSchemas)[M]>;

export interface Results {
  'projects.info': ProjectInfo;
  'projects.audit': AuditEntry[];
  'projects.exportNnUNet': ExportResult;
  'cases.list': CaseSummary[];
  'cases.get': CaseDetail;
  'cases.import': ImportResult;
  'cases.update': CaseSummary;
  'cases.volume': VolumePayload;
  'cases.propose': Job;
  'cases.uncertainty': CaseUncertainty | null;
  'cases.uncertaintyVolume': VolumePayload;
  'cases.rank': RankedCase[];
  'labels.list': LabelVersion[];
  'labels.export': ExportResult;
  'labels.importPrediction': LabelVersion;
  'labels.read': VolumePayload;
  'labels.save': LabelVersion;
  'models.list': ModelVersion[];
  'models.activate': ModelVersion;
  'models.rollback': ModelVersion;
  'jobs.list': Job[];
  'jobs.get': Job;
  'jobs.cancel': Job;
  'jobs.pause': Job;
  'jobs.resume': Job;
  'training.start': Job;
  'training.history': TrainingHistory;
  'training.backend': BackendInfo;
  'settings.get': Settings;
  'settings.set': Settings;
}

/** Methods whose result is a binary volume (sent as octet-stream with the header alongside). */
export const BINARY_RESULT_METHODS: ReadonlySet<MethodName> = new Set([
  'cases.volume',
  'labels.read',
  'cases.uncertaintyVolume',
]);
/** Methods with one binary argument, `data` (sent as an octet-stream body, the rest as JSON alongside). */
export const BINARY_ARG_METHODS: ReadonlySet<MethodName> = new Set(['labels.save']);

export const METHOD_NAMES = Object.keys(argSchemas) as MethodName[];

export function isMethodName(x: string): x is MethodName {
  return Object.prototype.hasOwnProperty.call(argSchemas, x);
}
