// exportNnUNetDataset: cases of a project → an nnU-Net v2 raw dataset folder that a lab can train
// nnU-Net or the U-Mamba2 reference on, written atomically (temporary folder, renamed at the end).
//
// Layout (inside <outRoot>/DatasetXXX_Name):
//   imagesTr/<id>_0000.nii.gz, labelsTr/<id>.nii.gz   train and val cases (they need a label)
//   unlabeledTr/<id>_0000.nii.gz                       unlabelled scans (a label, if given, is not written)
//   imagesTs/<id>_0000.nii.gz [, labelsTs/<id>.nii.gz] test cases (label optional)
//   dataset.json, splits_final.json                    see nnunet-format.ts
// splits_final.json belongs in nnUNet_preprocessed/DatasetXXX_Name/ for training; it is written next to
// dataset.json so the export is one folder, and the README tells the lab to copy it.
//
// Reference: nnU-Net v2 documentation/dataset_format.md; U-Mamba2 reference (umamba2-spec.md §3.5, §5.4).

import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { isGzip, readFileBytes } from '../io/byte-source.js';
import { detectVolumeFormat } from '../io/read-volume.js';
import { writeVolumeFile } from '../io/write-volume.js';
import type { Volume } from '../io/volume.js';
import { writeFolderAtomic, writeJsonFile } from './atomic-folder.js';
import { assertSameGrid, copyGrid } from './geometry-check.js';
import { checkLabelValues, checkSchema, type ExchangeLabelSchema } from './label-schema.js';
import {
  CHANNEL_SUFFIX,
  NNUNET_FILE_ENDING as END,
  NNUNET_FOLDERS as F,
  NNUNET_SPLITS,
  checkCaseId,
  nnunetDatasetFolderName,
  nnunetLabels,
  type NnUNetDatasetJson,
  type NnUNetFold,
  type NnUNetSplit,
} from './nnunet-format.js';
import { loadVolume, type VolumeSource } from './volume-source.js';

export interface NnUNetExportCase {
  /** The nnU-Net case identifier: letters, digits, "_" and "-". */
  id: string;
  /** The scan: a Volume, an image file, or a DICOM series folder. */
  image: VolumeSource;
  /** Required for train and val; optional for test; ignored for unlabeled. */
  label?: VolumeSource;
  split: NnUNetSplit;
}

export interface NnUNetExportOptions {
  /** 1…999; the folder is named DatasetXXX_<name>. */
  datasetId: number;
  name: string;
  labelSchema: ExchangeLabelSchema;
  /** dataset.json labels: 'used' (default) = 0…highest value present in any label; 'schema' = 0…highest in the schema. */
  labels?: 'used' | 'schema';
  /** channel_names["0"], default "CBCT" as in the U-Mamba2 STSR dataset. */
  channelName?: string;
  description?: string;
  reference?: string;
  licence?: string;
  release?: string;
}

export interface NnUNetExportResult {
  datasetDir: string;
  datasetJson: NnUNetDatasetJson;
  splits: NnUNetFold[];
  /** Things a lab should know (no validation cases, …); the export itself succeeded. */
  warnings: string[];
}

function checkCases(cases: readonly NnUNetExportCase[]): void {
  const seen = new Set<string>();
  for (const c of cases) {
    checkCaseId(c.id);
    // nnU-Net matches files by identifier; ids differing only by case collide on Windows and macOS.
    const key = c.id.toLowerCase();
    if (seen.has(key))
      throw new RangeError(`case id "${c.id}" is used twice (ids are compared ignoring case)`);
    seen.add(key);
    if (!NNUNET_SPLITS.includes(c.split)) throw new RangeError(`case "${c.id}": unknown split "${c.split}"`);
    if ((c.split === 'train' || c.split === 'val') && c.label === undefined) {
      throw new RangeError(`case "${c.id}" is in split "${c.split}" but has no label; use "unlabeled"`);
    }
  }
}

