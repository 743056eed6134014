// Label versions of the open case: list, show an earlier one, the difference view of two, saving a new
// immutable version, status changes, and the draft autosave of unsaved edits.
import type { CaseStatus, LabelVersion } from '../../../../electron/contract/types.js';
import { CoreError } from '../../../../electron/contract/errors.js';
import type { Connection } from '../../api/connect.js';
import { sparseDifference } from '../../editing/draft-codec.js';
import type { DraftStore } from '../../editing/draft-store.js';
import type { LabelDiff } from '../../labels/label-diff.js';
import { diffLabelMaps } from '../../labels/label-diff.js';
import type { CaseController } from './case-controller.js';
import { latestVersion, readLabelVersion } from './load-case.js';

export type DiffSide = number | 'working';

export interface DiffState {
  older: number;
  newer: DiffSide;
  stats: Omit<LabelDiff, 'map'>;
}

export class CaseVersions {
  versions: LabelVersion[];
  parentVersionId: number | null;
  diff: DiffState | null = null;
  saving = false;
  draftNote = '';
  private cache = new Map<number, Uint8Array>();
  private draftTimer: ReturnType<typeof setTimeout> | null = null;
  /** Where the effort of the next save starts counting: the case opening, then each save. */
  private effortMark: { at: number; voxels: number } | null = null;

  constructor(
    private readonly c: CaseController,
    private readonly conn: Connection,
    private readonly drafts: DraftStore,
    private readonly author: () => string,
  ) {
    this.versions = [...c.detail.labelVersions].sort((a, b) => b.id - a.id);
    this.parentVersionId = c.loaded.parentVersionId;
    if (c.loaded.baseVersionId) this.cache.set(c.loaded.baseVersionId, c.loaded.baseLabels);
    if (c.loaded.restoredDraft)
      this.draftNote = `Restored unsaved edits from ${c.loaded.restoredDraft.savedAt}`;
    c.session.subscribe(() => this.scheduleDraft());
  }

  get latest(): LabelVersion | null {
    return latestVersion(this.versions);
  }

  private get voxels(): number {
    return this.c.session.labels.length;
  }

  private async labelsOf(id: number): Promise<Uint8Array> {
    let data = this.cache.get(id);
    if (!data) {
      data = await readLabelVersion(this.conn, id, this.voxels);
      this.cache.set(id, data);
    }
    return data;
  }

  /** Another version as the working labels (undo history is cleared; a save still names the latest as parent). */
  async showVersion(id: number): Promise<void> {
    const data = await this.labelsOf(id);
    const meta = this.versions.find((v) => v.id === id);
    await this.hideDiff();
    const reviewed = meta?.reviewedSlices ?? [];
    // the latest version shown as is has nothing to save; an earlier one is a revert waiting to be saved
    if (id === this.latest?.id) this.c.session.replace(data.slice(), id, reviewed);
    else this.c.session.replace(data.slice(), id, reviewed, data);
    this.parentVersionId = this.latest?.id ?? null;
    this.drafts.discard(this.c.detail.id);
    this.c.viewer?.labelsChanged();
    this.c.say(`Showing version ${id}`);
  }

  async showDiff(older: number, newer: DiffSide): Promise<void> {
    const a = await this.labelsOf(older);
    const b = newer === 'working' ? this.c.session.labels : await this.labelsOf(newer);
    const { map, ...stats } = diffLabelMaps(a, b);
    if (this.c.toolMode !== 'navigate' && this.c.toolMode !== 'window-level') this.c.setTool('navigate');
    await this.c.viewer?.showDiff(map);
    this.diff = { older, newer, stats };
    this.c.say(`Difference v${older} → ${newer === 'working' ? 'working copy' : `v${newer}`}`);
  }

  async hideDiff(): Promise<void> {
    if (!this.diff) return;
    this.diff = null;
    await this.c.viewer?.showDiff(null);
    this.c.reapplyDisplay();
    this.c.emit();
  }

  /** Saves the working labels as a new version whose parent is the version editing started from. */
  async save(comment: string | null): Promise<LabelVersion | null> {
    if (this.saving) return null;
    this.saving = true;
    this.c.emit();
    const s = this.c.session;
    s.commitExternal('Edit');
    try {
      const version = await this.conn.api.labels.save({
        caseId: this.c.detail.id,
        parentId: this.parentVersionId,
        source: 'manual',
        author: this.author(),
        comment,
        reviewedSlices: s.reviewedSlices(),
        effort: this.effortSinceLastSave(),
        data: s.labels.slice(),
      });
      this.effortMark = { at: Date.now(), voxels: s.voxelsEdited };
      this.cache.set(version.id, s.labels.slice());
      s.markSaved(version.id);
      this.parentVersionId = version.id;
      this.versions = [version, ...this.versions.filter((v) => v.id !== version.id)];
      this.drafts.discard(this.c.detail.id);
      this.draftNote = '';
      this.c.detail = await this.conn.api.cases.get({ caseId: this.c.detail.id });
      this.c.say(`Saved version ${version.id}`);
      return version;
    } catch (err) {
      if (err instanceof CoreError && err.kind === 'conflict') {
        this.c.say('Not saved: a newer version exists');
        throw new CoreError(
          'conflict',
          `${err.message}. Someone saved this case after you started editing; your edits are kept as a draft. ` +
            'Compare with the newer version in the difference view, then show it and redo your corrections.',
        );
      }
      throw err;
    } finally {
      this.saving = false;
      this.c.emit();
    }
  }

  async setStatus(status: CaseStatus, comment: string | null): Promise<void> {
    const updated = await this.conn.api.cases.update({
      caseId: this.c.detail.id,
      status,
      comment,
      author: this.author(),
    });
    this.c.detail = { ...this.c.detail, ...updated };
    this.c.say(`Case is now ${updated.status}`);
  }

  /** New versions saved elsewhere (another window, a model job) appear in the list. */
  async refreshVersions(): Promise<void> {
    const list = await this.conn.api.labels.list({ caseId: this.c.detail.id });
    this.versions = [...list].sort((a, b) => b.id - a.id);
    this.c.emit();
  }

  private effortSinceLastSave(): { seconds: number; voxelsChanged: number } {
    const mark = this.effortMark ?? { at: this.c.openedAt, voxels: 0 };
    return {
      seconds: Math.max(0, (Date.now() - mark.at) / 1000),
      voxelsChanged: Math.max(0, this.c.session.voxelsEdited - mark.voxels),
    };
  }

  private scheduleDraft(): void {
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = setTimeout(() => this.saveDraftNow(), 600);
  }

  saveDraftNow(): void {
    if (this.draftTimer) clearTimeout(this.draftTimer);
    this.draftTimer = null;
    const s = this.c.session;
    if (!s.dirty) {
      this.drafts.discard(this.c.detail.id);
      return;
    }
    const r = this.drafts.save({
      caseId: this.c.detail.id,
      baseVersionId: s.baseVersionId,
      parentVersionId: this.parentVersionId,
      reviewedSlices: s.reviewedSlices(),
      savedAt: new Date().toLocaleString(),
      changes: sparseDifference(s.baseLabels(), s.labels),
    });
    this.draftNote = r.ok ? 'Draft kept in this browser' : `Draft not kept: ${r.reason}`;
    this.c.emit();
  }

  discardDraft(): void {
    this.drafts.discard(this.c.detail.id);
  }

  dispose(): void {
    if (this.draftTimer) this.saveDraftNow();
  }
}
