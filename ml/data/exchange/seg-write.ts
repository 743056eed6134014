// writeDicomSeg: a label map → one DICOM Segmentation Storage file (BINARY, explicit VR little endian),
// referencing the DICOM series the case was imported from. One segment per label value present, plus
// the empty ones asked for ("keepEmpty"); segment numbers 1…N in ascending label value.
// Layout choices: see seg-frames.ts (which frames) and seg-dataset.ts (the modules).
// Reference: DICOM PS3.3 A.51, C.8.20; PS3.4 B.5 (Segmentation Storage 1.2.840.10008.5.1.4.1.1.66.4).

import { encodeDataset, encodePart10, Tag, type DicomElementSpec } from '../io/dicom/index.js';
import { VolumeFormatError } from '../io/errors.js';
import type { WrittenFile } from '../io/atomic-write.js';
import { assertValidVolume, type Volume } from '../io/volume.js';
import { writeNewFile } from './atomic-file.js';
import { concatBytes, encodeAtElement, encodeRawSequence } from './dicom-raw.js';
import { checkLabelValues, checkSchema, schemaLabel, type ExchangeLabelSchema } from './label-schema.js';
import {
  segElements,
  type DicomSegReference,
  type SegDescription,
  type SegSegmentSpec,
} from './seg-dataset.js';
import { packFrames, planFrames } from './seg-frames.js';
import { SEGMENTATION_STORAGE, SegTag } from './seg-tags.js';
import { checkUid, randomUid } from './uid.js';

export type { DicomSegReference } from './seg-dataset.js';

export interface WriteDicomSegOptions {
  /** Label values to write as segments even when no voxel has them: a list, or 'schema' for all of 1…N. */
  keepEmpty?: 'schema' | readonly number[];
  /** Default MANUAL; AUTOMATIC for model output (then algorithmName is written too). */
  algorithmType?: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  algorithmName?: string;
  /** Store every (segment, slice) frame, empty or not (bigger files). Default false. */
  keepEmptyFrames?: boolean;
  seriesInstanceUid?: string;
  sopInstanceUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  contentCreatorName?: string;
  /** Default now. */
  contentDateTime?: Date;
  /** Replace an existing file at the path (default false: refuse). */
  overwrite?: boolean;
}

export interface WrittenDicomSeg extends WrittenFile {
  sopInstanceUid: string;
  seriesInstanceUid: string;
  segments: { number: number; value: number; name: string; frames: number }[];
  frames: number;
}

const two = (n: number) => String(n).padStart(2, '0');

function chooseSegments(
  counts: Map<number, number>,
  schema: ExchangeLabelSchema,
  keepEmpty: WriteDicomSegOptions['keepEmpty'],
): SegSegmentSpec[] {
  const values = new Set([...counts.keys()].filter((v) => v !== 0));
  const extra = keepEmpty === 'schema' ? schema.labels.map((l) => l.value) : (keepEmpty ?? []);
  for (const v of extra) {
    if (!schemaLabel(schema, v))
      throw new RangeError(`keepEmpty: label value ${v} is not in the label schema`);
    if (v !== 0) values.add(v);
  }
  return [...values]
    .sort((a, b) => a - b)
    .map((value, n) => {
      const label = schemaLabel(schema, value)!;
      return { number: n + 1, value, name: label.name, ...(label.color ? { color: label.color } : {}) };
    });
}

function checkReference(label: Volume, ref: DicomSegReference): void {
  checkUid(ref.studyInstanceUid, 'reference StudyInstanceUID');
  checkUid(ref.seriesInstanceUid, 'reference SeriesInstanceUID');
  if (ref.frameOfReferenceUid !== undefined)
    checkUid(ref.frameOfReferenceUid, 'reference FrameOfReferenceUID');
  if (ref.sopInstanceUids.length !== label.dims[2]) {
    throw new RangeError(
      `the reference series has ${ref.sopInstanceUids.length} SOPInstanceUIDs but the label map has ${label.dims[2]} slices`,
    );
  }
  ref.sopInstanceUids.forEach((uid, k) => checkUid(uid, `reference SOPInstanceUID of slice ${k}`));
  if (label.dims[0] > 0xffff || label.dims[1] > 0xffff)
    throw new RangeError(`slices of ${label.dims[0]}×${label.dims[1]} exceed DICOM's 65535`);
}

