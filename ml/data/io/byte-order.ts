// Byte order. Volumes hold voxels in the host's order, which on every platform we ship (x64, arm64) is
// little-endian; files may be either, so readers swap big-endian data in place and writers emit little-endian
// unless asked otherwise.

import { voxelBytes, type VoxelArray } from './volume.js';

export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Reverses the byte order of each `size`-byte element of `bytes`, in place. */
export function swapBytesInPlace(bytes: Uint8Array, size: number): void {
  if (size === 1) return;
  for (let at = 0; at + size <= bytes.length; at += size) {
    for (let a = at, b = at + size - 1; a < b; a++, b--) {
      const t = bytes[a] as number;
      bytes[a] = bytes[b] as number;
      bytes[b] = t;
    }
  }
}

/** Puts freshly read file bytes into host order: swaps when the file's order differs from the host's. */
export function toHostOrder(bytes: Uint8Array, size: number, fileIsLittleEndian: boolean): void {
  if (fileIsLittleEndian !== HOST_IS_LITTLE_ENDIAN) swapBytesInPlace(bytes, size);
}

/**
 * The voxel bytes in the requested order: a view (no copy) when it is the host's order, otherwise a swapped
 * copy (only used to produce big-endian test files).
 */
export function voxelBytesInOrder(voxels: VoxelArray, littleEndian: boolean): Uint8Array {
  const bytes = voxelBytes(voxels);
  if (littleEndian === HOST_IS_LITTLE_ENDIAN) return bytes;
  const copy = new Uint8Array(bytes);
  swapBytesInPlace(copy, voxels.BYTES_PER_ELEMENT);
  return copy;
}
