// The open case's behaviour, apart from React: tools and segment display on the viewer, edits through
// the edit session (undo/redo, our own region tools), reviewed slices. Versions, diff and saving live in
// `case-versions.ts`. React components read its fields and re-render on `subscribe`.
import type { CaseDetail, LabelDefinition } from '../../../../electron/contract/types.js';
import { EditSession } from '../../editing/edit-session.js';
import { floodFillAtVoxel } from '../../editing/flood-fill.js';
import { interpolateBetweenSlices } from '../../editing/interpolate-slices.js';
import { keepLargestIsland, removeSmallIslands } from '../../editing/islands.js';
import type { Axis } from '../../editing/voxel-grid.js';
import type { CaseViewer } from '../../viewer/case-viewer.js';
import { openViewer } from './open-viewer.js';
import type { FillMode, SegmentDisplay } from '../../viewer/segmentation-layers.js';
import type { ToolMode } from '../../viewer/tool-group.js';
import type { ViewElements } from '../../viewer/viewports.js';
import { voiRangeOf } from '../../viewer/window-presets.js';
import type { LoadedCase } from './load-case.js';

const TOOL_LABEL: Partial<Record<ToolMode, string>> = {
  brush: 'Brush stroke',
  'sphere-brush': 'Sphere brush stroke',
  eraser: 'Eraser stroke',
  'threshold-brush': 'Threshold brush stroke',
  'rectangle-scissors': 'Rectangle scissors',
  'circle-scissors': 'Circle scissors',
};

export class CaseController {
  revision = 0;
  viewer: CaseViewer | null = null;
  readonly session: EditSession;
  detail: CaseDetail;
  toolMode: ToolMode = 'navigate';
  brushRadius = 2;
  activeSegment = 1;
  segments = new Map<number, SegmentDisplay>();
  fillMode: FillMode = 'both';
  fillAlpha = 0.5;
  thresholdRange: [number, number];
  message = '';
  /** While the views are being prepared (big scans take a while): what and how far. */
  preparing: { stage: string; fraction: number } | null = null;
  readonly openedAt = Date.now();
  private listeners = new Set<() => void>();
  /** Attach/dispose generation: an attach that finishes after a dispose (React StrictMode) drops its viewer. */
  private generation = 0;
  private attaching: Promise<void> = Promise.resolve();

  constructor(
    readonly loaded: LoadedCase,
    readonly schema: readonly LabelDefinition[],
    private readonly onError: (err: unknown, doing: string) => void,
  ) {
    this.detail = loaded.detail;
    const [nx, ny] = loaded.detail.geometry.dims;
    // without a draft the working labels start as the base version's: share its (read-only) voxels
    const base = loaded.restoredDraft ? undefined : loaded.baseLabels;
    this.session = new EditSession(loaded.labels, nx * ny, loaded.baseVersionId, loaded.reviewedSlices, base);
    if (loaded.restoredDraft)
      this.session.replace(loaded.labels, loaded.baseVersionId, loaded.reviewedSlices, loaded.baseLabels);
    for (const l of schema)
      if (l.value > 0) this.segments.set(l.value, { visible: true, opacity: 1, locked: false });
    const teeth = loaded.presets[1] ?? loaded.presets[0];
    const r = teeth ? voiRangeOf(teeth) : { lower: 0, upper: 1 };
    this.thresholdRange = [Math.round(r.lower), Math.round(r.upper)];
    this.session.subscribe(() => this.emit());
  }

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getRevision = (): number => this.revision;

  emit(): void {
    this.revision++;
    for (const fn of [...this.listeners]) fn();
  }

  say(message: string): void {
    this.message = message;
    this.emit();
  }

  /** Opens the viewer on these elements; attaches run one after another, never two viewers at once. */
  attach(elements: ViewElements): Promise<void> {
    const generation = ++this.generation;
    const run = this.attaching.then(() => this.open(elements, generation));
    this.attaching = run.catch(() => {});
    return run;
  }

  private setPreparing(stage: string, fraction: number): void {
    const p = this.preparing;
    // a repaint of the workspace per whole per cent is plenty
    if (p && p.stage === stage && Math.floor(p.fraction * 100) === Math.floor(fraction * 100)) return;
    if (p?.stage !== stage) performance.mark(`cbct:stage:${stage}`);
    this.preparing = { stage, fraction };
    this.emit();
  }

  private async open(elements: ViewElements, generation: number): Promise<void> {
    if (generation !== this.generation) return;
    const viewer = await openViewer(
      elements,
      this,
      {
        onStrokeEnd: (tool) => this.commitStroke(tool),
        onVoxelClick: (tool, voxel, axis) => this.voxelClick(tool, voxel, axis),
        onViewChange: () => this.emit(),
      },
      {
        onProgress: (stage, fraction) => this.setPreparing(stage, fraction),
        cancelled: () => generation !== this.generation,
      },
    ).finally(() => {
      this.preparing = null;
      this.emit();
    });
    if (!viewer) return;
    if (generation !== this.generation) {
      viewer.dispose();
      return;
    }
    this.viewer = viewer;
    viewer.takeModifiedSlices(); // the initial display is not an edit
    this.session.touchedSlices = () => viewer.takeModifiedSlices();
    void viewer.firstFrame.then((t) => performance.mark('cbct:case-first-frame', { startTime: t }));
    const auto = this.loaded.presets[0];
    if (auto) viewer.setVoi(voiRangeOf(auto));
    viewer.setBrushRadius(this.brushRadius);
    viewer.setThresholdRange(this.thresholdRange);
    viewer.setActiveSegment(this.activeSegment);
    viewer.setFillMode(this.fillMode, this.fillAlpha);
    viewer.setToolMode(this.toolMode);
    this.emit();
  }

