// Everything Cornerstone3D for one open case, behind a small imperative API that React components call:
// the scan and label volumes, the three views, the label and difference layers, and the tools.
import { Enums, eventTarget } from '@cornerstonejs/core';
import * as cst from '@cornerstonejs/tools';
import type { Types } from '@cornerstonejs/core';
import type { Geometry, LabelDefinition } from '../../../electron/contract/types.js';
import { ensureCornerstone } from './cornerstone-setup.js';
import { DiffLayer } from './diff-layer.js';
import { removeVolume } from './local-volumes.js';
import { createCaseVolumes } from './case-volumes.js';
import type { Upload } from './progressive-upload.js';
import { PROGRESSIVE_FROM_BYTES, uploadProgressively } from './progressive-upload.js';
import { voxelAxisAlong } from './orientation.js';
import type { ScalarArray } from './scan-volume.js';
import type { FillMode, SegmentDisplay } from './segmentation-layers.js';
import { SegmentationLayer } from './segmentation-layers.js';
import type { ToolMode } from './tool-group.js';
import { CORNERSTONE_EDIT_MODES, ViewerTools } from './tool-group.js';
import { CancelledError, TimeSlicer } from './time-slicer.js';
import { UncertaintyOverlay } from './uncertainty-overlay.js';
import type { ViewElements, ViewName } from './viewports.js';
import { OrthoViews, VIEW_NAMES } from './viewports.js';
import { nearestVoxel, worldToVoxel } from './voxel-geometry.js';

export interface ViewerCallbacks {
  /** The primary button was released after a Cornerstone3D edit tool was used. */
  onStrokeEnd(tool: ToolMode): void;
  /** A click in a view with one of our own tools (flood fill): the voxel and the view's voxel axis. */
  onVoxelClick(tool: ToolMode, voxel: [number, number, number], axis: 0 | 1 | 2): void;
  /** Slices or camera changed in some view. */
  onViewChange(): void;
}

export interface OpenProgress {
  /** What is being done and how far (0…1), while the views are prepared. */
  onProgress?(stage: string, fraction: number): void;
  /** Stops the opening (it then rejects with CancelledError). */
  cancelled?(): boolean;
}

let instances = 0;

export class CaseViewer {
  private views!: OrthoViews;
  private tools!: ViewerTools;
  private labelLayer!: SegmentationLayer;
  private readonly diff: DiffLayer;
  private readonly prefix: string;
  private readonly cleanups: (() => void)[] = [];
  private modified: Set<number> | 'all' = new Set();
  private upload: Upload | null = null;
  private overlay: UncertaintyOverlay | null = null;
  private disposed = false;
  /** How the opening was spread over the page's tasks: yields while preparing, renders of the upload. */
  readonly loadTrace = { yields: 0, uploadRenders: 0 };
  readonly scanVolumeId: string;
  readonly labelVolumeId: string;

  private constructor(
    readonly geometry: Geometry,
    readonly scalars: ScalarArray,
    readonly labels: Uint8Array,
    private readonly callbacks: ViewerCallbacks,
  ) {
    this.prefix = `cbct${++instances}`;
    this.scanVolumeId = `${this.prefix}-scan`;
    this.labelVolumeId = `${this.prefix}-labels`;
    this.diff = new DiffLayer(this.prefix, geometry, this.scanVolumeId);
  }

