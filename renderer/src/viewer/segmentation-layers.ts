// Label maps on the three views through Cornerstone3D segmentations: the editable label map (one segment
// per label value, STSR colours) and a difference layer (added / removed / relabelled voxels).
import * as cst from '@cornerstonejs/tools';
import type { Types } from '@cornerstonejs/core';
import type { LabelDefinition } from '../../../electron/contract/types.js';

const { segmentation } = cst;
const LABELMAP = cst.Enums.SegmentationRepresentations.Labelmap;

export interface SegmentDisplay {
  visible: boolean;
  /** 0…1, multiplied with the global fill opacity. */
  opacity: number;
  locked: boolean;
}

export type FillMode = 'fill' | 'outline' | 'both';

function colorLut(labels: readonly LabelDefinition[], alpha = 255): Types.ColorLUT {
  const max = labels.reduce((m, l) => Math.max(m, l.value), 0);
  const lut: Types.ColorLUT = [];
  for (let v = 0; v <= max; v++) lut.push([0, 0, 0, 0]);
  for (const l of labels) if (l.value > 0) lut[l.value] = [...l.color, alpha] as Types.Color;
  return lut;
}

export class SegmentationLayer {
  private readonly lutIndex: number;
  private shown = new Set<string>();

  constructor(
    readonly segmentationId: string,
    readonly volumeId: string,
    readonly labels: readonly LabelDefinition[],
    /** A colour table registered with `addColorLUT` (default: one made from the labels' colours). */
    colorLUTIndex?: number,
  ) {
    segmentation.addSegmentations([
      {
        segmentationId,
        representation: { type: LABELMAP, data: { volumeId } },
        config: {
          segments: Object.fromEntries(
            labels.filter((l) => l.value > 0).map((l) => [l.value, { label: l.name, segmentIndex: l.value }]),
          ),
        },
      },
    ]);
    this.lutIndex = colorLUTIndex ?? segmentation.config.color.addColorLUT(colorLut(labels));
  }

  async showOn(viewportIds: string[]): Promise<void> {
    for (const id of viewportIds) {
      if (this.shown.has(id)) continue;
      await segmentation.addLabelmapRepresentationToViewport(id, [
        {
          segmentationId: this.segmentationId,
          config: { colorLUTOrIndex: this.lutIndex, useSliceRendering: true },
        },
      ]);
      this.shown.add(id);
    }
  }

  /** Makes this the segmentation the editing tools work on in these views. */
  activateOn(viewportIds: string[]): void {
    for (const id of viewportIds)
      segmentation.activeSegmentation.setActiveSegmentation(id, this.segmentationId);
  }

  hideFrom(viewportIds: string[]): void {
    for (const id of viewportIds) {
      if (!this.shown.delete(id)) continue;
      segmentation.removeLabelmapRepresentation(id, this.segmentationId, true);
    }
  }

  isShownOn(viewportId: string): boolean {
    return this.shown.has(viewportId);
  }

  /** Tell Cornerstone the voxels of these k-slices changed (all slices when omitted). */
  dataModified(slices?: number[]): void {
    segmentation.triggerSegmentationEvents.triggerSegmentationDataModified(this.segmentationId, slices);
  }

  setActiveSegment(value: number): void {
    segmentation.segmentIndex.setActiveSegmentIndex(this.segmentationId, value);
  }

  applySegmentDisplay(value: number, d: SegmentDisplay): void {
    const def = this.labels.find((l) => l.value === value);
    if (!def) return;
    for (const id of this.shown) {
      segmentation.config.visibility.setSegmentIndexVisibility(
        id,
        { segmentationId: this.segmentationId },
        value,
        d.visible,
      );
      segmentation.config.color.setSegmentIndexColor(id, this.segmentationId, value, [
        ...def.color,
        Math.round(255 * Math.max(0, Math.min(1, d.opacity))),
      ] as Types.Color);
    }
    segmentation.segmentLocking.setSegmentIndexLocked(this.segmentationId, value, d.locked);
  }

  setFillMode(mode: FillMode, fillAlpha: number): void {
    for (const id of this.shown) {
      segmentation.config.style.setStyle(
        { type: LABELMAP, viewportId: id, segmentationId: this.segmentationId },
        {
          renderFill: mode !== 'outline',
          renderOutline: mode !== 'fill',
          fillAlpha,
          renderFillInactive: mode !== 'outline',
          renderOutlineInactive: mode !== 'fill',
          fillAlphaInactive: fillAlpha,
          outlineWidth: 2,
        },
      );
    }
  }

  dispose(): void {
    this.hideFrom([...this.shown]);
    segmentation.removeSegmentation(this.segmentationId);
  }
}