  dispose(): void {
    this.generation++;
    this.session.touchedSlices = null;
    this.viewer?.dispose();
    this.viewer = null;
  }

  get locked(): Set<number> {
    return new Set([...this.segments].filter(([, d]) => d.locked).map(([v]) => v));
  }

  // ---- tools and display

  setTool(mode: ToolMode): void {
    if (this.viewer?.showingDiff && mode !== 'navigate' && mode !== 'window-level') {
      this.say('Editing is off while the difference view is shown');
      return;
    }
    this.toolMode = mode;
    this.viewer?.setToolMode(mode);
    this.emit();
  }

  setBrushRadius(mm: number): void {
    this.brushRadius = Math.min(50, Math.max(0.2, Math.round(mm * 10) / 10));
    this.viewer?.setBrushRadius(this.brushRadius);
    this.emit();
  }

  /** The range as typed (fields are not reordered while typing); the brush gets it sorted. */
  setThresholdRange(range: [number, number]): void {
    this.thresholdRange = range;
    this.viewer?.setThresholdRange([Math.min(...range), Math.max(...range)]);
    this.emit();
  }

  setActiveSegment(value: number): void {
    if (!this.segments.has(value)) return;
    this.activeSegment = value;
    this.viewer?.setActiveSegment(value);
    this.emit();
  }

  setSegmentDisplay(value: number, change: Partial<SegmentDisplay>): void {
    const d = this.segments.get(value);
    if (!d) return;
    const next = { ...d, ...change };
    this.segments.set(value, next);
    this.viewer?.applySegmentDisplay(value, next);
    this.emit();
  }

  setFill(mode: FillMode, alpha = this.fillAlpha): void {
    this.fillMode = mode;
    this.fillAlpha = alpha;
    this.viewer?.setFillMode(mode, alpha);
    this.emit();
  }

  /** Applies the segment display again (after the label layer was re-added to the views). */
  reapplyDisplay(): void {
    const v = this.viewer;
    if (!v) return;
    for (const [value, d] of this.segments) v.applySegmentDisplay(value, d);
    v.setFillMode(this.fillMode, this.fillAlpha);
    v.setActiveSegment(this.activeSegment);
  }

  // ---- edits

  private refresh(slices: number[]): void {
    this.viewer?.labelsChanged(slices);
  }

  commitStroke(tool: ToolMode): void {
    const start = performance.now();
    const c = this.session.commitExternal(TOOL_LABEL[tool] ?? 'Edit');
    performance.measure('cbct:stroke-commit', { start, end: performance.now() });
    if (c) this.say(`${TOOL_LABEL[tool] ?? 'Edit'}: ${c.voxels} voxels`);
  }

  private voxelClick(tool: ToolMode, voxel: [number, number, number], axis: Axis): void {
    if (tool !== 'flood-fill') return;
    const { labels } = this.session;
    const region = floodFillAtVoxel(labels, this.detail.geometry.dims, voxel, axis, this.activeSegment, {
      locked: this.locked,
    });
    this.applyOwn('Flood fill', region, this.activeSegment);
  }

  private applyOwn(label: string, indices: ArrayLike<number>, value: number): void {
    const c = this.session.apply(label, indices, value);
    if (!c) {
      this.say(`${label}: nothing to change`);
      return;
    }
    this.refresh(c.slices);
    this.say(`${label}: ${c.voxels} voxels`);
  }

  undo(): void {
    const c = this.session.undo();
    if (!c) return this.say('Nothing to undo');
    this.refresh(c.slices);
    this.say(`Undid ${c.label}`);
  }

  redo(): void {
    const c = this.session.redo();
    if (!c) return this.say('Nothing to redo');
    this.refresh(c.slices);
    this.say(`Redid ${c.label}`);
  }

  interpolate(): void {
    this.session.commitExternal('Edit');
    const [labels, dims, seg] = [this.session.labels, this.detail.geometry.dims, this.activeSegment];
    const fill = interpolateBetweenSlices(labels, dims, 2, seg, { locked: this.locked });
    this.applyOwn(`Fill between slices (${this.segmentName(seg)})`, fill, seg);
  }

  keepLargestIsland(): void {
    this.session.commitExternal('Edit');
    const [labels, dims, seg] = [this.session.labels, this.detail.geometry.dims, this.activeSegment];
    this.applyOwn(`Keep largest island (${this.segmentName(seg)})`, keepLargestIsland(labels, dims, seg), 0);
  }

  removeSmallIslands(minVoxels: number): void {
    this.session.commitExternal('Edit');
    const [labels, dims, seg] = [this.session.labels, this.detail.geometry.dims, this.activeSegment];
    const drop = removeSmallIslands(labels, dims, seg, minVoxels);
    this.applyOwn(`Remove islands < ${minVoxels} voxels (${this.segmentName(seg)})`, drop, 0);
  }

  segmentName(value: number): string {
    return this.schema.find((l) => l.value === value)?.name ?? `label ${value}`;
  }

  /** The k index of the slice the axial view shows. */
  currentAxialSlice(): number | null {
    return this.viewer ? this.viewer.sliceVoxel('axial', 2) : null;
  }

  toggleReviewed(k = this.currentAxialSlice()): void {
    if (k === null) return;
    const now = !this.session.isReviewed(k);
    this.session.setReviewed(k, now);
    this.say(now ? `Slice ${k} marked reviewed` : `Slice ${k} no longer marked reviewed`);
  }

  stepSlice(delta: number): void {
    const v = this.viewer;
    if (!v) return;
    void v.setVoxelSlice('axial', v.voxelSlice('axial').index + delta);
  }

  scaleBrush(factor: number): void {
    this.setBrushRadius(this.brushRadius * factor);
  }
}
