// MetaImage (.mha / .mhd) headers: "Key = Value" lines, ending with ElementDataFile.
//
// Direction convention (source of truth: ITK's itkMetaImageIO.cxx, ReadImageInformation / Write):
// TransformMatrix element [i·3 + j] is component j of the direction of image axis i, i.e. the ITK direction
// matrix listed column by column (its transpose row by row). That is exactly our Volume.direction layout,
// so the nine numbers are copied as they are. MetaImage geometry is already LPS.
// Synonyms accepted as MetaIO does: Offset/Origin/Position, TransformMatrix/Rotation/Orientation,
// BinaryDataByteOrderMSB/ElementByteOrderMSB.

import { VolumeFormatError } from './errors.js';
import { parseNumberToken } from './geometry.js';
import { headerLines } from './text-header.js';
import type { DataType, Mat3, Vec3 } from './volume.js';

export interface MetaImageHeader {
  dims: Vec3;
  spacing: Vec3;
  origin: Vec3;
  direction: Mat3;
  dataType: DataType;
  littleEndian: boolean;
  compressed: boolean;
  /** 'LOCAL' (data follows the header) or a file name relative to the header's folder. */
  dataFile: string;
  /** Bytes to skip in a separate data file; -1 means the data is at its end. */
  headerSize: number;
}

export const METAIMAGE_TYPES: Record<string, DataType> = {
  MET_UCHAR: 'uint8',
  MET_CHAR: 'int8',
  MET_USHORT: 'uint16',
  MET_SHORT: 'int16',
  MET_UINT: 'uint32',
  MET_INT: 'int32',
  MET_ULONG: 'uint32', // MetaIO's LONG types are 4 bytes
  MET_LONG: 'int32',
  MET_FLOAT: 'float32',
  MET_DOUBLE: 'float64',
};

/** Length of the header in `text`: up to and including the ElementDataFile line, or null if not yet seen. */
export function findMetaImageHeaderEnd(text: string, atEndOfFile: boolean): number | null {
  const match = /^[ \t]*ElementDataFile[ \t]*=[^\n]*(\n|$)/m.exec(text);
  if (match && (match[1] === '\n' || atEndOfFile)) return match.index + match[0].length;
  return atEndOfFile ? text.length : null;
}

/** The "Key = Value" fields of a header (keys as written; a later duplicate wins). */
export function metaImageFields(file: string, text: string): Map<string, string> {
  const fields = new Map<string, string>();
  headerLines(text).forEach((line, n) => {
    if (line.trim() === '') return;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq).trim();
    if (eq < 0 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(key)) {
      throw new VolumeFormatError(
        file,
        `not a MetaImage header (line ${n + 1} is not "Key = Value": ${JSON.stringify(line.slice(0, 40))})`,
      );
    }
    fields.set(key, line.slice(eq + 1).trim());
  });
  return fields;
}

