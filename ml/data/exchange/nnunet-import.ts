// Reading an nnU-Net v2 raw dataset folder back: which cases exist, in which split, and their volumes.
// scanNnUNetDataset only lists files (cheap, for large datasets); importNnUNetDataset also reads and
// checks the volumes (label grid = image grid, label values among dataset.json's labels).
//
// Splits: fold 0 of splits_final.json when present (train / val / unlabeled); otherwise imagesTr
// cases are "train" and unlabeledTr cases "unlabeled". imagesTs cases are "test".
// Reference: nnU-Net v2 documentation/dataset_format.md; umamba2-spec.md §3.5, §5.4.

import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { VolumeFormatError } from '../io/errors.js';
import { readVolumeFile } from '../io/read-volume.js';
import type { Volume } from '../io/volume.js';
import { assertSameGrid } from './geometry-check.js';
import { checkLabelValues } from './label-schema.js';
import {
  CHANNEL_SUFFIX,
  NNUNET_FOLDERS as F,
  parseDatasetJson,
  parseSplits,
  type NnUNetDatasetJson,
  type NnUNetFold,
  type NnUNetSplit,
} from './nnunet-format.js';

export interface NnUNetCaseFiles {
  id: string;
  split: NnUNetSplit;
  imagePath: string;
  labelPath?: string;
}

export interface NnUNetDatasetScan {
  datasetDir: string;
  datasetJson: NnUNetDatasetJson;
  /** Fold 0 of splits_final.json, or null when the folder has none. */
  splits: NnUNetFold | null;
  cases: NnUNetCaseFiles[];
  warnings: string[];
}

export interface NnUNetImportedCase extends NnUNetCaseFiles {
  image: Volume;
  label?: Volume;
}

export interface NnUNetImport extends Omit<NnUNetDatasetScan, 'cases'> {
  cases: NnUNetImportedCase[];
}

async function readJson(path: string, required: boolean): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if (!required && (err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    const code = (err as NodeJS.ErrnoException).code;
    throw new VolumeFormatError(
      path,
      code === 'ENOENT' ? 'not found: this is not an nnU-Net dataset folder' : `cannot read (${code})`,
      'io',
    );
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new VolumeFormatError(path, `is not valid JSON (${(err as Error).message})`);
  }
}

/** Case ids in a folder, from file names `<id><suffix><ending>`; other channels are rejected. */
async function idsIn(dir: string, suffix: string, ending: string): Promise<Map<string, string>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new VolumeFormatError(dir, `cannot list (${(err as NodeJS.ErrnoException).code})`, 'io');
  }
  const ids = new Map<string, string>();
  for (const name of names.sort()) {
    if (name.startsWith('.') || !name.endsWith(ending)) continue;
    const stem = name.slice(0, -ending.length);
    if (suffix !== '') {
      const channel = /_(\d{4})$/.exec(stem);
      if (!channel) continue;
      if (channel[1] !== suffix.slice(1)) {
        throw new VolumeFormatError(
          join(dir, name),
          'is a second input channel; only single-channel datasets are supported',
          'unsupported',
        );
      }
      ids.set(stem.slice(0, -suffix.length), join(dir, name));
    } else {
      ids.set(stem, join(dir, name));
    }
  }
  return ids;
}

/** Lists the cases of an nnU-Net raw dataset folder without reading any volume. */
export async function scanNnUNetDataset(datasetDir: string): Promise<NnUNetDatasetScan> {
  const jsonPath = join(datasetDir, 'dataset.json');
  const datasetJson = parseDatasetJson(jsonPath, await readJson(jsonPath, true));
  const splitsPath = join(datasetDir, 'splits_final.json');
  const rawSplits = await readJson(splitsPath, false);
  const splits = rawSplits === undefined ? null : parseSplits(splitsPath, rawSplits);
  const end = datasetJson.file_ending;
  const imagesTr = await idsIn(join(datasetDir, F.imagesTr), CHANNEL_SUFFIX, end);
  const labelsTr = await idsIn(join(datasetDir, F.labelsTr), '', end);
  const unlabeledTr = await idsIn(join(datasetDir, F.unlabeledTr), CHANNEL_SUFFIX, end);
  const imagesTs = await idsIn(join(datasetDir, F.imagesTs), CHANNEL_SUFFIX, end);
  const labelsTs = await idsIn(join(datasetDir, F.labelsTs), '', end);
  const warnings: string[] = [];

  const splitOf = new Map<string, NnUNetSplit>();
  for (const key of ['train', 'val', 'unlabeled'] as const) {
    for (const id of splits?.[key] ?? []) {
      if (splitOf.has(id)) throw new VolumeFormatError(splitsPath, `case "${id}" is listed twice in fold 0`);
      splitOf.set(id, key);
      if (!imagesTr.has(id) && !unlabeledTr.has(id)) {
        throw new VolumeFormatError(
          splitsPath,
          `lists case "${id}" under "${key}", but there is no image for it`,
        );
      }
    }
  }
  const cases: NnUNetCaseFiles[] = [];
  for (const [id, imagePath] of imagesTr) {
    const split = splitOf.get(id) ?? 'train';
    if (splits && !splitOf.has(id))
      warnings.push(`case "${id}" is in imagesTr but not in fold 0; read as "train"`);
    const labelPath = labelsTr.get(id);
    if (split !== 'unlabeled' && !labelPath) {
      throw new VolumeFormatError(
        join(datasetDir, F.labelsTr),
        `has no label for case "${id}" (expected ${id}${end})`,
      );
    }
    cases.push(
      split === 'unlabeled'
        ? { id, split, imagePath }
        : { id, split, imagePath, labelPath: labelPath as string },
    );
  }
  for (const [id, imagePath] of unlabeledTr) {
    if (imagesTr.has(id))
      throw new VolumeFormatError(datasetDir, `case "${id}" is in both imagesTr and unlabeledTr`);
    const listed = splitOf.get(id);
    if (listed !== undefined && listed !== 'unlabeled') {
      throw new VolumeFormatError(splitsPath, `lists unlabelled case "${id}" under "${listed}"`);
    }
    cases.push({ id, split: 'unlabeled', imagePath });
  }
  for (const [id, imagePath] of imagesTs) {
    const labelPath = labelsTs.get(id);
    cases.push(labelPath ? { id, split: 'test', imagePath, labelPath } : { id, split: 'test', imagePath });
  }
  const labelled = cases.filter((c) => c.split === 'train' || c.split === 'val').length;
  if (labelled !== datasetJson.numTraining) {
    warnings.push(
      `dataset.json says numTraining ${datasetJson.numTraining}, but ${labelled} labelled training cases were found`,
    );
  }
  return { datasetDir, datasetJson, splits, cases, warnings };
}

/** Reads every case of a dataset folder (one at a time) and checks each label against its image. */
export async function importNnUNetDataset(datasetDir: string): Promise<NnUNetImport> {
  const scan = await scanNnUNetDataset(datasetDir);
  const schema = {
    labels: Object.entries(scan.datasetJson.labels).map(([name, value]) => ({ name, value })),
  };
  const cases: NnUNetImportedCase[] = [];
  for (const c of scan.cases) {
    const image = await readVolumeFile(c.imagePath);
    if (!c.labelPath) {
      cases.push({ ...c, image });
      continue;
    }
    const label = await readVolumeFile(c.labelPath);
    assertSameGrid(c.labelPath, label, image, undefined, { actual: 'the label', expected: 'its image' });
    checkLabelValues(c.labelPath, label, schema);
    cases.push({ ...c, image, label });
  }
  return { ...scan, cases };
}
