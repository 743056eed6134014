// The attributes of one image file that the series reader needs, pulled out of its parsed header.
// Absent optional values stay undefined here; the series checks decide which ones are required.

import type { Vec3 } from '../volume.js';
import { getNumber, getNumbers, getString, getUint } from './dataset-values.js';
import type { DicomDataset } from './parse.js';
import { Tag } from './tags.js';

export interface SliceHeader {
  file: string;
  transferSyntax: string;
  /** '' when the file has none; such files form one series of their own. */
  seriesUid: string;
  studyUid?: string;
  seriesDescription?: string;
  modality?: string;
  patientId?: string;
  sopInstanceUid?: string;
  instanceNumber?: number;
  position?: Vec3;
  /** Row direction cosines (along a row, i.e. increasing column index) then column direction cosines. */
  orientation?: [number, number, number, number, number, number];
  /** As stored: [spacing between rows, spacing between columns] = [along axis1, along axis0]. */
  pixelSpacing?: [number, number];
  rows: number;
  columns: number;
  frames: number;
  samplesPerPixel: number;
  photometric?: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  signed: boolean;
  slope: number;
  intercept: number;
  /** Whether the file has a PixelData element at all (DICOMDIR, reports and the like do not). */
  hasPixelData: boolean;
}

function fixedLength(values: number[] | undefined, n: number): number[] | undefined {
  return values && values.length >= n ? values.slice(0, n) : undefined;
}

export function readSliceHeader(ds: DicomDataset): SliceHeader {
  const bitsAllocated = getUint(ds, Tag.BitsAllocated) ?? 0;
  const bitsStored = getUint(ds, Tag.BitsStored) ?? bitsAllocated;
  return {
    file: ds.file,
    transferSyntax: ds.transferSyntax,
    seriesUid: getString(ds, Tag.SeriesInstanceUid) ?? '',
    studyUid: getString(ds, Tag.StudyInstanceUid),
    seriesDescription: getString(ds, Tag.SeriesDescription),
    modality: getString(ds, Tag.Modality),
    patientId: getString(ds, Tag.PatientId),
    sopInstanceUid: getString(ds, Tag.SopInstanceUid),
    instanceNumber: getNumber(ds, Tag.InstanceNumber),
    position: fixedLength(getNumbers(ds, Tag.ImagePositionPatient), 3) as Vec3 | undefined,
    orientation: fixedLength(getNumbers(ds, Tag.ImageOrientationPatient), 6) as SliceHeader['orientation'],
    pixelSpacing: fixedLength(getNumbers(ds, Tag.PixelSpacing), 2) as [number, number] | undefined,
    rows: getUint(ds, Tag.Rows) ?? 0,
    columns: getUint(ds, Tag.Columns) ?? 0,
    frames: getNumber(ds, Tag.NumberOfFrames) ?? 1,
    samplesPerPixel: getUint(ds, Tag.SamplesPerPixel) ?? 1,
    photometric: getString(ds, Tag.PhotometricInterpretation),
    bitsAllocated,
    bitsStored,
    highBit: getUint(ds, Tag.HighBit) ?? bitsStored - 1,
    signed: getUint(ds, Tag.PixelRepresentation) === 1,
    slope: getNumber(ds, Tag.RescaleSlope) ?? 1,
    intercept: getNumber(ds, Tag.RescaleIntercept) ?? 0,
    hasPixelData: ds.pixelData !== undefined,
  };
}

/** True for files that hold an image we might read (as opposed to DICOMDIR, reports, ...). */
export function isImage(h: SliceHeader): boolean {
  return h.hasPixelData && h.rows > 0 && h.columns > 0;
}