  static async open(
    elements: ViewElements,
    geometry: Geometry,
    scalars: ScalarArray,
    labels: Uint8Array,
    schema: readonly LabelDefinition[],
    callbacks: ViewerCallbacks,
    progress: OpenProgress = {},
  ): Promise<CaseViewer> {
    await ensureCornerstone();
    const v = new CaseViewer(geometry, scalars, labels, callbacks);
    const cancelled = () => v.disposed || (progress.cancelled?.() ?? false);
    try {
      const slicer = new TimeSlicer(12, cancelled);
      const report = (stage: string, fraction: number) => progress.onProgress?.(stage, fraction);
      const ids = { scan: v.scanVolumeId, labels: v.labelVolumeId };
      const scan = await createCaseVolumes(ids, geometry, scalars, labels, slicer, (f) =>
        report('Preparing the views', f),
      );
      v.views = new OrthoViews(`${v.prefix}-engine`, elements);
      await v.views.showVolume(v.scanVolumeId);
      // before the first render (a later animation frame), which would upload the whole scan at once
      if (scalars.byteLength > PROGRESSIVE_FROM_BYTES) {
        v.upload = uploadProgressively(scan, {
          render: () => v.views.renderAxialOnce(),
          onProgress: (done, total) => report('Sending the scan to the graphics card', done / total),
        });
      }
      v.labelLayer = new SegmentationLayer(`${v.prefix}-seg`, v.labelVolumeId, schema);
      await v.labelLayer.showOn(v.views.viewIdList());
      v.tools = new ViewerTools(`${v.prefix}-tools`, v.views.engineId, v.views.viewIdList());
      v.overlay = new UncertaintyOverlay(v.views, v.prefix, geometry, v.scanVolumeId, v.labelLayer);
      v.listen(elements);
      await v.upload?.done;
      if (cancelled()) throw new CancelledError();
      v.loadTrace.yields = slicer.yields;
      v.loadTrace.uploadRenders = v.upload?.renders() ?? 0;
      v.views.render();
      return v;
    } catch (err) {
      v.dispose();
      throw err;
    }
  }

  /** k-slices of the label map written since the last call (undefined: some write did not say, so all). */
  takeModifiedSlices(): number[] | undefined {
    const m = this.modified;
    this.modified = new Set();
    return m === 'all' ? undefined : [...m];
  }

  private listen(elements: ViewElements): void {
    const onData = (e: Event) => {
      const d = (e as CustomEvent<{ segmentationId: string; modifiedSlicesToUse?: number[] }>).detail;
      if (d.segmentationId !== this.labelLayer.segmentationId || this.modified === 'all') return;
      if (!d.modifiedSlicesToUse?.length) this.modified = 'all';
      else for (const k of d.modifiedSlicesToUse) this.modified.add(k);
    };
    const dataEvent = cst.Enums.Events.SEGMENTATION_DATA_MODIFIED;
    eventTarget.addEventListener(dataEvent, onData);
    this.cleanups.push(() => eventTarget.removeEventListener(dataEvent, onData));
    for (const name of VIEW_NAMES) {
      const el = elements[name];
      const onUp = (e: PointerEvent) => {
        if (e.button === 0 && CORNERSTONE_EDIT_MODES.has(this.tools.current)) {
          const tool = this.tools.current;
          // let Cornerstone finish its mouse-up handling (scissors fill on release) first
          setTimeout(() => this.callbacks.onStrokeEnd(tool), 0);
        }
      };
      const onDown = (e: PointerEvent) => {
        if (e.button !== 0 || this.tools.current !== 'flood-fill') return;
        const voxel = this.voxelAtClient(name, e.clientX, e.clientY);
        if (voxel) this.callbacks.onVoxelClick('flood-fill', voxel, this.axisOf(name));
      };
      const onCamera = () => this.callbacks.onViewChange();
      // capture: Cornerstone stops propagation of some mouse events on its elements
      window.addEventListener('pointerup', onUp, true);
      el.addEventListener('pointerdown', onDown);
      el.addEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
      this.cleanups.push(() => {
        window.removeEventListener('pointerup', onUp, true);
        el.removeEventListener('pointerdown', onDown);
        el.removeEventListener(Enums.Events.CAMERA_MODIFIED, onCamera);
      });
    }
  }

  /** The voxel under a client (page) position in a view, or null outside the volume. */
  voxelAtClient(name: ViewName, clientX: number, clientY: number): [number, number, number] | null {
    const vp = this.views.viewport(name);
    const rect = vp.element.getBoundingClientRect();
    const world = vp.canvasToWorld([clientX - rect.left, clientY - rect.top]) as Types.Point3;
    return nearestVoxel(this.geometry, world);
  }

  /** The voxel coordinate along `axis` of the slice a view shows (from its camera focal point). */
  sliceVoxel(name: ViewName, axis: 0 | 1 | 2): number {
    const cam = this.views.viewport(name).getCamera();
    const v = worldToVoxel(this.geometry, cam.focalPoint as Types.Point3);
    return Math.max(0, Math.min(this.geometry.dims[axis] - 1, Math.round(v[axis])));
  }

