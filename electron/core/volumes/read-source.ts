// Reads a scan the user points at: a file (NIfTI, MetaImage, NRRD) or a folder holding a DICOM series.
// Source files are only ever opened for reading.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Volume } from '../../../ml/data/io/volume.js';
import { assertValidVolume } from '../../../ml/data/io/volume.js';
import { formatFromExtension, readVolumeFile } from '../../../ml/data/io/read-volume.js';
import { readDicomSeries } from '../../../ml/data/io/dicom/index.js';
import { CoreError } from '../../contract/errors.js';
import { toCoreError } from './errors.js';

export interface SourceScan {
  volume: Volume;
  format: string;
  name: string;
  warnings: string[];
}

const EXTENSIONS = ['.nii.gz', '.nii', '.mha', '.mhd', '.nrrd', '.nhdr'];

function stripExtension(name: string): string {
  const lower = name.toLowerCase();
  const ext = EXTENSIONS.find((e) => lower.endsWith(e));
  return ext ? name.slice(0, -ext.length) : name;
}

function countNaN(v: Volume): number {
  if (v.dataType !== 'float32' && v.dataType !== 'float64') return 0;
  let n = 0;
  for (let i = 0; i < v.voxels.length; i++) if (Number.isNaN(v.voxels[i])) n++;
  return n;
}

export async function readSourceScan(path: string): Promise<SourceScan> {
  try {
    const info = await stat(path);
    let scan: SourceScan;
    if (info.isDirectory()) {
      const series = await readDicomSeries(path);
      const warnings = series.otherSeries.map(
        (s) =>
          `${path}: also holds series ${s.uid} (${s.files} files${s.description ? `, ${s.description}` : ''}); not imported`,
      );
      scan = {
        volume: series.volume,
        format: 'dicom',
        name: series.seriesDescription || basename(path),
        warnings,
      };
    } else if (info.isFile()) {
      scan = {
        volume: await readVolumeFile(path),
        format: formatFromExtension(path) ?? 'unknown',
        name: stripExtension(basename(path)),
        warnings: [],
      };
    } else {
      throw new CoreError('invalid-input', `${path}: not a file or folder`);
    }
    assertValidVolume(scan.volume);
    const nan = countNaN(scan.volume);
    if (nan > 0) throw new CoreError('invalid-input', `${path}: the image contains ${nan} NaN voxels`);
    return scan;
  } catch (err) {
    throw toCoreError(err, path);
  }
}