export function parseMetaImageHeader(file: string, text: string): MetaImageHeader {
  const fields = metaImageFields(file, text);
  const field = (...names: string[]) => {
    for (const name of names) {
      const value = fields.get(name);
      if (value !== undefined) return { name, value };
    }
    return undefined;
  };
  const numbers = (names: string[], count: number, fallback: number[]): number[] => {
    const f = field(...names);
    if (!f) return fallback;
    const tokens = f.value.split(/\s+/);
    const values = tokens.map(parseNumberToken);
    if (tokens.length < count || values.some((v) => v === undefined)) {
      throw new VolumeFormatError(file, `${f.name} must be ${count} numbers, got "${f.value}"`);
    }
    return values as number[];
  };
  const flag = (names: string[], fallback: boolean): boolean => {
    const f = field(...names);
    if (!f) return fallback;
    const v = f.value.toLowerCase();
    if (v === 'true' || v === '1') return true;
    if (v === 'false' || v === '0') return false;
    throw new VolumeFormatError(file, `${f.name} must be True or False, got "${f.value}"`);
  };

  const objectType = field('ObjectType');
  if (objectType && objectType.value.toLowerCase() !== 'image') {
    throw new VolumeFormatError(
      file,
      `MetaImage ObjectType ${objectType.value} is not an image`,
      'unsupported',
    );
  }
  const nDimsField = field('NDims');
  if (!nDimsField) throw new VolumeFormatError(file, 'not a MetaImage header (NDims is missing)');
  const nDims = Number(nDimsField.value);
  if (!Number.isInteger(nDims) || nDims < 1) {
    throw new VolumeFormatError(file, `NDims must be a positive whole number, got "${nDimsField.value}"`);
  }
  if (!field('DimSize')) throw new VolumeFormatError(file, 'DimSize is missing');
  const dimSize = numbers(['DimSize'], nDims, []);
  checkDimensions(file, nDims, dimSize);
  const channels = field('ElementNumberOfChannels');
  if (channels && Number(channels.value) !== 1) {
    throw new VolumeFormatError(
      file,
      `multi-channel images are not supported (ElementNumberOfChannels = ${channels.value})`,
      'unsupported',
    );
  }
  if (!flag(['BinaryData'], true)) {
    throw new VolumeFormatError(
      file,
      'ASCII MetaImage data (BinaryData = False) is not supported',
      'unsupported',
    );
  }
  const typeField = field('ElementType');
  if (!typeField) throw new VolumeFormatError(file, 'ElementType is missing');
  const dataType = METAIMAGE_TYPES[typeField.value.toUpperCase()];
  if (!dataType) {
    throw new VolumeFormatError(
      file,
      `unsupported MetaImage ElementType ${typeField.value}; supported: ${Object.keys(METAIMAGE_TYPES).join(', ')}`,
      'unsupported',
    );
  }
  const dataFile = field('ElementDataFile')?.value;
  if (dataFile === undefined) throw new VolumeFormatError(file, 'ElementDataFile is missing');
  if (dataFile.toUpperCase() === 'LIST' || dataFile.includes('%') || /\s\d+\s+\d+/.test(dataFile)) {
    throw new VolumeFormatError(
      file,
      `MetaImage data split over several files (ElementDataFile = ${dataFile}) is not supported`,
      'unsupported',
    );
  }
  const spacing = numbers(['ElementSpacing', 'ElementSize'], nDims, new Array<number>(nDims).fill(1));
  const origin = numbers(['Offset', 'Origin', 'Position'], nDims, new Array<number>(nDims).fill(0));
  const identity = Array.from({ length: nDims * nDims }, (_, n) => (n % (nDims + 1) === 0 ? 1 : 0));
  const matrix = numbers(['TransformMatrix', 'Rotation', 'Orientation'], nDims * nDims, identity);
  // A matrix for more than 3 dimensions: keep the spatial 3×3 block (axis i, component j).
  const direction = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => matrix[i * nDims + j] as number));
  return {
    dims: dimSize.slice(0, 3) as Vec3,
    spacing: spacing.slice(0, 3) as Vec3,
    origin: origin.slice(0, 3) as Vec3,
    direction: direction as Mat3,
    dataType,
    littleEndian: !flag(['BinaryDataByteOrderMSB', 'ElementByteOrderMSB'], false),
    compressed: flag(['CompressedData'], false),
    dataFile: dataFile.toUpperCase() === 'LOCAL' ? 'LOCAL' : dataFile,
    headerSize: numbers(['HeaderSize'], 1, [0])[0] as number,
  };
}

function checkDimensions(file: string, nDims: number, dimSize: number[]): void {
  if (nDims < 3) {
    throw new VolumeFormatError(
      file,
      `${nDims}-D images are not supported (NDims = ${nDims}); expected a 3-D volume`,
    );
  }
  dimSize.slice(0, 3).forEach((n, axis) => {
    if (!Number.isInteger(n) || n < 1) {
      throw new VolumeFormatError(file, `DimSize[${axis}] = ${n}: every axis needs at least one voxel`);
    }
  });
  for (let axis = 3; axis < nDims; axis++) {
    if ((dimSize[axis] ?? 1) > 1) {
      throw new VolumeFormatError(
        file,
        `${axis + 1}-D images are not supported (DimSize[${axis}] = ${dimSize[axis]}); expected a 3-D volume`,
      );
    }
  }
}
