// Cornerstone3D volumes built from in-memory arrays (the scan from the server, label maps we edit).
// `createLocalVolume` gives every slice image the volume origin; our metadata provider answers with the
// true position of each slice so that Cornerstone can find "the image at this world point".
import { ImageVolume, cache, imageLoader, metaData, utilities } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { Geometry } from '../../../electron/contract/types.js';
import type { ScalarArray } from './scan-volume.js';
import { TimeSlicer } from './time-slicer.js';
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

export interface CreateOptions {
  /** The volume this one labels (label maps, overlays): Cornerstone ties segmentations to it. */
  referencedVolumeId?: string;
  /** Fraction of the slices prepared so far (0…1). */
  onProgress?: (fraction: number) => void;
  /** Cuts the work into slices between which the page stays responsive (a fresh one when omitted). */
  slicer?: TimeSlicer;
}

/**
 * A cached Cornerstone volume over `scalars` (not copied: the slice images are views of the same buffer,
 * so writing into `scalars` changes the volume). Ids must not contain ':' (Cornerstone reads a scheme).
 *
 * What `volumeLoader.createLocalVolume` does, one slice image at a time with yields to the page in between:
 * Cornerstone scans every slice for its minimum and maximum, which on a 640×640×400 scan blocks the page
 * for about a second when done in one go.
 */
export async function createVolumeFromArray(
  volumeId: string,
  g: Geometry,
  scalars: ScalarArray,
  options: CreateOptions = {},
): Promise<Types.IImageVolume> {
  if (volumeId.includes(':')) throw new Error(`volume id "${volumeId}" must not contain ':'`);
  ensureProvider();
  geometries.set(volumeId, g);
  const cached = cache.getVolume(volumeId);
  if (cached) return cached;
  if (!cache.isCacheable(scalars.byteLength)) {
    throw new Error(
      `the scan (${Math.round(scalars.byteLength / 2 ** 20)} MiB) does not fit in the viewer's cache`,
    );
  }
  const slicer = options.slicer ?? new TimeSlicer();
  const [nx, ny, nz] = g.dims;
  const sliceLength = nx * ny;
  const dataType = scalars.constructor.name;
  const imageIds: string[] = [];
  try {
    for (let k = 0; k < nz; k++) {
      const imageId = `${volumeId}_slice_${k}`;
      imageLoader.createAndCacheLocalImage(imageId, {
        scalarData: scalars.subarray(k * sliceLength, (k + 1) * sliceLength),
        dimensions: [nx, ny],
        spacing: [g.spacing[0], g.spacing[1]],
        origin: [...g.origin] as Types.Point3,
        direction: [...g.direction] as Types.Mat3,
        targetBuffer: { type: dataType as 'Float32Array' },
      });
      imageIds.push(imageId);
      if (await slicer.maybeYield()) options.onProgress?.((k + 1) / nz);
    }
  } catch (err) {
    for (const id of imageIds) if (cache.getImage(id)) cache.removeImageLoadObject(id);
    geometries.delete(volumeId);
    throw err;
  }
  const volume = new ImageVolume({
    volumeId,
    metadata: volumeMetadata(g, scalars),
    dimensions: [...g.dims] as Types.Point3,
    spacing: [...g.spacing] as Types.Point3,
    origin: [...g.origin] as Types.Point3,
    direction: [...g.direction] as Types.Mat3,
    imageIds,
    dataType: dataType as 'Float32Array',
    ...(options.referencedVolumeId ? { referencedVolumeId: options.referencedVolumeId } : {}),
  });
  volume.voxelManager = utilities.VoxelManager.createImageVolumeVoxelManager({
    imageIds,
    dimensions: [...g.dims] as Types.Point3,
    numberOfComponents: 1,
    id: volumeId,
  });
  cache.putVolumeSync(volumeId, volume);
  options.onProgress?.(1);
  return volume;
}

/** Removes a volume made here, its slice images and its geometry from the caches. */
export function removeVolume(volumeId: string): void {
  const volume = cache.getVolume(volumeId);
  if (volume) {
    const ids = volume.imageIds;
    cache.removeVolumeLoadObject(volumeId);
    for (const id of ids) if (cache.getImage(id)) cache.removeImageLoadObject(id);
  }
  geometries.delete(volumeId);
}
