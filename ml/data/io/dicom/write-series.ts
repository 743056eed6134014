// writeDicomSeries: a Volume → one explicit VR little endian CT Image file per slice (k = 0, 1, ...).
// Used by the tests to build real folders, and a base for other DICOM export. buildCtSeries returns the
// element lists, so a test can alter a slice (its position, say) before writeSliceFiles writes it.

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createRng, type Rng } from '../../../util/rng.js';
import {
  assertValidVolume,
  allocateVoxels,
  voxelBytes,
  type DataType,
  type Vec3,
  type Volume,
  type VoxelArray,
} from '../volume.js';
import { encodePart10, type DicomElementSpec } from './encode.js';
import { Tag } from './tags.js';
import { childUid, uidFromRng } from './uid.js';

export const CT_IMAGE_STORAGE = '1.2.840.10008.5.1.4.1.1.2';

export interface Rescale {
  slope: number;
  intercept: number;
}

export interface WriteDicomSeriesOptions {
  seriesUid?: string;
  studyUid?: string;
  patientId?: string;
  modality?: 'CT';
  seriesDescription?: string;
  /** Voxel = stored × slope + intercept. One for all slices, or one per slice (k order). Default identity. */
  rescale?: Rescale | readonly Rescale[];
  /** 'shuffled' numbers the instances (and so the files) in a random order; default 'sorted'. */
  instanceOrder?: 'shuffled' | 'sorted';
  /** Seeds the generated UIDs and the shuffle; default 0. */
  seed?: number;
}

export interface CtSliceFile {
  fileName: string;
  sopInstanceUid: string;
  elements: DicomElementSpec[];
}

export interface CtSeries {
  seriesUid: string;
  studyUid: string;
  /** In slice order (k = 0 first). */
  slices: CtSliceFile[];
}

const IDENTITY: Rescale = { slope: 1, intercept: 0 };

function shuffledNumbers(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, k) => k + 1);
  for (let k = n - 1; k > 0; k--) {
    const m = rng.int(0, k);
    [order[k], order[m]] = [order[m] as number, order[k] as number];
  }
  return order;
}

/** The stored integer type of the whole series, and each slice's stored values. */
function storedSlices(volume: Volume, rescales: Rescale[]): { type: DataType; slices: VoxelArray[] } {
  const [cols, rows, depth] = volume.dims;
  const count = cols * rows;
  const raw = (k: number) => volume.voxels.subarray(k * count, (k + 1) * count);
  if (rescales.every((r) => r.slope === 1 && r.intercept === 0)) {
    if (volume.dataType === 'float32' || volume.dataType === 'float64') {
      throw new RangeError(
        `${volume.dataType} voxels need a rescale {slope, intercept} to be stored as integers`,
      );
    }
    return { type: volume.dataType, slices: Array.from({ length: depth }, (_, k) => raw(k)) };
  }
  // Two passes over the voxels (range, then values) rather than one wide temporary copy.
  const stored = (k: number, v: number) => {
    const { slope, intercept } = rescales[k] as Rescale;
    return Math.round((v - intercept) / slope);
  };
  let min = Infinity;
  let max = -Infinity;
  for (let k = 0; k < depth; k++) {
    for (const v of raw(k)) {
      const s = stored(k, v);
      if (Number.isNaN(s)) throw new RangeError(`slice ${k} holds NaN voxels, which DICOM cannot store`);
      if (s < min) min = s;
      if (s > max) max = s;
    }
  }
  const type = min >= 0 && max <= 65535 ? 'uint16' : min >= -32768 && max <= 32767 ? 'int16' : 'int32';
  if (min < -(2 ** 31) || max >= 2 ** 31 || !Number.isFinite(min + max)) {
    throw new RangeError(`stored values ${min}..${max} do not fit 32-bit integers`);
  }
  const slices = Array.from({ length: depth }, (_, k) => {
    const out = allocateVoxels(type, count);
    raw(k).forEach((v, n) => (out[n] = stored(k, v)));
    return out;
  });
  return { type, slices };
}

function pixelElements(type: DataType, values: VoxelArray): DicomElementSpec[] {
  const bits = Number(type.replace(/^u?int/, ''));
  return [
    { tag: Tag.BitsAllocated, vr: 'US', value: bits },
    { tag: Tag.BitsStored, vr: 'US', value: bits },
    { tag: Tag.HighBit, vr: 'US', value: bits - 1 },
    { tag: Tag.PixelRepresentation, vr: 'US', value: type.startsWith('u') ? 0 : 1 },
    { tag: Tag.PixelData, vr: bits === 8 ? 'OB' : 'OW', value: voxelBytes(values) },
  ];
}

