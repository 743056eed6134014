// The nnU-Net v2 raw dataset layout and its two JSON files, as plain data: names, dataset.json,
// splits_final.json, and their validation when read back.
//
// Reference: nnU-Net v2 documentation/dataset_format.md (folder layout, `{CASE}_{XXXX}{file_ending}`
// names, dataset.json keys channel_names / labels name→value / numTraining / file_ending, labels
// consecutive from 0 with "background": 0); U-Mamba2 (STSR 2025) dataset conversion as summarised in
// shared/design/umamba2-spec.md §3.5 and §5.4: channel 0 "CBCT", splits_final.json is a list of folds,
// each `{ "train": [...], "val": [...], "unlabeled": [...] }` of case identifiers (no channel suffix).

import { VolumeFormatError } from '../io/errors.js';
import type { ExchangeLabelSchema } from './label-schema.js';

export type NnUNetSplit = 'train' | 'val' | 'test' | 'unlabeled';
export const NNUNET_SPLITS: readonly NnUNetSplit[] = ['train', 'val', 'test', 'unlabeled'];

export const NNUNET_FOLDERS = {
  imagesTr: 'imagesTr',
  labelsTr: 'labelsTr',
  unlabeledTr: 'unlabeledTr',
  imagesTs: 'imagesTs',
  /** Not read by nnU-Net; the usual place for test ground truth (evaluation). */
  labelsTs: 'labelsTs',
} as const;

export const NNUNET_FILE_ENDING = '.nii.gz';
export const CHANNEL_SUFFIX = '_0000';

export interface NnUNetDatasetJson {
  channel_names: Record<string, string>;
  labels: Record<string, number>;
  numTraining: number;
  file_ending: string;
  name?: string;
  description?: string;
  reference?: string;
  licence?: string;
  release?: string;
  [extra: string]: unknown;
}

export interface NnUNetFold {
  train: string[];
  val: string[];
  unlabeled: string[];
}

const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Throws a RangeError unless `id` is a safe nnU-Net case identifier (letters, digits, _ and -). */
export function checkCaseId(id: string): void {
  if (typeof id !== 'string' || !IDENTIFIER.test(id) || id.length > 200) {
    throw new RangeError(
      `case id ${JSON.stringify(id)} is not usable as an nnU-Net identifier: ` +
        'use letters, digits, "_" and "-" only, starting with a letter or digit',
    );
  }
}

/** "Dataset319_STSR": nnU-Net finds datasets by this folder name inside nnUNet_raw. */
export function nnunetDatasetFolderName(datasetId: number, name: string): string {
  if (!Number.isInteger(datasetId) || datasetId < 1 || datasetId > 999) {
    throw new RangeError(`nnU-Net dataset id must be an integer 1…999, got ${datasetId}`);
  }
  if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
    throw new RangeError(`nnU-Net dataset name ${JSON.stringify(name)} must use letters, digits, "_", "-"`);
  }
  return `Dataset${String(datasetId).padStart(3, '0')}_${name}`;
}

/**
 * The labels entry of dataset.json: "background": 0 then the schema's names for 1…maxValue. nnU-Net
 * requires consecutive values, so every value up to `maxValue` must be in the schema.
 */
export function nnunetLabels(schema: ExchangeLabelSchema, maxValue: number): Record<string, number> {
  const labels: Record<string, number> = { background: 0 };
  for (let value = 1; value <= maxValue; value++) {
    const label = schema.labels.find((l) => l.value === value);
    if (!label) {
      throw new RangeError(
        `nnU-Net needs consecutive label values 0…${maxValue}, but the label schema has no value ${value}`,
      );
    }
    const name = label.name === 'background' ? `${label.name} (${value})` : label.name;
    labels[name] = value;
  }
  return labels;
}

function fail(file: string, problem: string, reason: 'invalid' | 'unsupported' = 'invalid'): never {
  throw new VolumeFormatError(file, problem, reason);
}

/** Validates a parsed dataset.json for what we can import: one channel, plain (non-region) labels. */
export function parseDatasetJson(file: string, raw: unknown): NnUNetDatasetJson {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) fail(file, 'is not a JSON object');
  const json = raw as Record<string, unknown>;
  const channels = json.channel_names ?? json.modality;
  if (channels === null || typeof channels !== 'object') fail(file, 'has no "channel_names" object');
  const channelKeys = Object.keys(channels as object);
  if (channelKeys.length !== 1 || channelKeys[0] !== '0') {
    fail(
      file,
      `has ${channelKeys.length} input channels (${channelKeys.join(', ')}); only one is supported`,
      'unsupported',
    );
  }
  const labels = json.labels;
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels))
    fail(file, 'has no "labels" object');
  for (const [name, value] of Object.entries(labels as object)) {
    if (!Number.isInteger(value) || (value as number) < 0) {
      fail(
        file,
        `label "${name}" maps to ${JSON.stringify(value)}; only plain integer labels are supported (no regions)`,
        'unsupported',
      );
    }
  }
  const ending = json.file_ending;
  if (typeof ending !== 'string' || !['.nii.gz', '.nii', '.nrrd', '.mha'].includes(ending)) {
    fail(
      file,
      `file_ending ${JSON.stringify(ending)} is not supported (.nii.gz, .nii, .nrrd or .mha)`,
      'unsupported',
    );
  }
  if (!Number.isInteger(json.numTraining)) fail(file, '"numTraining" is missing or not an integer');
  return { ...json, channel_names: channels as Record<string, string> } as NnUNetDatasetJson;
}

/** Fold 0 of a parsed splits_final.json; a missing "unlabeled" key reads as an empty list. */
export function parseSplits(file: string, raw: unknown): NnUNetFold {
  if (!Array.isArray(raw) || raw.length === 0) fail(file, 'is not a non-empty list of folds');
  const fold = raw[0] as Record<string, unknown>;
  const list = (key: keyof NnUNetFold, required: boolean): string[] => {
    const value = fold?.[key];
    if (value === undefined && !required) return [];
    if (!Array.isArray(value) || !value.every((x) => typeof x === 'string')) {
      fail(file, `fold 0 has no list of case identifiers under "${key}"`);
    }
    return value as string[];
  };
  return { train: list('train', true), val: list('val', true), unlabeled: list('unlabeled', false) };
}
