// The three linked orthographic views (axial, coronal, sagittal) of one case: creation, slices, window.
import { Enums, RenderingEngine, setVolumesForViewports, utilities } from '@cornerstonejs/core';
import type { Types } from '@cornerstonejs/core';
import type { OrientationMarkers } from './orientation.js';
import { markersForCamera } from './orientation.js';

export const VIEW_NAMES = ['axial', 'coronal', 'sagittal'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export type ViewElements = Record<ViewName, HTMLDivElement>;

const ORIENTATION: Record<ViewName, Enums.OrientationAxis> = {
  axial: Enums.OrientationAxis.AXIAL,
  coronal: Enums.OrientationAxis.CORONAL,
  sagittal: Enums.OrientationAxis.SAGITTAL,
};

export interface SliceState {
  index: number;
  count: number;
}

export class OrthoViews {
  readonly engine: RenderingEngine;
  readonly ids: Record<ViewName, string>;
  /** performance.now() of the first frame the axial view drew. */
  readonly firstFrame: Promise<number>;

  constructor(
    readonly engineId: string,
    readonly elements: ViewElements,
  ) {
    this.firstFrame = new Promise((resolve) =>
      elements.axial.addEventListener(Enums.Events.IMAGE_RENDERED, () => resolve(performance.now()), {
        once: true,
      }),
    );
    this.engine = new RenderingEngine(engineId);
    this.ids = {
      axial: `${engineId}-axial`,
      coronal: `${engineId}-coronal`,
      sagittal: `${engineId}-sagittal`,
    };
    this.engine.setViewports(
      VIEW_NAMES.map((name) => ({
        viewportId: this.ids[name],
        type: Enums.ViewportType.ORTHOGRAPHIC,
        element: elements[name],
        defaultOptions: { orientation: ORIENTATION[name], background: [0, 0, 0] as Types.Point3 },
      })),
    );
  }

  viewport(name: ViewName): Types.IVolumeViewport {
    return this.engine.getViewport(this.ids[name]) as Types.IVolumeViewport;
  }

  viewIdList(): string[] {
    return VIEW_NAMES.map((n) => this.ids[n]);
  }

  async showVolume(volumeId: string): Promise<void> {
    await setVolumesForViewports(this.engine, [{ volumeId }], this.viewIdList());
    this.engine.render();
  }

  slice(name: ViewName): SliceState {
    const vp = this.viewport(name);
    return { index: vp.getSliceIndex(), count: vp.getNumberOfSlices() };
  }

  async setSlice(name: ViewName, index: number): Promise<void> {
    const { count } = this.slice(name);
    const clamped = Math.max(0, Math.min(count - 1, Math.round(index)));
    await utilities.jumpToSlice(this.elements[name], { imageIndex: clamped });
  }

  setVoi(range: { lower: number; upper: number }): void {
    for (const name of VIEW_NAMES) this.viewport(name).setProperties({ voiRange: range });
    this.engine.render();
  }

  voi(): { lower: number; upper: number } | undefined {
    return this.viewport('axial').getProperties()?.voiRange;
  }

  markers(name: ViewName): OrientationMarkers {
    const cam = this.viewport(name).getCamera();
    return markersForCamera(cam.viewUp as Types.Point3, cam.viewPlaneNormal as Types.Point3);
  }

  resize(): void {
    this.engine.resize(true, true);
  }

  render(): void {
    this.engine.render();
  }

  /** Renders the axial view alone; resolves once it was drawn (or after a second if it was not). */
  renderAxialOnce(): Promise<void> {
    return new Promise((resolve) => {
      const el = this.elements.axial;
      const done = () => {
        clearTimeout(timer);
        el.removeEventListener(Enums.Events.IMAGE_RENDERED, done);
        resolve();
      };
      const timer = setTimeout(done, 1000);
      el.addEventListener(Enums.Events.IMAGE_RENDERED, done);
      this.engine.renderViewport(this.ids.axial);
    });
  }

  dispose(): void {
    this.engine.destroy();
  }
}
