// SQL for label versions: an append-only tree per case (each version names its parent).
import type { Db } from '../db/open.js';
import type { LabelSource, LabelVersion } from '../../contract/types.js';

interface LabelRow {
  id: number;
  case_id: number;
  parent_id: number | null;
  sha256: string;
  rel_path: string;
  source: LabelSource;
  model_id: string | null;
  author: string;
  created_at: string;
  comment: string | null;
  reviewed_slices: string;
  label_counts: string;
  effort_seconds: number | null;
  voxels_changed: number | null;
}

export interface LabelRecord extends LabelVersion {
  relPath: string;
}

function toRecord(r: LabelRow): LabelRecord {
  return {
    id: r.id,
    caseId: r.case_id,
    parentId: r.parent_id,
    source: r.source,
    modelId: r.model_id,
    author: r.author,
    createdAt: r.created_at,
    sha256: r.sha256,
    comment: r.comment,
    reviewedSlices: JSON.parse(r.reviewed_slices) as number[],
    labelCounts: JSON.parse(r.label_counts) as Record<string, number>,
    effort:
      r.effort_seconds === null ? null : { seconds: r.effort_seconds, voxelsChanged: r.voxels_changed ?? 0 },
    relPath: r.rel_path,
  };
}

export function toLabelVersion(r: LabelRecord): LabelVersion {
  const { relPath: _p, ...version } = r;
  return version;
}

export function listLabelVersions(db: Db, caseId: number): LabelRecord[] {
  const rows = db
    .prepare('SELECT * FROM label_versions WHERE case_id = ? ORDER BY id')
    .all(caseId) as LabelRow[];
  return rows.map(toRecord);
}

export function findLabelVersion(db: Db, versionId: number): LabelRecord | undefined {
  const row = db.prepare('SELECT * FROM label_versions WHERE id = ?').get(versionId) as LabelRow | undefined;
  return row && toRecord(row);
}

export function latestLabelVersionId(db: Db, caseId: number): number | null {
  const row = db
    .prepare('SELECT id FROM label_versions WHERE case_id = ? ORDER BY id DESC LIMIT 1')
    .get(caseId) as { id: number } | undefined;
  return row ? row.id : null;
}

export interface NewLabelVersion {
  caseId: number;
  parentId: number | null;
  sha256: string;
  relPath: string;
  source: LabelSource;
  modelId: string | null;
  author: string;
  at: string;
  comment: string | null;
  reviewedSlices: number[];
  labelCounts: Record<string, number>;
  effort: { seconds: number; voxelsChanged: number } | null;
  /** Dice of this (manual) version against the model proposal it corrects, when there is one. */
  modelDice?: number | null;
}

export function insertLabelVersion(db: Db, v: NewLabelVersion): number {
  const info = db
    .prepare(
      `INSERT INTO label_versions (case_id, parent_id, sha256, rel_path, source, model_id, author, created_at,
         comment, reviewed_slices, label_counts, effort_seconds, voxels_changed, model_dice)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      v.caseId,
      v.parentId,
      v.sha256,
      v.relPath,
      v.source,
      v.modelId,
      v.author,
      v.at,
      v.comment,
      JSON.stringify(v.reviewedSlices),
      JSON.stringify(v.labelCounts),
      v.effort?.seconds ?? null,
      v.effort?.voxelsChanged ?? null,
      v.modelDice ?? null,
    );
  return Number(info.lastInsertRowid);
}

export function labelPaths(db: Db): Set<string> {
  const rows = db.prepare('SELECT DISTINCT rel_path FROM label_versions').all() as { rel_path: string }[];
  return new Set(rows.map((r) => r.rel_path));
}

/**
 * The case's ground truth: its latest version saved by a person or imported from outside. Model and
 * bootstrap proposals never count, however recent, until someone saves a correction over them.
 */
/** The case's most recent model proposal, if any. */
export function latestModelProposal(db: Db, caseId: number): LabelRecord | undefined {
  const row = db
    .prepare("SELECT * FROM label_versions WHERE case_id = ? AND source = 'model' ORDER BY id DESC LIMIT 1")
    .get(caseId) as LabelRow | undefined;
  return row && toRecord(row);
}

export function groundTruthVersion(db: Db, caseId: number): LabelRecord | undefined {
  const row = db
    .prepare(
      "SELECT * FROM label_versions WHERE case_id = ? AND source IN ('manual', 'import') ORDER BY id DESC LIMIT 1",
    )
    .get(caseId) as LabelRow | undefined;
  return row && toRecord(row);
}