/** Writes `label` as a DICOM SEG at `outPath` (atomically; refuses an existing file unless `overwrite`). */
export async function writeDicomSeg(
  label: Volume,
  reference: DicomSegReference,
  schema: ExchangeLabelSchema,
  outPath: string,
  options: WriteDicomSegOptions = {},
): Promise<WrittenDicomSeg> {
  assertValidVolume(label);
  checkSchema(schema);
  checkReference(label, reference);
  const counts = checkLabelValues(outPath, label, schema);
  const segments = chooseSegments(counts, schema, options.keepEmpty);
  if (segments.length === 0) {
    throw new VolumeFormatError(
      outPath,
      'the label map is empty and no empty segments were asked for; a SEG needs at least one segment',
    );
  }
  const frames = planFrames(label, segments, !options.keepEmptyFrames);
  const when = options.contentDateTime ?? new Date();
  const algorithmType = options.algorithmType ?? 'MANUAL';
  const d: SegDescription = {
    seriesInstanceUid: options.seriesInstanceUid ?? randomUid(),
    sopInstanceUid: options.sopInstanceUid ?? randomUid(),
    frameOfReferenceUid: reference.frameOfReferenceUid ?? randomUid(),
    dimensionOrganizationUid: randomUid(),
    seriesNumber: options.seriesNumber ?? 300,
    seriesDescription: options.seriesDescription ?? 'Segmentation',
    contentLabel: 'SEGMENTATION',
    contentCreatorName: options.contentCreatorName ?? '',
    algorithmType,
    algorithmName: options.algorithmName ?? 'CBCT Workbench',
    contentDate: `${when.getFullYear()}${two(when.getMonth() + 1)}${two(when.getDate())}`,
    contentTime: `${two(when.getHours())}${two(when.getMinutes())}${two(when.getSeconds())}`,
  };
  checkUid(d.seriesInstanceUid, 'SeriesInstanceUID');
  checkUid(d.sopInstanceUid, 'SOPInstanceUID');
  const elements: DicomElementSpec[] = [
    ...segElements(label, segments, frames, reference, d),
    { tag: Tag.PixelData, vr: 'OB', value: packFrames(label, frames) },
  ];
  const bytes = encodeSeg(elements, d.dimensionOrganizationUid, d.sopInstanceUid);
  const written = await writeNewFile(outPath, bytes, options.overwrite ?? false);
  return {
    ...written,
    sopInstanceUid: d.sopInstanceUid,
    seriesInstanceUid: d.seriesInstanceUid,
    segments: segments.map((s) => ({
      number: s.number,
      value: s.value,
      name: s.name,
      frames: frames.filter((f) => f.segment === s.number).length,
    })),
    frames: frames.length,
  };
}

/** The Part 10 bytes, with the Dimension Index Sequence (AT values) spliced in at its place in tag order. */
function encodeSeg(
  elements: DicomElementSpec[],
  organizationUid: string,
  sopInstanceUid: string,
): Uint8Array {
  const split = SegTag.DimensionIndexSequence;
  const before = elements.filter((e) => e.tag >>> 0 < split);
  const after = elements.filter((e) => e.tag >>> 0 > split);
  const index = (pointer: number, group: number, name: string) =>
    concatBytes([
      encodeDataset([{ tag: SegTag.DimensionOrganizationUid, vr: 'UI', value: organizationUid }]),
      encodeAtElement(SegTag.DimensionIndexPointer, [pointer]),
      encodeAtElement(SegTag.FunctionalGroupPointer, [group]),
      encodeDataset([{ tag: SegTag.DimensionDescriptionLabel, vr: 'LO', value: name }]),
    ]);
  const dimensionIndex = encodeRawSequence(split, [
    index(SegTag.ReferencedSegmentNumber, SegTag.SegmentIdentificationSequence, 'ReferencedSegmentNumber'),
    index(Tag.ImagePositionPatient, SegTag.PlanePositionSequence, 'ImagePositionPatient'),
  ]);
  return concatBytes([
    encodePart10(before, { sopClassUid: SEGMENTATION_STORAGE, sopInstanceUid }),
    dimensionIndex,
    encodeDataset(after),
  ]);
}
