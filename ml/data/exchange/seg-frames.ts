// The frames of a BINARY segmentation: which (segment, slice) pairs are stored, and their bits.
//
// One frame per segment and slice that holds any of that segment's voxels; empty frames are left out,
// except that every segment keeps its frames at the first and last slice. So an empty segment still has
// frames (some readers drop segments without any), and the SEG alone tells the extent of the grid.
// Frames go segment by segment, slices ascending. Bits: pixel (column c, row r) of a frame is bit
// c + r·Columns, least significant bit first, frames packed one after the other with no padding between
// them; the whole value padded to an even length.
// Reference: DICOM PS3.3 C.8.20.2 (BINARY segmentation), PS3.5 §8.1.1 (1-bit pixel data packing).

import type { Volume } from '../io/volume.js';

export interface SegFrame {
  /** SegmentNumber (1…N). */
  segment: number;
  /** The label value the segment stands for. */
  value: number;
  /** Slice index. */
  k: number;
}

/** Which frames to store; see the header. `omitEmpty` false keeps every (segment, slice) frame. */
export function planFrames(
  label: Volume,
  segments: readonly { number: number; value: number }[],
  omitEmpty: boolean,
): SegFrame[] {
  const [cols, rows, depth] = label.dims;
  const plane = cols * rows;
  const indexOf = new Map(segments.map((s, n) => [s.value, n]));
  const present = new Uint8Array(segments.length * depth);
  const v = label.voxels;
  for (let k = 0; k < depth; k++) {
    let last = -1; // the previous non-zero value, so runs of one label cost one lookup
    for (let n = k * plane, end = n + plane; n < end; n++) {
      const x = v[n] as number;
      if (x === 0 || x === last) continue;
      last = x;
      const s = indexOf.get(x);
      if (s !== undefined) present[s * depth + k] = 1;
    }
  }
  const frames: SegFrame[] = [];
  segments.forEach((s, n) => {
    for (let k = 0; k < depth; k++) {
      if (!omitEmpty || present[n * depth + k] || k === 0 || k === depth - 1) {
        frames.push({ segment: s.number, value: s.value, k });
      }
    }
  });
  return frames;
}

/** The PixelData value for `frames`. */
export function packFrames(label: Volume, frames: readonly SegFrame[]): Uint8Array {
  const plane = label.dims[0] * label.dims[1];
  const bits = frames.length * plane;
  const bytes = new Uint8Array(Math.ceil(bits / 8) + (Math.ceil(bits / 8) % 2));
  const v = label.voxels;
  let bit = 0;
  for (const f of frames) {
    const base = f.k * plane;
    for (let p = 0; p < plane; p++, bit++) {
      if (v[base + p] === f.value) bytes[bit >>> 3]! |= 1 << (bit & 7);
    }
  }
  return bytes;
}

/**
 * Calls `set(p)` for every pixel p (c + r·Columns) that is on in frame `frame` of packed 1-bit data.
 */
export function forEachSetPixel(
  bytes: Uint8Array,
  frame: number,
  plane: number,
  set: (p: number) => void,
): void {
  let bit = frame * plane;
  const end = bit + plane;
  // Whole zero bytes are skipped at once: most of a tooth mask is background.
  while (bit < end) {
    if ((bit & 7) === 0 && bit + 8 <= end && bytes[bit >>> 3] === 0) {
      bit += 8;
      continue;
    }
    if (((bytes[bit >>> 3] as number) >>> (bit & 7)) & 1) set(bit - frame * plane);
    bit++;
  }
}
