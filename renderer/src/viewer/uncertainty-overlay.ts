// The uncertainty map over the scan in the three views: a read-only label map whose 256 values get the
// heat-map colours and opacities (transparent when confident), drawn like the labels (per slice, so a
// thin slice shows its full colour) with its own global opacity. The label layer stays the one the
// editing tools work on.
import * as cst from '@cornerstonejs/tools';
import type { Types } from '@cornerstonejs/core';
import type { Geometry } from '../../../electron/contract/types.js';
import { heatMapLut } from './heat-map.js';
import { createVolumeFromArray, removeVolume } from './local-volumes.js';
import { SegmentationLayer } from './segmentation-layers.js';
import type { OrthoViews } from './viewports.js';

let heatLutIndex: number | null = null;

function heatLut(): number {
  heatLutIndex ??= cst.segmentation.config.color.addColorLUT(heatMapLut() as Types.ColorLUT);
  return heatLutIndex;
}

const VALUES = Array.from({ length: 255 }, (_, i) => ({
  value: i + 1,
  name: `uncertainty ${i + 1}`,
  color: [0, 0, 0] as [number, number, number],
}));

export class UncertaintyOverlay {
  private layer: SegmentationLayer | null = null;
  private data: Uint8Array | null = null;
  private opacity = 0.6;
  private readonly volumeId: string;

  constructor(
    private readonly views: OrthoViews,
    prefix: string,
    private readonly geometry: Geometry,
    private readonly scanVolumeId: string,
    /** The segmentation the tools edit (made active again after the overlay is added). */
    private readonly editable: SegmentationLayer,
  ) {
    this.volumeId = `${prefix}-uncertainty`;
  }

  get isShown(): boolean {
    return this.layer?.isShownOn(this.views.ids.axial) ?? false;
  }

  /** Shows `map` (uint8 on the case grid); a later call with another map replaces the voxels. */
  async show(map: Uint8Array, opacity: number): Promise<void> {
    this.opacity = opacity;
    if (!this.layer || !this.data) {
      this.data = new Uint8Array(map.length);
      await createVolumeFromArray(this.volumeId, this.geometry, this.data, {
        referencedVolumeId: this.scanVolumeId,
      });
      this.layer = new SegmentationLayer(`${this.volumeId}-seg`, this.volumeId, VALUES, heatLut());
    }
    this.data.set(map);
    const ids = this.views.viewIdList();
    await this.layer.showOn(ids);
    this.editable.activateOn(ids);
    this.layer.dataModified();
    this.applyLook();
  }

  setOpacity(opacity: number): void {
    this.opacity = opacity;
    this.applyLook();
  }

  private applyLook(): void {
    this.layer?.setFillMode('fill', this.opacity);
    this.views.render();
  }

  hide(): void {
    this.layer?.hideFrom(this.views.viewIdList());
    this.views.render();
  }

  dispose(): void {
    this.layer?.dispose();
    this.layer = null;
    this.data = null;
    removeVolume(this.volumeId);
  }
}
