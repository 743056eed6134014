// The open case's uncertainty under the model (`cases.uncertainty`, `cases.uncertaintyVolume`): the
// summary with its worst slices, the heat-map overlay on the views, and going to a worst slice.
import type { CaseUncertainty as Summary } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import { describeError } from '../../api/describe-error.js';
import type { CaseController } from './case-controller.js';

export type MapKind = 'entropy' | 'disagreement';

export class CaseUncertainty {
  /** undefined: not asked yet; null: the case has no model proposal yet. */
  summary: Summary | null | undefined = undefined;
  /** Why the summary or the map could not be had, readable. */
  error: string | null = null;
  overlayOn = false;
  opacity = 0.6;
  /** Which map: the entropy of the TTA mean, or the disagreement between the TTA members. */
  kind: MapKind = 'entropy';
  busy = false;
  /** The label version whose map the overlay shows (a new proposal brings a new map). */
  private mapOf: number | null = null;

  constructor(
    private readonly c: CaseController,
    private readonly conn: Connection,
  ) {}

  async load(): Promise<void> {
    try {
      this.summary = await this.conn.api.cases.uncertainty({ caseId: this.c.detail.id });
      this.error = null;
      if (this.overlayOn && this.summary && this.summary.labelVersionId !== this.mapOf) {
        await this.showMap();
      }
    } catch (err) {
      this.error = readable(err, 'Reading the uncertainty');
    }
    this.c.emit();
  }

  async toggleOverlay(): Promise<void> {
    if (this.overlayOn) {
      this.overlayOn = false;
      await this.c.viewer?.showUncertainty(null, this.opacity);
      this.c.emit();
      return;
    }
    this.overlayOn = true;
    await this.showMap();
  }

  private async showMap(): Promise<void> {
    this.busy = true;
    this.c.emit();
    try {
      const p = await this.conn.api.cases.uncertaintyVolume({ caseId: this.c.detail.id, kind: this.kind });
      const voxels = this.c.session.labels.length;
      if (p.header.dataType !== 'uint8' || p.data.length !== voxels) {
        throw new Error(
          `the uncertainty map is ${p.data.length} ${p.header.dataType} voxels; the scan has ${voxels}`,
        );
      }
      await this.c.viewer?.showUncertainty(p.data, this.opacity);
      this.mapOf = this.summary?.labelVersionId ?? null;
      this.error = null;
      this.c.say('Uncertainty heat-map shown');
    } catch (err) {
      this.overlayOn = false;
      this.error = readable(err, 'Showing the uncertainty map');
    } finally {
      this.busy = false;
      this.c.emit();
    }
  }

  async setKind(kind: MapKind): Promise<void> {
    this.kind = kind;
    this.c.emit();
    if (this.overlayOn) await this.showMap();
  }

  setOpacity(opacity: number): void {
    this.opacity = Math.max(0, Math.min(1, opacity));
    this.c.viewer?.setUncertaintyOpacity(this.opacity);
    this.c.emit();
  }

  /** Moves the axial view (and with it the crosshair in the other two) to slice k. */
  async goToSlice(k: number): Promise<void> {
    const v = this.c.viewer;
    if (!v) return;
    await v.setVoxelSlice('axial', k);
    this.c.say(`Axial slice ${k}`);
  }
}

function readable(err: unknown, doing: string): string {
  const e = describeError(err, doing);
  return `${e.title}: ${e.detail}`;
}
