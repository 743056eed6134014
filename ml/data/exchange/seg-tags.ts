// DICOM tags used by the Segmentation IOD beyond those in ../io/dicom/tags.ts, as group << 16 | element.
// Reference: DICOM PS3.6 (data dictionary); PS3.3 A.51 (Segmentation IOD), C.8.20 (Segmentation
// modules), C.7.6.16 (Multi-frame Functional Groups), C.7.6.17 (Multi-frame Dimension).

export const SegTag = {
  ContentDate: 0x00080023,
  ContentTime: 0x00080033,
  CodeValue: 0x00080100,
  CodingSchemeDesignator: 0x00080102,
  CodeMeaning: 0x00080104,
  ManufacturerModelName: 0x00081090,
  ReferencedSeriesSequence: 0x00081115,
  ReferencedInstanceSequence: 0x0008114a,
  ReferencedSopClassUid: 0x00081150,
  ReferencedSopInstanceUid: 0x00081155,
  SourceImageSequence: 0x00082112,
  DerivationImageSequence: 0x00089124,
  DerivationCodeSequence: 0x00089215,
  SliceThickness: 0x00180050,
  SpacingBetweenSlices: 0x00180088,
  DeviceSerialNumber: 0x00181000,
  SoftwareVersions: 0x00181020,
  FrameContentSequence: 0x00209111,
  PlanePositionSequence: 0x00209113,
  PlaneOrientationSequence: 0x00209116,
  DimensionIndexValues: 0x00209157,
  DimensionOrganizationUid: 0x00209164,
  DimensionIndexPointer: 0x00209165,
  FunctionalGroupPointer: 0x00209167,
  DimensionOrganizationSequence: 0x00209221,
  DimensionIndexSequence: 0x00209222,
  DimensionOrganizationType: 0x00209311,
  DimensionDescriptionLabel: 0x00209421,
  PixelMeasuresSequence: 0x00289110,
  LossyImageCompression: 0x00282110,
  PurposeOfReferenceCodeSequence: 0x0040a170,
  SegmentationType: 0x00620001,
  SegmentSequence: 0x00620002,
  SegmentedPropertyCategoryCodeSequence: 0x00620003,
  SegmentNumber: 0x00620004,
  SegmentLabel: 0x00620005,
  SegmentDescription: 0x00620006,
  SegmentAlgorithmType: 0x00620008,
  SegmentAlgorithmName: 0x00620009,
  SegmentIdentificationSequence: 0x0062000a,
  ReferencedSegmentNumber: 0x0062000b,
  RecommendedDisplayCieLabValue: 0x0062000d,
  SegmentedPropertyTypeCodeSequence: 0x0062000f,
  ContentLabel: 0x00700080,
  ContentDescription: 0x00700081,
  ContentCreatorName: 0x00700084,
  SharedFunctionalGroupsSequence: 0x52009229,
  PerFrameFunctionalGroupsSequence: 0x52009230,
} as const;

/** Segmentation Storage SOP Class (PS3.4 B.5). */
export const SEGMENTATION_STORAGE = '1.2.840.10008.5.1.4.1.1.66.4';

/**
 * Sequences a SEG reader must descend into. With explicit VR every sequence says so itself; with
 * implicit VR a defined-length sequence is recognised only through this list.
 */
export const SEG_SEQUENCE_TAGS: ReadonlySet<number> = new Set(
  Object.entries(SegTag)
    .filter(([name]) => name.endsWith('Sequence'))
    .map(([, tag]) => tag),
);
