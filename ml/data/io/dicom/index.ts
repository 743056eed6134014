// DICOM: reading a CT series from a folder into a Volume, and writing one (tests, export).

export { listDicomSeries, readDicomSeries } from './read-series.js';
export type { DicomSeriesResult, ReadDicomSeriesOptions } from './read-series.js';
export type { DicomSeriesSummary } from './scan-folder.js';
export { buildCtSeries, writeDicomSeries, writeSliceFiles, CT_IMAGE_STORAGE } from './write-series.js';
export type {
  CtSeries,
  CtSliceFile,
  Rescale,
  WriteDicomSeriesOptions,
  WrittenSeries,
} from './write-series.js';
export { encodeDataset, encodeElement, encodePart10, formatDecimalString, setElement } from './encode.js';
export type { DicomElementSpec } from './encode.js';
export { parseDicom } from './parse.js';
export { getNumber, getNumbers, getString, getUint } from './dataset-values.js';
export type { DicomDataset, DicomElement } from './parse.js';
export { Tag } from './tags.js';
export { TransferSyntax } from './transfer-syntax.js';