  /** The slice a view shows as a voxel index along the view's normal axis (k for axial), and how many. */
  voxelSlice(name: ViewName): { index: number; count: number; axis: 0 | 1 | 2 } {
    const axis = this.axisOf(name);
    return { index: this.sliceVoxel(name, axis), count: this.geometry.dims[axis], axis };
  }

  /** Moves a view to the slice with this voxel index along its normal axis. */
  async setVoxelSlice(name: ViewName, index: number): Promise<void> {
    const axis = this.axisOf(name);
    const count = this.geometry.dims[axis];
    const target = Math.max(0, Math.min(count - 1, Math.round(index)));
    const cam = this.views.viewport(name).getCamera();
    const n = cam.viewPlaneNormal as Types.Point3;
    const d = this.geometry.direction;
    const dot = n[0] * d[axis * 3]! + n[1] * d[axis * 3 + 1]! + n[2] * d[axis * 3 + 2]!;
    // Cornerstone counts slices against the view-plane normal (towards the viewer)
    await this.views.setSlice(name, dot < 0 ? count - 1 - target : target);
  }

  /** The voxel axis normal to a view. */
  axisOf(name: ViewName): 0 | 1 | 2 {
    const cam = this.views.viewport(name).getCamera();
    return voxelAxisAlong(this.geometry.direction, cam.viewPlaneNormal as Types.Point3);
  }

  /** performance.now() when the first frame of the scan was drawn. */
  get firstFrame(): Promise<number> {
    return this.views.firstFrame;
  }

  setToolMode(mode: ToolMode): void {
    this.tools.setMode(mode);
  }

  setBrushRadius(mm: number): void {
    this.tools.setBrushRadius(mm);
  }

  setThresholdRange(range: [number, number]): void {
    this.tools.setThresholdRange(range);
  }

  setVoi(range: { lower: number; upper: number }): void {
    this.views.setVoi(range);
  }

  voi() {
    return this.views.voi();
  }

  markers(name: ViewName) {
    return this.views.markers(name);
  }

  setActiveSegment(value: number): void {
    this.labelLayer.setActiveSegment(value);
  }

  applySegmentDisplay(value: number, d: SegmentDisplay): void {
    this.labelLayer.applySegmentDisplay(value, d);
    this.views.render();
  }

  setFillMode(mode: FillMode, fillAlpha: number): void {
    this.labelLayer.setFillMode(mode, fillAlpha);
    this.diff.setFillMode(mode, fillAlpha);
    this.views.render();
  }

  /** The label voxels of these k-slices changed (all when omitted). */
  labelsChanged(slices?: number[]): void {
    this.labelLayer.dataModified(slices && slices.length > 0 ? slices : undefined);
  }

  /** Shows a difference map (values from DIFF_LEGEND) instead of the labels; null goes back to the labels. */
  async showDiff(map: Uint8Array | null): Promise<void> {
    const ids = this.views.viewIdList();
    if (!map) {
      this.diff.hide(ids);
      await this.labelLayer.showOn(ids);
    } else {
      await this.diff.show(map, ids);
      this.labelLayer.hideFrom(ids);
    }
    this.views.render();
  }

  get showingDiff(): boolean {
    return this.diff.isShownOn(this.views.ids.axial);
  }

  resize(): void {
    this.views.resize();
  }

  /** Shows the uncertainty map (uint8 on the case grid) over the scan; null hides it. */
  async showUncertainty(map: Uint8Array | null, opacity: number): Promise<void> {
    if (!this.overlay) return;
    if (map) await this.overlay.show(map, opacity);
    else this.overlay.hide();
  }

  setUncertaintyOpacity(opacity: number): void {
    this.overlay?.setOpacity(opacity);
  }

  get showingUncertainty(): boolean {
    return this.overlay?.isShown ?? false;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.upload?.stop();
    for (const c of this.cleanups) c();
    this.overlay?.dispose();
    this.tools?.dispose();
    this.diff.dispose();
    this.labelLayer?.dispose();
    this.views?.dispose();
    for (const id of [this.scanVolumeId, this.labelVolumeId]) removeVolume(id);
  }
}
