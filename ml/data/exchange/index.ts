// Exchange formats labs need: nnU-Net v2 raw datasets, DICOM SEG, STL surface meshes, NIfTI label
// export and the import of external predictions. See README.md for the conventions.

export { exportNnUNetDataset } from './nnunet-export.js';
export type { NnUNetExportCase, NnUNetExportOptions, NnUNetExportResult } from './nnunet-export.js';
export { importNnUNetDataset, scanNnUNetDataset } from './nnunet-import.js';
export type {
  NnUNetCaseFiles,
  NnUNetDatasetScan,
  NnUNetImport,
  NnUNetImportedCase,
} from './nnunet-import.js';
export { nnunetDatasetFolderName, NNUNET_FOLDERS } from './nnunet-format.js';
export type { NnUNetDatasetJson, NnUNetFold, NnUNetSplit } from './nnunet-format.js';

export { writeDicomSeg } from './seg-write.js';
export type { DicomSegReference, WriteDicomSegOptions, WrittenDicomSeg } from './seg-write.js';
export { readDicomSeg } from './seg-read.js';
export type { DicomSegRead, DicomSegSegment, ReadDicomSegOptions } from './seg-read.js';
export { referenceFromDicomSeries } from './seg-reference.js';
export { SEGMENTATION_STORAGE } from './seg-tags.js';

export { labelToMesh, labelToStl, writeLabelStls } from './label-to-stl.js';
export type { LabelToStlOptions, WrittenStl } from './label-to-stl.js';
export type { Mesh } from './marching-tetrahedra.js';
export { meshToStl, parseBinaryStl } from './stl.js';
export type { MeshSpace, StlTriangles } from './stl.js';
export { checkTriangleSoup } from './mesh-metrics.js';
export type { MeshCheck } from './mesh-metrics.js';

export { exportLabelNifti } from './label-nifti.js';
export type { ExportLabelNiftiOptions } from './label-nifti.js';
export { readPrediction } from './prediction.js';
export type { Prediction, PredictionFormat, ReadPredictionOptions } from './prediction.js';

export { TargetExistsError } from './atomic-folder.js';
export { assertSameGrid, describeGridMismatch, GEOMETRY_TOLERANCE } from './geometry-check.js';
export type { Grid } from './geometry-check.js';
export { checkLabelValues, checkSchema } from './label-schema.js';
export type { ExchangeLabel, ExchangeLabelSchema } from './label-schema.js';