/** The data sets of a CT series holding `volume`, one per slice, with deterministic UIDs. */
export function buildCtSeries(volume: Volume, opts: WriteDicomSeriesOptions = {}): CtSeries {
  assertValidVolume(volume);
  const rng = createRng(opts.seed ?? 0);
  // Always draw all three so that a given seed gives the same UIDs whichever ones are passed in.
  const [study, series, frame] = [uidFromRng(rng), uidFromRng(rng), uidFromRng(rng)];
  const studyUid = opts.studyUid ?? study;
  const seriesUid = opts.seriesUid ?? series;
  const [cols, rows, depth] = volume.dims;
  if (cols > 0xffff || rows > 0xffff) throw new RangeError(`slices of ${cols}×${rows} exceed DICOM's 65535`);
  const rescales = Array.isArray(opts.rescale)
    ? (opts.rescale as Rescale[])
    : Array.from({ length: depth }, () => (opts.rescale as Rescale | undefined) ?? IDENTITY);
  if (rescales.length !== depth)
    throw new RangeError(`${rescales.length} rescales given for ${depth} slices`);
  const numbers =
    opts.instanceOrder === 'shuffled' ? shuffledNumbers(depth, rng) : rescales.map((_, k) => k + 1);
  const { type, slices } = storedSlices(volume, rescales);
  const d = volume.direction;
  const axis2: Vec3 = [d[6], d[7], d[8]];

  return {
    seriesUid,
    studyUid,
    slices: slices.map((values, k) => {
      const instance = numbers[k] as number;
      const sopInstanceUid = childUid(seriesUid, instance, rng);
      const z = k * volume.spacing[2];
      const position = volume.origin.map((o, a) => o + z * (axis2[a] as number));
      const { slope, intercept } = rescales[k] as Rescale;
      const elements: DicomElementSpec[] = [
        { tag: Tag.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
        { tag: Tag.ImageType, vr: 'CS', value: ['ORIGINAL', 'PRIMARY', 'AXIAL'] },
        { tag: Tag.SopClassUid, vr: 'UI', value: CT_IMAGE_STORAGE },
        { tag: Tag.SopInstanceUid, vr: 'UI', value: sopInstanceUid },
        { tag: Tag.StudyDate, vr: 'DA', value: '' },
        { tag: Tag.StudyTime, vr: 'TM', value: '' },
        { tag: Tag.AccessionNumber, vr: 'SH', value: '' },
        { tag: Tag.Modality, vr: 'CS', value: opts.modality ?? 'CT' },
        { tag: Tag.Manufacturer, vr: 'LO', value: '' },
        { tag: Tag.ReferringPhysicianName, vr: 'PN', value: '' },
        { tag: Tag.SeriesDescription, vr: 'LO', value: opts.seriesDescription ?? '' },
        { tag: Tag.PatientName, vr: 'PN', value: '' },
        { tag: Tag.PatientId, vr: 'LO', value: opts.patientId ?? '' },
        { tag: Tag.PatientBirthDate, vr: 'DA', value: '' },
        { tag: Tag.PatientSex, vr: 'CS', value: '' },
        { tag: Tag.SliceThickness, vr: 'DS', value: [volume.spacing[2]] },
        { tag: Tag.Kvp, vr: 'DS', value: '' },
        { tag: Tag.StudyInstanceUid, vr: 'UI', value: studyUid },
        { tag: Tag.SeriesInstanceUid, vr: 'UI', value: seriesUid },
        { tag: Tag.StudyId, vr: 'SH', value: '' },
        { tag: Tag.SeriesNumber, vr: 'IS', value: [1] },
        { tag: Tag.AcquisitionNumber, vr: 'IS', value: [1] },
        { tag: Tag.InstanceNumber, vr: 'IS', value: [instance] },
        { tag: Tag.ImagePositionPatient, vr: 'DS', value: position },
        { tag: Tag.ImageOrientationPatient, vr: 'DS', value: d.slice(0, 6) },
        { tag: Tag.FrameOfReferenceUid, vr: 'UI', value: frame },
        { tag: Tag.PositionReferenceIndicator, vr: 'LO', value: '' },
        { tag: Tag.SamplesPerPixel, vr: 'US', value: 1 },
        { tag: Tag.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
        { tag: Tag.Rows, vr: 'US', value: rows },
        { tag: Tag.Columns, vr: 'US', value: cols },
        // [between rows, between columns] = [along axis1, along axis0].
        { tag: Tag.PixelSpacing, vr: 'DS', value: [volume.spacing[1], volume.spacing[0]] },
        { tag: Tag.RescaleIntercept, vr: 'DS', value: [intercept] },
        { tag: Tag.RescaleSlope, vr: 'DS', value: [slope] },
        { tag: Tag.RescaleType, vr: 'LO', value: 'HU' },
        ...pixelElements(type, values),
      ];
      return { fileName: `${sopInstanceUid}.dcm`, sopInstanceUid, elements };
    }),
  };
}

/** Writes each slice as a Part 10 file into `dir` (created if needed); returns the paths. */
export async function writeSliceFiles(dir: string, slices: readonly CtSliceFile[]): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  return Promise.all(
    slices.map(async (s) => {
      const path = join(dir, s.fileName);
      await writeFile(
        path,
        encodePart10(s.elements, { sopClassUid: CT_IMAGE_STORAGE, sopInstanceUid: s.sopInstanceUid }),
      );
      return path;
    }),
  );
}

export interface WrittenSeries {
  seriesUid: string;
  studyUid: string;
  /** Paths and SOPInstanceUIDs in slice order (k = 0 first). */
  files: string[];
  sopInstanceUids: string[];
}

/**
 * Writes `volume` as a CT series, one file per slice. The volume's axes must be right-handed
 * (axis2 = axis0 × axis1), as DICOM slices stacked along their normal are; otherwise the reader will
 * return the slices in reverse order.
 */
export async function writeDicomSeries(
  volume: Volume,
  dir: string,
  opts: WriteDicomSeriesOptions = {},
): Promise<WrittenSeries> {
  const series = buildCtSeries(volume, opts);
  const files = await writeSliceFiles(dir, series.slices);
  return {
    seriesUid: series.seriesUid,
    studyUid: series.studyUid,
    files,
    sopInstanceUids: series.slices.map((s) => s.sopInstanceUid),
  };
}
