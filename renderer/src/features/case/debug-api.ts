// The shape of `window.cbctDebug`, a read-only window into the open case for the end-to-end tests and the
// viewer bench. Dependency-free so that the Node-side tests can import it.
export type DebugViewName = 'axial' | 'coronal' | 'sagittal';

export interface CbctDebug {
  caseId: number;
  /** Voxels of the working label map with this value (any non-zero value when omitted). */
  labelVoxels(value?: number): number;
  /** Voxels with a value (any non-zero when omitted) in one axial slice k. */
  axialSliceVoxels(k: number, value?: number): number;
  dirty(): boolean;
  undoHistory(): string[];
  /** The view's slice as a voxel index along its normal axis. */
  slice(view: DebugViewName): { index: number; count: number; axis: number } | null;
  markers(view: DebugViewName): { top: string; bottom: string; left: string; right: string } | null;
  toolMode(): string;
  versions(): number[];
  diff(): { added: number; removed: number; changed: number } | null;
  reviewedSlices(): number[];
  /** How opening the viewer was spread over the page's tasks (yields while preparing, upload renders). */
  loadTrace(): { yields: number; uploadRenders: number } | null;
  /** Whether the uncertainty heat-map is on the views. */
  showingUncertainty(): boolean;
}

declare global {
  interface Window {
    cbctDebug?: CbctDebug;
  }
}
