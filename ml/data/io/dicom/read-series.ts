// readDicomSeries: a folder of DICOM slices → one Volume. Scans headers first (cheap), picks a series,
// checks its geometry and pixel format, and only then reads the pixels of that series.

import { readFile } from 'node:fs/promises';
import { VolumeFormatError } from '../errors.js';
import { assertValidVolume, type Volume } from '../volume.js';
import { parseDicom } from './parse.js';
import { checkPixelFormat, decodeStoredSlice } from './pixel-data.js';
import { outputTypeFor, rescaleSlices, type StoredSlice } from './rescale.js';
import { groupSeries, scanImageHeaders, type DicomSeriesSummary, type ScannedSeries } from './scan-folder.js';
import { seriesGeometry } from './series-geometry.js';

export interface ReadDicomSeriesOptions {
  /** The SeriesInstanceUID to read; by default the series with the most slices (ties: lowest UID). */
  seriesUid?: string;
}

export interface DicomSeriesResult {
  volume: Volume;
  seriesInstanceUid: string;
  seriesDescription?: string;
  modality?: string;
  patientId?: string;
  studyInstanceUid?: string;
  /** SOPInstanceUIDs in slice order (k = 0 first); '' for a file without one. */
  sopInstanceUids: string[];
  /** The other series in the folder, most files first, so that the caller can warn. */
  otherSeries: DicomSeriesSummary[];
}

function summary(s: ScannedSeries): DicomSeriesSummary {
  const out: DicomSeriesSummary = { uid: s.uid, files: s.files };
  if (s.description !== undefined) out.description = s.description;
  if (s.modality !== undefined) out.modality = s.modality;
  return out;
}

const describeSeries = (s: ScannedSeries): string =>
  `${s.uid || '(no SeriesInstanceUID)'}${s.description ? ` "${s.description}"` : ''} (${s.files} files)`;

/** The image series in a folder (non-recursive), most files first, ties by lowest UID; [] if none. */
export async function listDicomSeries(dir: string): Promise<DicomSeriesSummary[]> {
  return groupSeries(await scanImageHeaders(dir)).map(summary);
}

function chooseSeries(dir: string, series: ScannedSeries[], uid: string | undefined): ScannedSeries {
  if (uid === undefined) return series[0] as ScannedSeries;
  const found = series.find((s) => s.uid === uid);
  if (!found) {
    throw new VolumeFormatError(
      dir,
      `no series with SeriesInstanceUID ${uid}; the folder holds ${series.map(describeSeries).join(', ')}`,
    );
  }
  return found;
}

async function readBytes(file: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(file));
  } catch (e) {
    throw new VolumeFormatError(
      file,
      `cannot read the file (${(e as NodeJS.ErrnoException).code ?? e})`,
      'io',
    );
  }
}

/** Reads one DICOM series from a folder (files directly in it; subfolders are ignored) as a Volume. */
export async function readDicomSeries(
  dir: string,
  opts: ReadDicomSeriesOptions = {},
): Promise<DicomSeriesResult> {
  const series = groupSeries(await scanImageHeaders(dir));
  if (series.length === 0) {
    throw new VolumeFormatError(dir, 'no DICOM images in this folder (subfolders are not searched)');
  }
  const chosen = chooseSeries(dir, series, opts.seriesUid);
  checkPixelFormat(dir, chosen.headers);
  const geometry = seriesGeometry(dir, chosen.headers);

  const stored: (StoredSlice | undefined)[] = [];
  for (const h of geometry.slices) {
    const ds = parseDicom(await readBytes(h.file), h.file);
    if (!ds) throw new VolumeFormatError(h.file, 'is no longer a DICOM file (changed while reading?)', 'io');
    stored.push({ values: decodeStoredSlice(ds, h), slope: h.slope, intercept: h.intercept });
  }
  const dataType = outputTypeFor(stored as StoredSlice[]);
  const volume: Volume = {
    dims: geometry.dims,
    spacing: geometry.spacing,
    origin: geometry.origin,
    direction: geometry.direction,
    dataType,
    voxels: rescaleSlices(stored, dataType),
  };
  assertValidVolume(volume);

  const first = geometry.slices[0];
  const result: DicomSeriesResult = {
    volume,
    seriesInstanceUid: chosen.uid,
    sopInstanceUids: geometry.slices.map((h) => h.sopInstanceUid ?? ''),
    otherSeries: series.filter((s) => s !== chosen).map(summary),
  };
  if (first?.seriesDescription !== undefined) result.seriesDescription = first.seriesDescription;
  if (first?.modality !== undefined) result.modality = first.modality;
  if (first?.patientId !== undefined) result.patientId = first.patientId;
  if (first?.studyUid !== undefined) result.studyInstanceUid = first.studyUid;
  return result;
}
