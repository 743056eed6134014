// NRRD headers (teem's format, "NRRD000x" magic, "field: value" lines, a blank line before attached data).
//
// Geometry: `space directions` are the axis vectors scaled by the spacing and `space origin` is voxel
// (0,0,0), both in the named space, which we convert to LPS by flipping components:
// right-anterior-superior (RAS) flips x and y, left-anterior-superior (LAS) flips x, LPS stays. A header with
// `space dimension: 3` but no named space is taken as LPS. Without space directions, `spacings` (default 1)
// and the identity direction are used. Only 3-D images with raw or gzip encoding are supported.

import { VolumeFormatError } from './errors.js';
import { geometryFromAxes, parseNumberToken, type Geometry } from './geometry.js';
import { headerLines } from './text-header.js';
import type { DataType, Vec3 } from './volume.js';

export interface NrrdHeader extends Geometry {
  dims: Vec3;
  dataType: DataType;
  littleEndian: boolean;
  encoding: 'raw' | 'gzip';
  /** null: data follows the header; else a file name relative to the header's folder. */
  dataFile: string | null;
  lineSkip: number;
  /** -1 (raw only): the data is at the end of the file. */
  byteSkip: number;
}

const TYPES: [DataType, string[]][] = [
  ['uint8', ['uchar', 'unsigned char', 'uint8', 'uint8_t']],
  ['int8', ['signed char', 'int8', 'int8_t']],
  ['uint16', ['ushort', 'unsigned short', 'unsigned short int', 'uint16', 'uint16_t']],
  ['int16', ['short', 'short int', 'signed short', 'signed short int', 'int16', 'int16_t']],
  ['uint32', ['uint', 'unsigned int', 'uint32', 'uint32_t']],
  ['int32', ['int', 'signed int', 'int32', 'int32_t']],
  ['float32', ['float']],
  ['float64', ['double']],
];
const TYPE_OF = new Map(TYPES.flatMap(([type, names]) => names.map((n) => [n, type] as const)));

/** Canonical teem name of each type, used by the writer. */
export const NRRD_TYPE_NAMES: Record<DataType, string> = {
  uint8: 'uchar',
  int8: 'signed char',
  uint16: 'ushort',
  int16: 'short',
  uint32: 'uint',
  int32: 'int',
  float32: 'float',
  float64: 'double',
};

/** Sign flips that take coordinates in a named NRRD space to LPS. */
const SPACE_TO_LPS: Record<string, Vec3> = {
  'right-anterior-superior': [-1, -1, 1],
  ras: [-1, -1, 1],
  'left-anterior-superior': [-1, 1, 1],
  las: [-1, 1, 1],
  'left-posterior-superior': [1, 1, 1],
  lps: [1, 1, 1],
};

/** Axis kinds of a plain 3-D volume; others (vector, RGB-color, time, list, …) are not spatial axes. */
const SPATIAL_KINDS = new Set(['domain', 'space', '???', 'none']);

export function isNrrdMagic(text: string): boolean {
  return /^NRRD000\d/.test(text);
}

/** Length of the header: through the first empty line, or the whole text of a header-only file. */
export function findNrrdHeaderEnd(text: string, atEndOfFile: boolean): number | null {
  const match = /\r?\n\r?\n/.exec(text);
  if (match) return match.index + match[0].length;
  return atEndOfFile ? text.length : null;
}

function fieldsOf(file: string, text: string): Map<string, string> {
  const lines = headerLines(text);
  if (!isNrrdMagic(lines[0] ?? '')) {
    throw new VolumeFormatError(file, 'not a NRRD file (the first line is not "NRRD000x")');
  }
  const fields = new Map<string, string>();
  for (const line of lines.slice(1)) {
    if (line === '' || line.startsWith('#') || line.includes(':=')) continue; // comments, key/value pairs
    const colon = line.indexOf(': ');
    if (colon < 0)
      throw new VolumeFormatError(file, `malformed NRRD header line ${JSON.stringify(line.slice(0, 60))}`);
    fields.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 2).trim());
  }
  return fields;
}

function parseVector(file: string, field: string, token: string): Vec3 {
  const parts = token.replace(/^\(|\)$/g, '').split(',');
  const values = parts.map(parseNumberToken);
  if (values.length !== 3 || values.some((v) => v === undefined)) {
    throw new VolumeFormatError(file, `${field} must hold 3-vectors like (1,0,0), got "${token}"`);
  }
  return values as Vec3;
}

