// Cornerstone3D volumes built from in-memory arrays (the scan from the server, label maps we edit).
// `createLocalVolume` gives every slice image the volume origin; our metadata provider answers with the
// true position of each slice so that Cornerstone can find "the image at this world point".
import { metaData, volumeLoader } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { Geometry } from '../../../electron/contract/types.js';
import type { ScalarArray } from './scan-volume.js';
import { voxelToWorld } from './voxel-geometry.js';

const FRAME_OF_REFERENCE = 'cbct-workbench-frame';
const geometries = new Map<string, Geometry>();
let providerAdded = false;

function slicePlaneMetadata(type: string, imageId: string): unknown {
  if (type !== 'imagePlaneModule') return undefined;
  const m = /^(.*)_slice_(\d+)$/.exec(imageId);
  if (!m) return undefined;
  const g = geometries.get(m[1]!);
  if (!g) return undefined;
  const k = Number(m[2]);
  return {
    frameOfReferenceUID: FRAME_OF_REFERENCE,
    rows: g.dims[1],
    columns: g.dims[0],
    imageOrientationPatient: g.direction.slice(0, 6),
    rowCosines: g.direction.slice(0, 3),
    columnCosines: g.direction.slice(3, 6),
    imagePositionPatient: voxelToWorld(g, [0, 0, k]),
    pixelSpacing: [g.spacing[1], g.spacing[0]],
    rowPixelSpacing: g.spacing[1],
    columnPixelSpacing: g.spacing[0],
    sliceThickness: g.spacing[2],
    sliceLocation: k * g.spacing[2],
  };
}

function ensureProvider(): void {
  if (providerAdded) return;
  metaData.addProvider(slicePlaneMetadata as (type: string, ...q: string[]) => unknown, 20_000);
  providerAdded = true;
}

function volumeMetadata(g: Geometry, scalars: ScalarArray): Types.Metadata {
  const bits = scalars.BYTES_PER_ELEMENT * 8;
  return {
    BitsAllocated: bits,
    BitsStored: bits,
    SamplesPerPixel: 1,
    HighBit: bits - 1,
    PhotometricInterpretation: 'MONOCHROME2',
    PixelRepresentation: scalars instanceof Int16Array || scalars instanceof Float32Array ? 1 : 0,
    Modality: 'CT',
    ImageOrientationPatient: g.direction.slice(0, 6),
    PixelSpacing: [g.spacing[1], g.spacing[0]],
    FrameOfReferenceUID: FRAME_OF_REFERENCE,
    Columns: g.dims[0],
    Rows: g.dims[1],
    voiLut: [],
    VOILUTFunction: 'LINEAR',
  };
}

/**
 * A cached Cornerstone volume over `scalars` (not copied: the slice images are views of the same buffer,
 * so writing into `scalars` changes the volume). Ids must not contain ':' (Cornerstone reads a scheme).
 */
export function createVolumeFromArray(
  volumeId: string,
  g: Geometry,
  scalars: ScalarArray,
  referencedVolumeId?: string,
): Types.IImageVolume {
  if (volumeId.includes(':')) throw new Error(`volume id "${volumeId}" must not contain ':'`);
  ensureProvider();
  geometries.set(volumeId, g);
  return volumeLoader.createLocalVolume(volumeId, {
    metadata: volumeMetadata(g, scalars),
    dimensions: [...g.dims] as Types.Point3,
    spacing: [...g.spacing] as Types.Point3,
    origin: [...g.origin] as Types.Point3,
    direction: [...g.direction] as Types.Mat3,
    scalarData: scalars,
    ...(referencedVolumeId ? { referencedVolumeId } : {}),
  });
}

export function forgetVolumeGeometry(volumeId: string): void {
  geometries.delete(volumeId);
}
