// One-time start of Cornerstone3D core and tools. Every viewer calls `ensureCornerstone()` first.
import { init as initCore } from '@cornerstonejs/core';
import { init as initTools } from '@cornerstonejs/tools';

let started: Promise<void> | null = null;

export function ensureCornerstone(): Promise<void> {
  started ??= (async () => {
    initCore();
    initTools();
  })();
  return started;
}