export function parseNrrdHeader(file: string, text: string): NrrdHeader {
  const fields = fieldsOf(file, text);
  const get = (...names: string[]) => names.map((n) => fields.get(n)).find((v) => v !== undefined);
  const need = (name: string) => {
    const v = fields.get(name);
    if (v === undefined) throw new VolumeFormatError(file, `NRRD field "${name}" is missing`);
    return v;
  };

  const dimension = Number(need('dimension'));
  if (dimension !== 3) {
    throw new VolumeFormatError(
      file,
      `${dimension}-D images are not supported (dimension = ${dimension}); expected a 3-D volume`,
    );
  }
  const sizes = need('sizes').split(/\s+/).map(Number);
  if (sizes.length !== 3 || !sizes.every((n) => Number.isInteger(n) && n >= 1)) {
    throw new VolumeFormatError(file, `sizes must be 3 positive whole numbers, got "${fields.get('sizes')}"`);
  }

  const typeName = need('type').toLowerCase().replace(/\s+/g, ' ');
  const dataType = TYPE_OF.get(typeName);
  if (!dataType) {
    throw new VolumeFormatError(file, `unsupported NRRD type "${typeName}"`, 'unsupported');
  }

  const encodingName = need('encoding').toLowerCase();
  const encoding =
    encodingName === 'raw' ? 'raw' : encodingName === 'gzip' || encodingName === 'gz' ? 'gzip' : null;
  if (!encoding) {
    throw new VolumeFormatError(
      file,
      `unsupported NRRD encoding "${encodingName}" (supported: raw, gzip)`,
      'unsupported',
    );
  }

  const endian = fields.get('endian')?.toLowerCase();
  if (endian === undefined && dataType !== 'uint8' && dataType !== 'int8') {
    throw new VolumeFormatError(file, `NRRD field "endian" is missing (needed for ${typeName} data)`);
  }
  if (endian !== undefined && endian !== 'little' && endian !== 'big') {
    throw new VolumeFormatError(file, `endian must be little or big, got "${endian}"`);
  }

  const dataFile = get('data file', 'datafile') ?? null;
  if (dataFile !== null && (dataFile.toUpperCase().startsWith('LIST') || dataFile.includes('%'))) {
    throw new VolumeFormatError(
      file,
      `NRRD data split over several files (data file: ${dataFile}) is not supported`,
      'unsupported',
    );
  }
  const kinds = fields.get('kinds')?.split(/\s+/) ?? [];
  const nonSpatial = kinds.find((k) => !SPATIAL_KINDS.has(k.toLowerCase()));
  if (nonSpatial !== undefined) {
    throw new VolumeFormatError(
      file,
      `images with a non-spatial axis (kinds: ${fields.get('kinds')}) are not supported; expected 3 spatial axes`,
      'unsupported',
    );
  }
  const skip = (names: string[]) => {
    const raw = get(...names);
    const n = raw === undefined ? 0 : Number(raw);
    if (!Number.isInteger(n) || n < -1)
      throw new VolumeFormatError(file, `${names[0]} must be a whole number, got "${raw}"`);
    return n;
  };
  const lineSkip = skip(['line skip', 'lineskip']);
  const byteSkip = skip(['byte skip', 'byteskip']);
  if (byteSkip === -1 && encoding !== 'raw') {
    throw new VolumeFormatError(file, 'byte skip: -1 is only allowed with raw encoding');
  }

  return {
    dims: sizes as Vec3,
    dataType,
    littleEndian: endian !== 'big',
    encoding,
    dataFile,
    lineSkip: Math.max(0, lineSkip),
    byteSkip,
    ...nrrdGeometry(file, fields),
  };
}

function nrrdGeometry(file: string, fields: Map<string, string>): Geometry {
  const space = fields.get('space')?.toLowerCase();
  const spaceDimension = fields.get('space dimension');
  let flip: Vec3 = [1, 1, 1];
  if (space !== undefined) {
    const known = SPACE_TO_LPS[space];
    if (!known) {
      throw new VolumeFormatError(
        file,
        `unsupported NRRD space "${space}" (supported: right-anterior-superior, left-anterior-superior, left-posterior-superior)`,
        'unsupported',
      );
    }
    flip = known;
  } else if (spaceDimension !== undefined && Number(spaceDimension) !== 3) {
    throw new VolumeFormatError(file, `space dimension must be 3, got ${spaceDimension}`, 'unsupported');
  }
  const toLps = (v: Vec3) => v.map((x, n) => x * flip[n]!) as Vec3;
  const originField = fields.get('space origin');
  const origin = originField ? toLps(parseVector(file, 'space origin', originField)) : ([0, 0, 0] as Vec3);

  const directionsField = fields.get('space directions');
  if (directionsField !== undefined) {
    const tokens = directionsField.match(/\([^)]*\)|none/gi) ?? [];
    if (tokens.length !== 3 || tokens.some((t) => t.toLowerCase() === 'none')) {
      throw new VolumeFormatError(file, `space directions must be three vectors, got "${directionsField}"`);
    }
    const axes = tokens.map((t) => toLps(parseVector(file, 'space directions', t)));
    return geometryFromAxes(file, axes, origin, 'space directions');
  }
  const spacingsField = fields.get('spacings');
  const spacings = spacingsField
    ? spacingsField.split(/\s+/).map((t) => parseNumberToken(t) ?? NaN)
    : [1, 1, 1];
  if (spacings.length !== 3)
    throw new VolumeFormatError(file, `spacings must be 3 numbers, got "${spacingsField}"`);
  const axes = [0, 1, 2].map((n) => [0, 1, 2].map((c) => (c === n ? spacings[n]! : 0)) as Vec3);
  return geometryFromAxes(file, axes, origin, 'spacings');
}
