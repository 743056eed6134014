// The data set of a DICOM Segmentation (BINARY) built from a label map: the modules of the
// Segmentation IOD, the segment descriptions, and the per-frame functional groups.
// Reference: DICOM PS3.3 A.51 (Segmentation IOD and its functional group macros), C.8.20 (Segmentation
// Series and Image modules), C.7.6.16 (Multi-frame Functional Groups), C.7.6.17 (Multi-frame
// Dimension), C.12.2 (Common Instance Reference).

import { CT_IMAGE_STORAGE, Tag, type DicomElementSpec } from '../io/dicom/index.js';
import type { Volume } from '../io/volume.js';
import {
  ANATOMICAL_STRUCTURE,
  DERIVATION_SEGMENTATION,
  PURPOSE_SOURCE_IMAGE,
  codeItem,
  rgbToDicomLab,
  typeCodeFor,
} from './seg-codes.js';
import type { SegFrame } from './seg-frames.js';
import { SEGMENTATION_STORAGE, SegTag } from './seg-tags.js';

/** The series the label map was drawn on. */
export interface DicomSegReference {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  /** SOPInstanceUIDs of the source slices in slice order (k = 0 first): one per label slice. */
  sopInstanceUids: readonly string[];
  /** The source's FrameOfReferenceUID; without it a new one is made and viewers will not overlay the SEG. */
  frameOfReferenceUid?: string;
  /** SOP class of the source slices; default CT Image Storage. */
  sopClassUid?: string;
  patientId?: string;
  patientName?: string;
  patientBirthDate?: string;
  patientSex?: string;
  studyDate?: string;
  studyTime?: string;
  studyId?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
}

export interface SegSegmentSpec {
  number: number;
  value: number;
  name: string;
  color?: readonly number[];
}

export interface SegDescription {
  seriesInstanceUid: string;
  sopInstanceUid: string;
  frameOfReferenceUid: string;
  dimensionOrganizationUid: string;
  seriesNumber: number;
  seriesDescription: string;
  contentLabel: string;
  contentCreatorName: string;
  algorithmType: 'MANUAL' | 'SEMIAUTOMATIC' | 'AUTOMATIC';
  algorithmName: string;
  /** YYYYMMDD and HHMMSS. */
  contentDate: string;
  contentTime: string;
}

const seq = (tag: number, ...items: DicomElementSpec[][]): DicomElementSpec => ({ tag, vr: 'SQ', items });

function segmentItem(s: SegSegmentSpec, d: SegDescription): DicomElementSpec[] {
  const item: DicomElementSpec[] = [
    { tag: SegTag.SegmentNumber, vr: 'US', value: s.number },
    { tag: SegTag.SegmentLabel, vr: 'LO', value: s.name.slice(0, 64) },
    // Read back by seg-read.ts when the type code is a standard one (Tooth) and no schema is given.
    { tag: SegTag.SegmentDescription, vr: 'ST', value: `label value ${s.value}` },
    { tag: SegTag.SegmentAlgorithmType, vr: 'CS', value: d.algorithmType },
    seq(SegTag.SegmentedPropertyCategoryCodeSequence, codeItem(ANATOMICAL_STRUCTURE)),
    seq(SegTag.SegmentedPropertyTypeCodeSequence, codeItem(typeCodeFor(s.value, s.name))),
  ];
  if (d.algorithmType !== 'MANUAL')
    item.push({ tag: SegTag.SegmentAlgorithmName, vr: 'LO', value: d.algorithmName });
  if (s.color)
    item.push({ tag: SegTag.RecommendedDisplayCieLabValue, vr: 'US', value: rgbToDicomLab(s.color) });
  return item;
}

function frameItem(label: Volume, f: SegFrame, ref: DicomSegReference, sopClass: string): DicomElementSpec[] {
  const d = label.direction;
  const z = f.k * label.spacing[2];
  const position = label.origin.map((o, a) => o + z * (d[6 + a] as number));
  const source = [
    { tag: SegTag.ReferencedSopClassUid, vr: 'UI', value: sopClass },
    { tag: SegTag.ReferencedSopInstanceUid, vr: 'UI', value: ref.sopInstanceUids[f.k] as string },
    seq(SegTag.PurposeOfReferenceCodeSequence, codeItem(PURPOSE_SOURCE_IMAGE)),
  ] satisfies DicomElementSpec[];
  return [
    seq(SegTag.DerivationImageSequence, [
      seq(SegTag.SourceImageSequence, source),
      seq(SegTag.DerivationCodeSequence, codeItem(DERIVATION_SEGMENTATION)),
    ]),
    seq(SegTag.FrameContentSequence, [
      { tag: SegTag.DimensionIndexValues, vr: 'UL', value: [f.segment, f.k + 1] },
    ]),
    seq(SegTag.PlanePositionSequence, [{ tag: Tag.ImagePositionPatient, vr: 'DS', value: position }]),
    seq(SegTag.SegmentIdentificationSequence, [
      { tag: SegTag.ReferencedSegmentNumber, vr: 'US', value: f.segment },
    ]),
  ];
}

/**
 * Every element of the SEG except PixelData and the Dimension Index Sequence (which needs AT values;
 * see dicom-raw.ts). The caller adds both.
 */
