// readPrediction: a label map made elsewhere (a model run by a lab, another annotation tool) → a label
// map for a case, after checking that it fits: same grid (dimensions exactly; spacing, origin and
// direction within 1e-3) and only values of the label schema. Accepts NIfTI (and MetaImage, NRRD)
// label files and DICOM SEG files. The result carries the case's grid exactly (the file's grid only
// differs within the tolerance) and the smallest unsigned voxel type that holds its values.

import { readFileBytes } from '../io/byte-source.js';
import { detectVolumeFormat, readVolumeFile } from '../io/read-volume.js';
import { allocateVoxels, type Volume } from '../io/volume.js';
import { assertSameGrid, copyGrid, type Grid } from './geometry-check.js';
import { checkLabelValues, checkSchema, labelDataType, type ExchangeLabelSchema } from './label-schema.js';
import { readDicomSeg, type DicomSegSegment } from './seg-read.js';

export type PredictionFormat = 'nifti' | 'metaimage' | 'nrrd' | 'dicom-seg';

export interface Prediction {
  label: Volume;
  format: PredictionFormat;
  /** Voxel count per label value present (0 included). */
  counts: Map<number, number>;
  /** Present for DICOM SEG input. */
  segments?: DicomSegSegment[];
  /** Accepted, but worth telling the user (overlapping segments, another series referenced, …). */
  warnings: string[];
}

export interface ReadPredictionOptions {
  /** For DICOM SEG: the case's source series, to warn when the SEG references another one. */
  seriesInstanceUid?: string;
  frameOfReferenceUid?: string;
}

async function isDicomFile(path: string): Promise<boolean> {
  const head = await readFileBytes(path, 132).catch(() => null);
  return !!head && head.length === 132 && head.subarray(128, 132).toString('latin1') === 'DICM';
}

function toLabelType(label: Volume, counts: Map<number, number>): Volume {
  const type = labelDataType(Math.max(0, ...counts.keys()));
  if (label.dataType === type) return label;
  const voxels = allocateVoxels(type, label.voxels.length);
  for (let n = 0; n < voxels.length; n++) voxels[n] = label.voxels[n] as number;
  return { ...label, dataType: type, voxels };
}

/** Reads and checks an external prediction for the case whose grid is `expected`. */
export async function readPrediction(
  path: string,
  expected: Grid,
  schema: ExchangeLabelSchema,
  options: ReadPredictionOptions = {},
): Promise<Prediction> {
  checkSchema(schema);
  const names = { actual: 'the prediction', expected: 'the case' };
  if (await isDicomFile(path)) {
    const seg = await readDicomSeg(path, { schema, grid: expected });
    const counts = checkLabelValues(path, seg.label, schema);
    const warnings: string[] = [];
    if (seg.overlappingVoxels > 0) {
      warnings.push(
        `${seg.overlappingVoxels} voxels belong to more than one segment; the higher segment number was kept`,
      );
    }
    for (const s of seg.segments) {
      if (!schema.labels.some((l) => l.value === s.value)) {
        warnings.push(`segment ${s.number} "${s.label}" is empty and has no label in the schema; ignored`);
      }
    }
    if (
      options.seriesInstanceUid &&
      seg.referencedSeriesInstanceUid &&
      seg.referencedSeriesInstanceUid !== options.seriesInstanceUid
    ) {
      warnings.push(
        `the SEG references series ${seg.referencedSeriesInstanceUid}, not the case's ${options.seriesInstanceUid}`,
      );
    }
    if (
      options.frameOfReferenceUid &&
      seg.frameOfReferenceUid &&
      seg.frameOfReferenceUid !== options.frameOfReferenceUid
    ) {
      warnings.push(
        `the SEG's frame of reference ${seg.frameOfReferenceUid} is not the case's ${options.frameOfReferenceUid}`,
      );
    }
    return {
      label: toLabelType(seg.label, counts),
      format: 'dicom-seg',
      counts,
      segments: seg.segments,
      warnings,
    };
  }
  const format = await detectVolumeFormat(path);
  const volume = await readVolumeFile(path);
  assertSameGrid(path, volume, expected, undefined, names);
  const counts = checkLabelValues(path, volume, schema);
  return { label: toLabelType({ ...volume, ...copyGrid(expected) }, counts), format, counts, warnings: [] };
}
