// readDicomSeg: a DICOM Segmentation (BINARY) → a label map and its segment list.
//
// Label value of each segment: our private type code (seg-codes.ts) when present; otherwise the schema
// label whose name equals the SegmentLabel (ignoring case), when a schema is given; otherwise our
// SegmentDescription "label value N"; otherwise the segment number. Where segments overlap, the higher segment number wins (`overlappingVoxels` counts
// such voxels). The grid comes from the frames (seg-geometry.ts), or is the one passed as `grid`.
// Functional groups are looked up per frame first, then in the shared groups (PS3.3 C.7.6.16).
// Reference: DICOM PS3.3 A.51, C.8.20.2, C.7.6.16; PS3.5 §8.1.1.

import { readFile } from 'node:fs/promises';
import { getNumber, getNumbers, getString, getUint, Tag } from '../io/dicom/index.js';
import { VolumeFormatError, type VolumeErrorReason } from '../io/errors.js';
import { allocateVoxels, voxelCount, type Vec3, type Volume } from '../io/volume.js';
import { firstItem, getUint16s, items, parseDicomTree, type DicomNode } from './dicom-tree.js';
import { copyGrid, type Grid } from './geometry-check.js';
import { MAX_LABEL_VALUE, labelDataType, type ExchangeLabelSchema } from './label-schema.js';
import { dicomLabToRgb, readCode, valueFromPrivateCode, type Code } from './seg-codes.js';
import { forEachSetPixel } from './seg-frames.js';
import { placeOnGrid, rebuildGrid, type SegPlaneInfo } from './seg-geometry.js';
import { SEG_SEQUENCE_TAGS, SEGMENTATION_STORAGE, SegTag } from './seg-tags.js';

export interface DicomSegSegment {
  number: number;
  label: string;
  /** The label value the segment's voxels get. */
  value: number;
  algorithmType?: string;
  category?: Code;
  type?: Code;
  /** sRGB from RecommendedDisplayCIELabValue, when present. */
  color?: [number, number, number];
  frames: number;
  /** Voxels set in this segment's frames. */
  voxels: number;
}

export interface DicomSegRead {
  label: Volume;
  segments: DicomSegSegment[];
  sopInstanceUid?: string;
  seriesInstanceUid?: string;
  studyInstanceUid?: string;
  frameOfReferenceUid?: string;
  /** The source series, from ReferencedSeriesSequence. */
  referencedSeriesInstanceUid?: string;
  overlappingVoxels: number;
}

export interface ReadDicomSegOptions {
  /** Maps segment labels to values (see the header). */
  schema?: ExchangeLabelSchema;
  /** Place the frames on this grid (the case's) instead of rebuilding one from the frames. */
  grid?: Grid;
}

function fail(file: string, problem: string, reason: VolumeErrorReason = 'invalid'): never {
  throw new VolumeFormatError(file, problem, reason);
}

function readSegments(
  file: string,
  root: DicomNode,
  schema: ExchangeLabelSchema | undefined,
): DicomSegSegment[] {
  const list = items(root, SegTag.SegmentSequence);
  if (list.length === 0) fail(file, 'has no segments (SegmentSequence is empty or missing)');
  const seen = new Set<number>();
  return list.map((item, n) => {
    const number = getUint(item.ds, SegTag.SegmentNumber);
    if (number === undefined || number < 1) fail(file, `segment item ${n + 1} has no SegmentNumber`);
    if (seen.has(number)) fail(file, `SegmentNumber ${number} is used twice`);
    seen.add(number);
    const label = getString(item.ds, SegTag.SegmentLabel) ?? `Segment ${number}`;
    const type = readCode(item, SegTag.SegmentedPropertyTypeCodeSequence);
    const byName = schema?.labels.find((l) => l.name.trim().toLowerCase() === label.trim().toLowerCase());
    const hint = /^label value (\d{1,5})$/.exec(getString(item.ds, SegTag.SegmentDescription) ?? '');
    const value = valueFromPrivateCode(type) ?? byName?.value ?? (hint ? Number(hint[1]) : number);
    if (value > MAX_LABEL_VALUE)
      fail(file, `segment ${number} stands for label value ${value}, above ${MAX_LABEL_VALUE}`);
    const lab = getUint16s(item, SegTag.RecommendedDisplayCieLabValue);
    const category = readCode(item, SegTag.SegmentedPropertyCategoryCodeSequence);
    const algorithmType = getString(item.ds, SegTag.SegmentAlgorithmType);
    return {
      number,
      label,
      value,
      ...(algorithmType !== undefined ? { algorithmType } : {}),
      ...(category ? { category } : {}),
      ...(type ? { type } : {}),
      ...(lab && lab.length === 3 ? { color: dicomLabToRgb(lab) } : {}),
      frames: 0,
      voxels: 0,
    };
  });
}

