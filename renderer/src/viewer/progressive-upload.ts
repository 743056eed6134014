// The GPU upload of a big scan, a few slices per render. Cornerstone's volume texture uploads, at its
// next render, every slice flagged as updated (the mechanism its streaming loaders use); a local volume
// has all of them flagged, so the first render converts and uploads the whole scan in one task (about
// 2 s for 640×640×400 int16 in Chromium's software WebGL). Here the flags are held back and released a
// few slices per render, nearest to the middle first (what the axial view shows), with a render
// requested after each, until none is left.
import type { Types } from '@cornerstonejs/core';

/** The part of Cornerstone's vtkStreamingOpenGLTexture used here (not in its public types). */
interface StreamingTexture {
  getUpdatedFrames(): (boolean | null | undefined)[];
  setUpdatedFrame(frame: number): void;
  setMinificationFilter?(filter: number): void;
  setMagnificationFilter?(filter: number): void;
}

/** vtk.js's Filter.LINEAR: what the volume mapper sets on the texture of a linearly interpolated volume. */
const VTK_FILTER_LINEAR = 1;

function streamingTexture(volume: Types.IImageVolume): StreamingTexture | null {
  const t = (volume as unknown as { vtkOpenGLTexture?: Partial<StreamingTexture> }).vtkOpenGLTexture;
  return t && typeof t.getUpdatedFrames === 'function' && typeof t.setUpdatedFrame === 'function'
    ? (t as StreamingTexture)
    : null;
}

/** Volumes smaller than this go up in one render (a fraction of a second even in software WebGL). */
export const PROGRESSIVE_FROM_BYTES = 32 * 2 ** 20;

/** Voxels converted and uploaded per render. */
const VOXELS_PER_RENDER = 4 * 2 ** 20;

export interface UploadOptions {
  /** Renders the views (the upload happens inside a render); resolves when that render was drawn. */
  render(): Promise<void>;
  onProgress?(uploaded: number, total: number): void;
}

export interface Upload {
  /** Resolves when every slice is on the GPU (or the upload was stopped). */
  done: Promise<void>;
  /** Renders the upload took so far. */
  renders(): number;
  /** Hands what is still pending back to Cornerstone (it goes up at the next render). */
  stop(): void;
}

/**
 * Call after the volume was set on the views and before their first render (the next animation frame).
 * Without the streaming texture this relies on, does nothing (the first render uploads it all, as before).
 */
export function uploadProgressively(volume: Types.IImageVolume, options: UploadOptions): Upload {
  const tex = streamingTexture(volume);
  if (!tex) return { done: Promise.resolve(), renders: () => 0, stop: () => {} };
  const [nx, ny, nz] = volume.dimensions;
  const perRender = Math.max(1, Math.floor(VOXELS_PER_RENDER / (nx * ny)));
  const middle = Math.floor(nz / 2);
  const pending = new Set<number>();
  let stopped = false;
  let renders = 0;

  /** Takes every flagged slice into `pending` (Cornerstone flags them all when the volume is set up). */
  const hold = () => {
    const frames = tex.getUpdatedFrames();
    for (let k = 0; k < frames.length; k++) {
      if (frames[k]) {
        pending.add(k);
        frames[k] = null;
      }
    }
  };
  /** Flags the next slices (nearest the middle first); setting a flag also marks the texture modified. */
  const release = (n: number) => {
    const next = [...pending].sort((a, b) => Math.abs(a - middle) - Math.abs(b - middle) || a - b);
    for (const k of next.slice(0, n)) {
      pending.delete(k);
      tex.setUpdatedFrame(k);
    }
  };
  const stop = () => {
    if (stopped) return;
    stopped = true;
    release(pending.size);
  };
  const done = (async () => {
    // The first render sets the texture's filters, and a texture change flags every slice again (then
    // the next view rendered uploads them all). Set them now, then hold back what that flagged.
    tex.setMinificationFilter?.(VTK_FILTER_LINEAR);
    tex.setMagnificationFilter?.(VTK_FILTER_LINEAR);
    hold();
    if (pending.size === 0) return;
    let total = pending.size;
    release(perRender);
    while (!stopped) {
      await options.render();
      renders++;
      if (stopped) return;
      hold(); // a render that flagged everything again (texture re-created) puts them back in the queue
      total = Math.max(total, pending.size);
      options.onProgress?.(total - pending.size, total);
      if (pending.size === 0) return;
      release(perRender);
    }
  })();
  return { done, renders: () => renders, stop };
}
