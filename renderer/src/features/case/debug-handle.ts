// Installs `window.cbctDebug` (see debug-api.ts) for the open case. Nothing here changes the case.
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';
import type { CbctDebug } from './debug-api.js';

export function installDebugHandle(c: CaseController, v: CaseVersions): () => void {
  const handle: CbctDebug = {
    caseId: c.detail.id,
    labelVoxels(value) {
      const l = c.session.labels;
      let n = 0;
      if (value === undefined) {
        for (let q = 0; q < l.length; q++) if (l[q] !== 0) n++;
      } else {
        for (let q = 0; q < l.length; q++) if (l[q] === value) n++;
      }
      return n;
    },
    axialSliceVoxels(k, value) {
      const [nx, ny] = c.detail.geometry.dims;
      const l = c.session.labels.subarray(k * nx * ny, (k + 1) * nx * ny);
      let n = 0;
      for (let q = 0; q < l.length; q++) if (value === undefined ? l[q] !== 0 : l[q] === value) n++;
      return n;
    },
    dirty: () => c.session.dirty,
    undoHistory: () => c.session.undoStack.history,
    slice: (view) => (c.viewer ? c.viewer.voxelSlice(view) : null),
    markers: (view) => (c.viewer ? c.viewer.markers(view) : null),
    toolMode: () => c.toolMode,
    versions: () => v.versions.map((x) => x.id),
    diff: () => v.diff?.stats ?? null,
    reviewedSlices: () => c.session.reviewedSlices(),
    loadTrace: () => (c.viewer ? { ...c.viewer.loadTrace } : null),
    showingUncertainty: () => c.viewer?.showingUncertainty ?? false,
  };
  window.cbctDebug = handle;
  return () => {
    if (window.cbctDebug === handle) delete window.cbctDebug;
  };
}
