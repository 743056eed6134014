// SQL for uncertainty records: one per (case, model) — the latest proposal of that model for that case replaces
// the previous record (the label versions themselves are never replaced). The map lives in uncertainty/<sha>.nii.gz.
import type { Db } from '../db/open.js';
import type { CaseUncertainty } from '../../contract/types.js';

interface UncertaintyRow {
  case_id: number;
  model_id: string;
  label_version_id: number;
  sha256: string;
  rel_path: string;
  disagreement_sha256: string;
  disagreement_rel_path: string;
  score: number;
  disagreement: number;
  worst_slices: string;
  descriptor: string;
  created_at: string;
}

export interface UncertaintyRecord extends CaseUncertainty {
  relPath: string;
  disagreementRelPath: string;
  descriptor: number[];
}

function toRecord(r: UncertaintyRow): UncertaintyRecord {
  return {
    caseId: r.case_id,
    modelId: r.model_id,
    labelVersionId: r.label_version_id,
    score: r.score,
    disagreement: r.disagreement,
    worstSlices: JSON.parse(r.worst_slices) as CaseUncertainty['worstSlices'],
    createdAt: r.created_at,
    relPath: r.rel_path,
    disagreementRelPath: r.disagreement_rel_path,
    descriptor: JSON.parse(r.descriptor) as number[],
  };
}

export function toCaseUncertainty(r: UncertaintyRecord): CaseUncertainty {
  const { relPath: _p, disagreementRelPath: _q, descriptor: _d, ...u } = r;
  return u;
}

/** The case's record under the active model, else the most recent one. */
export function currentUncertainty(db: Db, caseId: number): UncertaintyRecord | undefined {
  const row = db
    .prepare(
      `SELECT u.* FROM uncertainty u LEFT JOIN models m ON m.id = u.model_id WHERE u.case_id = ?
       ORDER BY coalesce(m.active, 0) DESC, u.created_at DESC, u.rowid DESC LIMIT 1`,
    )
    .get(caseId) as UncertaintyRow | undefined;
  return row && toRecord(row);
}

export function findUncertainty(db: Db, caseId: number, modelId: string): UncertaintyRecord | undefined {
  const row = db
    .prepare('SELECT * FROM uncertainty WHERE case_id = ? AND model_id = ?')
    .get(caseId, modelId) as UncertaintyRow | undefined;
  return row && toRecord(row);
}

export interface NewUncertainty {
  caseId: number;
  modelId: string;
  labelVersionId: number;
  sha256: string;
  relPath: string;
  disagreementSha256: string;
  disagreementRelPath: string;
  score: number;
  disagreement: number;
  worstSlices: CaseUncertainty['worstSlices'];
  descriptor: number[];
  at: string;
}

export function upsertUncertainty(db: Db, u: NewUncertainty): void {
  db.prepare(
    `INSERT INTO uncertainty (case_id, model_id, label_version_id, sha256, rel_path, disagreement_sha256,
       disagreement_rel_path, score, disagreement, worst_slices, descriptor, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (case_id, model_id) DO UPDATE SET label_version_id = excluded.label_version_id,
       sha256 = excluded.sha256, rel_path = excluded.rel_path, disagreement_sha256 = excluded.disagreement_sha256,
       disagreement_rel_path = excluded.disagreement_rel_path, score = excluded.score,
       disagreement = excluded.disagreement, worst_slices = excluded.worst_slices,
       descriptor = excluded.descriptor, created_at = excluded.created_at`,
  ).run(
    u.caseId,
    u.modelId,
    u.labelVersionId,
    u.sha256,
    u.relPath,
    u.disagreementSha256,
    u.disagreementRelPath,
    u.score,
    u.disagreement,
    JSON.stringify(u.worstSlices),
    JSON.stringify(u.descriptor),
    u.at,
  );
}

export function uncertaintyPaths(db: Db): Set<string> {
  return new Set(
    (
      db.prepare('SELECT rel_path, disagreement_rel_path FROM uncertainty').all() as {
        rel_path: string;
        disagreement_rel_path: string;
      }[]
    ).flatMap((r) => [r.rel_path, r.disagreement_rel_path]),
  );
}

/** Scored cases: their current record (active model first), for the queue. */
export function allCurrentUncertainty(db: Db): Map<number, UncertaintyRecord> {
  const rows = db
    .prepare(
      `SELECT u.* FROM uncertainty u LEFT JOIN models m ON m.id = u.model_id
       ORDER BY u.case_id, coalesce(m.active, 0) DESC, u.created_at DESC, u.rowid DESC`,
    )
    .all() as UncertaintyRow[];
  const out = new Map<number, UncertaintyRecord>();
  for (const r of rows) if (!out.has(r.case_id)) out.set(r.case_id, toRecord(r));
  return out;
}
