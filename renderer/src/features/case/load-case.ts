// Everything a case view needs before the viewer can start: the case, its scan, the latest label map,
// any draft of unsaved edits left in this browser, and the histogram window presets.
import type { CaseDetail, LabelVersion, WindowPreset } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import type { Draft } from '../../editing/draft-store.js';
import type { DraftStore } from '../../editing/draft-store.js';
import { applySparse } from '../../editing/draft-codec.js';
import type { ScalarArray } from '../../viewer/scan-volume.js';
import { scalarsFromPayload } from '../../viewer/scan-volume.js';
import { histogramOf, histogramPresets } from '../../viewer/window-presets.js';

export interface LoadedCase {
  detail: CaseDetail;
  scalars: ScalarArray;
  /** The working label map (latest version, or a restored draft). */
  labels: Uint8Array;
  /** The version `labels` started from, and that version's voxels. */
  baseVersionId: number | null;
  baseLabels: Uint8Array;
  /** The version a save will name as parent. */
  parentVersionId: number | null;
  reviewedSlices: number[];
  restoredDraft: Draft | null;
  presets: WindowPreset[];
}

export type LoadStage = { stage: string; fraction: number | null };

export async function readLabelVersion(
  conn: Connection,
  versionId: number,
  voxels: number,
): Promise<Uint8Array> {
  const p = await conn.api.labels.read({ versionId });
  if (p.header.dataType !== 'uint8') {
    throw new Error(
      `label version ${versionId} is ${p.header.dataType}; this viewer edits uint8 label maps only`,
    );
  }
  if (p.data.length !== voxels) {
    throw new Error(`label version ${versionId} has ${p.data.length} voxels, the scan ${voxels}`);
  }
  return p.data;
}

export function latestVersion(versions: readonly LabelVersion[]): LabelVersion | null {
  return versions.reduce<LabelVersion | null>((best, v) => (!best || v.id > best.id ? v : best), null);
}

export async function loadCase(
  conn: Connection,
  drafts: DraftStore,
  caseId: number,
  report: (s: LoadStage) => void,
): Promise<LoadedCase> {
  let last = '';
  const onStage = (s: LoadStage) => {
    // a performance mark per stage, for the viewer bench's breakdown of the opening time
    if (s.stage !== last) performance.mark(`cbct:stage:${(last = s.stage)}`);
    report(s);
  };
  onStage({ stage: 'Reading the case', fraction: null });
  const detail = await conn.api.cases.get({ caseId });
  const [nx, ny, nz] = detail.geometry.dims;
  const voxels = nx * ny * nz;
  onStage({ stage: 'Downloading the scan', fraction: 0 });
  const payload = await conn.loadVolume(caseId, (loaded, total) =>
    onStage({ stage: 'Downloading the scan', fraction: total ? loaded / total : null }),
  );
  onStage({ stage: 'Preparing the scan', fraction: null });
  const scalars = scalarsFromPayload(payload.header, payload.data);
  const latest = detail.latestLabelVersionId;
  onStage({ stage: 'Reading the labels', fraction: null });
  const latestLabels = latest ? await readLabelVersion(conn, latest, voxels) : new Uint8Array(voxels);
  const latestMeta = detail.labelVersions.find((v) => v.id === latest);

  let labels = latestLabels.slice();
  let baseVersionId = latest;
  let baseLabels = latestLabels;
  let parentVersionId = latest;
  let reviewedSlices = latestMeta?.reviewedSlices ?? [];
  const draft = drafts.load(caseId);
  if (draft) {
    baseVersionId = draft.baseVersionId;
    baseLabels =
      draft.baseVersionId === latest
        ? latestLabels
        : draft.baseVersionId
          ? await readLabelVersion(conn, draft.baseVersionId, voxels)
          : new Uint8Array(voxels);
    labels = baseLabels.slice();
    applySparse(labels, draft.changes);
    parentVersionId = draft.parentVersionId;
    reviewedSlices = draft.reviewedSlices;
  }
  onStage({ stage: 'Computing window presets', fraction: null });
  const presets = histogramPresets(histogramOf(scalars));
  onStage({ stage: 'Starting the viewer', fraction: null });
  return {
    detail,
    scalars,
    labels,
    baseVersionId,
    baseLabels,
    parentVersionId,
    reviewedSlices,
    restoredDraft: draft,
    presets,
  };
}