/** Writes the image as <dir>/<id>_0000.nii.gz: a byte copy when the source already is a gzipped NIfTI. */
async function writeImage(source: VolumeSource, image: Volume, path: string): Promise<void> {
  if (typeof source === 'string' && source.toLowerCase().endsWith(END)) {
    const head = await readFileBytes(source, 4).catch(() => null);
    if (head && isGzip(head) && (await detectVolumeFormat(source)) === 'nifti') {
      await copyFile(source, path);
      return;
    }
  }
  await writeVolumeFile(image, path);
}

/**
 * Exports `cases` as `<outRoot>/DatasetXXX_<name>`. Refuses when that folder exists and is not empty.
 * Every label is checked against the schema and against its image's grid (within 1e-3 mm; the label
 * is written with the image's exact geometry so that nnU-Net's own checks pass).
 */
export async function exportNnUNetDataset(
  cases: readonly NnUNetExportCase[],
  outRoot: string,
  options: NnUNetExportOptions,
): Promise<NnUNetExportResult> {
  checkSchema(options.labelSchema);
  checkCases(cases);
  const datasetDir = join(outRoot, nnunetDatasetFolderName(options.datasetId, options.name));
  return writeFolderAtomic(datasetDir, async (dir) => {
    // imagesTr and labelsTr always exist (nnU-Net expects them); the others only when used.
    const made = new Set<string>();
    const folder = async (name: string): Promise<string> => {
      if (!made.has(name)) await mkdir(join(dir, name));
      made.add(name);
      return join(dir, name);
    };
    await folder(F.imagesTr);
    await folder(F.labelsTr);
    let maxUsed = 0;
    for (const c of cases) {
      const image = await loadVolume(c.image, `image of case "${c.id}"`);
      const imageFolder =
        c.split === 'test' ? F.imagesTs : c.split === 'unlabeled' ? F.unlabeledTr : F.imagesTr;
      await writeImage(c.image, image, join(await folder(imageFolder), `${c.id}${CHANNEL_SUFFIX}${END}`));
      if (c.label === undefined || c.split === 'unlabeled') continue;
      const what = typeof c.label === 'string' ? c.label : `label of case "${c.id}"`;
      const label = await loadVolume(c.label, what);
      assertSameGrid(what, label, image, undefined, { actual: 'the label', expected: 'the image' });
      const counts = checkLabelValues(what, label, options.labelSchema);
      maxUsed = Math.max(maxUsed, ...counts.keys());
      const labelFolder = await folder(c.split === 'test' ? F.labelsTs : F.labelsTr);
      await writeVolumeFile({ ...label, ...copyGrid(image) }, join(labelFolder, `${c.id}${END}`));
    }
    const maxValue =
      options.labels === 'schema' ? Math.max(0, ...options.labelSchema.labels.map((l) => l.value)) : maxUsed;
    const ids = (split: NnUNetSplit) => cases.filter((c) => c.split === split).map((c) => c.id);
    const fold: NnUNetFold = { train: ids('train'), val: ids('val'), unlabeled: ids('unlabeled') };
    const datasetJson: NnUNetDatasetJson = {
      channel_names: { '0': options.channelName ?? 'CBCT' },
      labels: nnunetLabels(options.labelSchema, maxValue),
      numTraining: fold.train.length + fold.val.length,
      file_ending: END,
      name: options.name,
      description:
        options.description ??
        `Exported by CBCT Workbench (label schema ${options.labelSchema.id ?? 'unnamed'})`,
      ...(options.reference !== undefined ? { reference: options.reference } : {}),
      ...(options.licence !== undefined ? { licence: options.licence } : {}),
      ...(options.release !== undefined ? { release: options.release } : {}),
      numTest: ids('test').length,
      numUnlabeled: fold.unlabeled.length,
    };
    await writeJsonFile(join(dir, 'dataset.json'), datasetJson);
    await writeJsonFile(join(dir, 'splits_final.json'), [fold]);
    const warnings: string[] = [];
    for (const c of cases) {
      if (c.split === 'unlabeled' && c.label !== undefined)
        warnings.push(`case "${c.id}" is unlabeled: its label was not exported`);
    }
    if (fold.train.length === 0) warnings.push('no training cases: nnU-Net cannot train on this dataset');
    if (fold.val.length === 0)
      warnings.push('no validation cases: fold 0 of splits_final.json has an empty "val"');
    return { datasetDir, datasetJson, splits: [fold], warnings };
  });
}