/** A functional group macro's item for a frame: per-frame first, then shared. */
function group(root: DicomNode, frame: DicomNode | undefined, tag: number): DicomNode | undefined {
  return firstItem(frame, tag) ?? firstItem(firstItem(root, SegTag.SharedFunctionalGroupsSequence), tag);
}

function planeInfo(
  file: string,
  root: DicomNode,
  frames: DicomNode[],
  rows: number,
  columns: number,
): SegPlaneInfo {
  const first = frames[0];
  const orientation = group(root, first, SegTag.PlaneOrientationSequence);
  const measures = group(root, first, SegTag.PixelMeasuresSequence);
  const iop = orientation && getNumbers(orientation.ds, Tag.ImageOrientationPatient);
  const spacing = measures && getNumbers(measures.ds, Tag.PixelSpacing);
  if (!iop || iop.length < 6) fail(file, 'has no ImageOrientationPatient in its functional groups');
  if (!spacing || spacing.length < 2) fail(file, 'has no PixelSpacing in its functional groups');
  const positions = frames.map((f, n): Vec3 => {
    const pos = getNumbers(
      group(root, f, SegTag.PlanePositionSequence)?.ds ?? root.ds,
      Tag.ImagePositionPatient,
    );
    if (!pos || pos.length < 3) fail(file, `frame ${n + 1} has no ImagePositionPatient`);
    return [pos[0]!, pos[1]!, pos[2]!];
  });
  frames.forEach((f, n) => {
    const other = getNumbers(
      group(root, f, SegTag.PlaneOrientationSequence)?.ds ?? root.ds,
      Tag.ImageOrientationPatient,
    );
    if (other && other.some((x, a) => Math.abs(x - iop[a]!) > 1e-4))
      fail(
        file,
        `frame ${n + 1} has a different orientation; only one stack of parallel frames is supported`,
        'unsupported',
      );
  });
  const between = getNumber(measures.ds, SegTag.SpacingBetweenSlices);
  const thickness = getNumber(measures.ds, SegTag.SliceThickness);
  return {
    rows,
    columns,
    orientation: iop,
    pixelSpacing: spacing,
    positions,
    ...(between !== undefined ? { spacingBetweenSlices: between } : {}),
    ...(thickness !== undefined ? { sliceThickness: thickness } : {}),
  };
}

