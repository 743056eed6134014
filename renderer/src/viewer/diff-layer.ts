// The difference view's layer: a label map of added / removed / relabelled voxels (DIFF_LEGEND values),
// made on first use and shown instead of the labels.
import type { Geometry } from '../../../electron/contract/types.js';
import { DIFF_LEGEND } from '../labels/label-diff.js';
import { createVolumeFromArray, removeVolume } from './local-volumes.js';
import type { FillMode } from './segmentation-layers.js';
import { SegmentationLayer } from './segmentation-layers.js';

export class DiffLayer {
  private layer: SegmentationLayer | null = null;
  private data: Uint8Array | null = null;
  private readonly volumeId: string;

  constructor(
    private readonly prefix: string,
    private readonly geometry: Geometry,
    private readonly scanVolumeId: string,
  ) {
    this.volumeId = `${prefix}-diff`;
  }

  async show(map: Uint8Array, viewportIds: string[]): Promise<void> {
    if (!this.layer || !this.data) {
      this.data = new Uint8Array(map.length);
      await createVolumeFromArray(this.volumeId, this.geometry, this.data, {
        referencedVolumeId: this.scanVolumeId,
      });
      this.layer = new SegmentationLayer(`${this.prefix}-diffseg`, this.volumeId, [
        { value: 0, name: 'Same', color: [0, 0, 0] },
        ...DIFF_LEGEND,
      ]);
    }
    this.data.set(map);
    await this.layer.showOn(viewportIds);
    this.layer.dataModified();
  }

  hide(viewportIds: string[]): void {
    this.layer?.hideFrom(viewportIds);
  }

  isShownOn(viewportId: string): boolean {
    return this.layer?.isShownOn(viewportId) ?? false;
  }

  setFillMode(mode: FillMode, fillAlpha: number): void {
    this.layer?.setFillMode(mode, Math.max(0.6, fillAlpha));
  }

  dispose(): void {
    this.layer?.dispose();
    this.layer = null;
    removeVolume(this.volumeId);
  }
}