export function segElements(
  label: Volume,
  segments: readonly SegSegmentSpec[],
  frames: readonly SegFrame[],
  ref: DicomSegReference,
  d: SegDescription,
): DicomElementSpec[] {
  const [cols, rows] = label.dims;
  const sopClass = ref.sopClassUid ?? CT_IMAGE_STORAGE;
  const s = label.spacing;
  return [
    { tag: Tag.SpecificCharacterSet, vr: 'CS', value: 'ISO_IR 192' },
    { tag: Tag.ImageType, vr: 'CS', value: ['DERIVED', 'PRIMARY'] },
    { tag: Tag.SopClassUid, vr: 'UI', value: SEGMENTATION_STORAGE },
    { tag: Tag.SopInstanceUid, vr: 'UI', value: d.sopInstanceUid },
    { tag: Tag.StudyDate, vr: 'DA', value: ref.studyDate ?? '' },
    { tag: Tag.StudyTime, vr: 'TM', value: ref.studyTime ?? '' },
    { tag: SegTag.ContentDate, vr: 'DA', value: d.contentDate },
    { tag: SegTag.ContentTime, vr: 'TM', value: d.contentTime },
    { tag: Tag.AccessionNumber, vr: 'SH', value: ref.accessionNumber ?? '' },
    { tag: Tag.Modality, vr: 'CS', value: 'SEG' },
    { tag: Tag.Manufacturer, vr: 'LO', value: 'CBCT Workbench' },
    { tag: Tag.ReferringPhysicianName, vr: 'PN', value: ref.referringPhysicianName ?? '' },
    { tag: Tag.SeriesDescription, vr: 'LO', value: d.seriesDescription.slice(0, 64) },
    { tag: SegTag.ManufacturerModelName, vr: 'LO', value: 'CBCT Workbench' },
    seq(SegTag.ReferencedSeriesSequence, [
      { tag: Tag.SeriesInstanceUid, vr: 'UI', value: ref.seriesInstanceUid },
      seq(
        SegTag.ReferencedInstanceSequence,
        ...ref.sopInstanceUids.map((uid): DicomElementSpec[] => [
          { tag: SegTag.ReferencedSopClassUid, vr: 'UI', value: sopClass },
          { tag: SegTag.ReferencedSopInstanceUid, vr: 'UI', value: uid },
        ]),
      ),
    ]),
    { tag: Tag.PatientName, vr: 'PN', value: ref.patientName ?? '' },
    { tag: Tag.PatientId, vr: 'LO', value: ref.patientId ?? '' },
    { tag: Tag.PatientBirthDate, vr: 'DA', value: ref.patientBirthDate ?? '' },
    { tag: Tag.PatientSex, vr: 'CS', value: ref.patientSex ?? '' },
    { tag: SegTag.DeviceSerialNumber, vr: 'LO', value: '1' },
    { tag: SegTag.SoftwareVersions, vr: 'LO', value: '0.1.0' },
    { tag: Tag.StudyInstanceUid, vr: 'UI', value: ref.studyInstanceUid },
    { tag: Tag.SeriesInstanceUid, vr: 'UI', value: d.seriesInstanceUid },
    { tag: Tag.StudyId, vr: 'SH', value: ref.studyId ?? '' },
    { tag: Tag.SeriesNumber, vr: 'IS', value: [d.seriesNumber] },
    { tag: Tag.InstanceNumber, vr: 'IS', value: [1] },
    { tag: Tag.FrameOfReferenceUid, vr: 'UI', value: d.frameOfReferenceUid },
    { tag: Tag.PositionReferenceIndicator, vr: 'LO', value: '' },
    seq(SegTag.DimensionOrganizationSequence, [
      { tag: SegTag.DimensionOrganizationUid, vr: 'UI', value: d.dimensionOrganizationUid },
    ]),
    { tag: SegTag.DimensionOrganizationType, vr: 'CS', value: '3D' },
    { tag: Tag.SamplesPerPixel, vr: 'US', value: 1 },
    { tag: Tag.PhotometricInterpretation, vr: 'CS', value: 'MONOCHROME2' },
    { tag: Tag.NumberOfFrames, vr: 'IS', value: [frames.length] },
    { tag: Tag.Rows, vr: 'US', value: rows },
    { tag: Tag.Columns, vr: 'US', value: cols },
    { tag: Tag.BitsAllocated, vr: 'US', value: 1 },
    { tag: Tag.BitsStored, vr: 'US', value: 1 },
    { tag: Tag.HighBit, vr: 'US', value: 0 },
    { tag: Tag.PixelRepresentation, vr: 'US', value: 0 },
    { tag: SegTag.LossyImageCompression, vr: 'CS', value: '00' },
    { tag: SegTag.SegmentationType, vr: 'CS', value: 'BINARY' },
    seq(SegTag.SegmentSequence, ...segments.map((x) => segmentItem(x, d))),
    { tag: SegTag.ContentLabel, vr: 'CS', value: d.contentLabel },
    { tag: SegTag.ContentDescription, vr: 'LO', value: d.seriesDescription.slice(0, 64) },
    { tag: SegTag.ContentCreatorName, vr: 'PN', value: d.contentCreatorName },
    seq(SegTag.SharedFunctionalGroupsSequence, [
      seq(SegTag.PixelMeasuresSequence, [
        // [between rows, between columns] = [along axis1, along axis0].
        { tag: Tag.PixelSpacing, vr: 'DS', value: [s[1], s[0]] },
        { tag: SegTag.SliceThickness, vr: 'DS', value: [s[2]] },
        { tag: SegTag.SpacingBetweenSlices, vr: 'DS', value: [s[2]] },
      ]),
      seq(SegTag.PlaneOrientationSequence, [
        { tag: Tag.ImageOrientationPatient, vr: 'DS', value: label.direction.slice(0, 6) },
      ]),
    ]),
    seq(SegTag.PerFrameFunctionalGroupsSequence, ...frames.map((f) => frameItem(label, f, ref, sopClass))),
  ];
}