/** Reads a SEG file written by us or by other tools (dcmqi, highdicom, Slicer, OHIF). */
export async function readDicomSeg(path: string, options: ReadDicomSegOptions = {}): Promise<DicomSegRead> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (err) {
    fail(path, `cannot read (${(err as NodeJS.ErrnoException).code})`, 'io');
  }
  const root = parseDicomTree(bytes, path, SEG_SEQUENCE_TAGS);
  const ds = root.ds;
  const sopClass = getString(ds, Tag.SopClassUid);
  if (sopClass !== SEGMENTATION_STORAGE)
    fail(path, `is not a DICOM Segmentation (SOP class ${sopClass ?? 'missing'})`, 'unsupported');
  const type = getString(ds, SegTag.SegmentationType);
  if (type !== 'BINARY')
    fail(path, `SegmentationType ${type ?? 'missing'} is not supported; only BINARY`, 'unsupported');
  if (getUint(ds, Tag.BitsAllocated) !== 1) fail(path, 'a BINARY segmentation must have BitsAllocated 1');
  const rows = getUint(ds, Tag.Rows) ?? 0;
  const columns = getUint(ds, Tag.Columns) ?? 0;
  const count = getNumber(ds, Tag.NumberOfFrames) ?? 1;
  if (rows < 1 || columns < 1 || !Number.isInteger(count) || count < 1)
    fail(path, `has ${columns}×${rows} pixels in ${count} frames`);
  const frames = items(root, SegTag.PerFrameFunctionalGroupsSequence);
  if (frames.length !== count)
    fail(path, `NumberOfFrames is ${count} but there are ${frames.length} per-frame functional groups`);
  const pixels = ds.pixelData;
  if (!pixels) fail(path, 'has no PixelData');
  if (pixels.length === 0xffffffff)
    fail(path, 'compressed (encapsulated) pixel data is not supported', 'unsupported');
  const plane = rows * columns;
  const need = Math.ceil((count * plane) / 8);
  if (pixels.length < need || pixels.offset + need > bytes.length) {
    fail(
      path,
      `pixel data is too short: ${count} frames of ${columns}×${rows} bits need ${need} bytes, the file holds ${Math.min(pixels.length, bytes.length - pixels.offset)}`,
    );
  }
  const segments = readSegments(path, root, options.schema);
  const bySegment = new Map(segments.map((s) => [s.number, s]));
  const frameSegments = frames.map((f, n) => {
    const id =
      firstItem(f, SegTag.SegmentIdentificationSequence) ??
      group(root, f, SegTag.SegmentIdentificationSequence);
    const number = id && getUint(id.ds, SegTag.ReferencedSegmentNumber);
    const segment = number === undefined ? undefined : bySegment.get(number);
    if (!segment)
      fail(path, `frame ${n + 1} refers to segment ${number ?? '(none)'}, which is not in SegmentSequence`);
    return segment;
  });

  const info = planeInfo(path, root, frames, rows, columns);
  const placed = options.grid
    ? { grid: copyGrid(options.grid), slices: placeOnGrid(path, info, options.grid) }
    : rebuildGrid(path, info);
  const maxValue = Math.max(0, ...segments.map((s) => s.value));
  const dataType = labelDataType(maxValue);
  const voxels = allocateVoxels(dataType, voxelCount(placed.grid.dims));
  const data = bytes.subarray(pixels.offset, pixels.offset + need);
  let overlappingVoxels = 0;
  // Ascending segment number, so the higher number wins where segments overlap.
  const order = frames
    .map((_, n) => n)
    .sort((a, b) => frameSegments[a]!.number - frameSegments[b]!.number || a - b);
  for (const n of order) {
    const segment = frameSegments[n]!;
    const base = placed.slices[n]! * plane;
    const value = segment.value;
    segment.frames++;
    forEachSetPixel(data, n, plane, (p) => {
      const old = voxels[base + p] as number;
      if (old !== 0 && old !== value) overlappingVoxels++;
      voxels[base + p] = value;
      segment.voxels++;
    });
  }
  const referenced = firstItem(root, SegTag.ReferencedSeriesSequence);
  const result: DicomSegRead = {
    label: { ...placed.grid, dataType, voxels },
    segments,
    overlappingVoxels,
  };
  const put = (
    key:
      | 'sopInstanceUid'
      | 'seriesInstanceUid'
      | 'studyInstanceUid'
      | 'frameOfReferenceUid'
      | 'referencedSeriesInstanceUid',
    value: string | undefined,
  ) => {
    if (value !== undefined) result[key] = value;
  };
  put('sopInstanceUid', getString(ds, Tag.SopInstanceUid));
  put('seriesInstanceUid', getString(ds, Tag.SeriesInstanceUid));
  put('studyInstanceUid', getString(ds, Tag.StudyInstanceUid));
  put('frameOfReferenceUid', getString(ds, Tag.FrameOfReferenceUid));
  put('referencedSeriesInstanceUid', referenced && getString(referenced.ds, Tag.SeriesInstanceUid));
  return result;
}
