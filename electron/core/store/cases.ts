// SQL for cases and their volumes. Functions take the connection first (prepared statements are cached
// by better-sqlite3 per statement object; these are cheap to prepare for our volumes of rows).
import type { Db } from '../db/open.js';
import type { CaseStatus, CaseSummary, Geometry, Split, VolumeDataType } from '../../contract/types.js';

interface CaseRow {
  id: number;
  name: string;
  volume_sha256: string;
  source_path: string;
  source_format: string;
  split: Split;
  status: CaseStatus;
  comment: string | null;
  geometry: string;
  data_type: VolumeDataType;
  value_min: number;
  value_max: number;
  imported_at: string;
  updated_at: string;
  latest_label_id: number | null;
  last_editor: string | null;
  label_count: number;
  effort_seconds: number;
  voxels_changed: number;
  model_dice: number | null;
  uncertainty: number | null;
}

const SELECT_CASES = `
  SELECT c.*,
    (SELECT id FROM label_versions l WHERE l.case_id = c.id ORDER BY id DESC LIMIT 1) AS latest_label_id,
    (SELECT author FROM label_versions l WHERE l.case_id = c.id ORDER BY id DESC LIMIT 1) AS last_editor,
    (SELECT count(*) FROM label_versions l WHERE l.case_id = c.id) AS label_count,
    (SELECT coalesce(sum(effort_seconds), 0) FROM label_versions l WHERE l.case_id = c.id) AS effort_seconds,
    (SELECT coalesce(sum(voxels_changed), 0) FROM label_versions l WHERE l.case_id = c.id) AS voxels_changed,
    (SELECT model_dice FROM label_versions l WHERE l.case_id = c.id AND model_dice IS NOT NULL
       ORDER BY id DESC LIMIT 1) AS model_dice,
    (SELECT u.score FROM uncertainty u LEFT JOIN models m ON m.id = u.model_id WHERE u.case_id = c.id
       ORDER BY coalesce(m.active, 0) DESC, u.created_at DESC LIMIT 1) AS uncertainty
  FROM cases c`;

export interface CaseRecord extends CaseSummary {
  sourcePath: string;
  volumeSha256: string;
}

function toRecord(r: CaseRow): CaseRecord {
  return {
    id: r.id,
    name: r.name,
    split: r.split,
    status: r.status,
    comment: r.comment,
    sourceFormat: r.source_format,
    geometry: JSON.parse(r.geometry) as Geometry,
    dataType: r.data_type,
    valueRange: { min: r.value_min, max: r.value_max },
    importedAt: r.imported_at,
    updatedAt: r.updated_at,
    latestLabelVersionId: r.latest_label_id,
    lastEditor: r.last_editor,
    labelVersionCount: r.label_count,
    effort: { seconds: r.effort_seconds, voxelsChanged: r.voxels_changed },
    modelDice: r.model_dice,
    uncertainty: r.uncertainty,
    sourcePath: r.source_path,
    volumeSha256: r.volume_sha256,
  };
}

export function toSummary(r: CaseRecord): CaseSummary {
  const { sourcePath: _s, volumeSha256: _v, ...summary } = r;
  return summary;
}

export function listCases(db: Db, filter: { split?: Split; status?: CaseStatus } = {}): CaseRecord[] {
  const rows = db
    .prepare(
      `${SELECT_CASES} WHERE (@split IS NULL OR c.split = @split) AND (@status IS NULL OR c.status = @status)
       ORDER BY c.id`,
    )
    .all({ split: filter.split ?? null, status: filter.status ?? null }) as CaseRow[];
  return rows.map(toRecord);
}

export function findCase(db: Db, caseId: number): CaseRecord | undefined {
  const row = db.prepare(`${SELECT_CASES} WHERE c.id = ?`).get(caseId) as CaseRow | undefined;
  return row && toRecord(row);
}

export function findCaseByVolume(db: Db, sha256: string): CaseRecord | undefined {
  const row = db.prepare(`${SELECT_CASES} WHERE c.volume_sha256 = ?`).get(sha256) as CaseRow | undefined;
  return row && toRecord(row);
}

export function countCases(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM cases').get() as { n: number }).n;
}

export interface NewCase {
  name: string;
  volumeSha256: string;
  volumeRelPath: string;
  volumeBytes: number;
  sourcePath: string;
  sourceFormat: string;
  split: Split;
  geometry: Geometry;
  dataType: VolumeDataType;
  valueRange: { min: number; max: number };
  at: string;
}

/** Inserts the volume row (if new) and the case row; call inside a transaction. Returns the case id. */
export function insertCase(db: Db, c: NewCase): number {
  db.prepare(
    `INSERT INTO volumes (sha256, rel_path, bytes, created_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (sha256) DO NOTHING`,
  ).run(c.volumeSha256, c.volumeRelPath, c.volumeBytes, c.at);
  const info = db
    .prepare(
      `INSERT INTO cases (name, volume_sha256, source_path, source_format, split, status, geometry, data_type,
         value_min, value_max, imported_at, updated_at)
       VALUES (?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      c.name,
      c.volumeSha256,
      c.sourcePath,
      c.sourceFormat,
      c.split,
      JSON.stringify(c.geometry),
      c.dataType,
      c.valueRange.min,
      c.valueRange.max,
      c.at,
      c.at,
    );
  return Number(info.lastInsertRowid);
}

export function updateCaseFields(
  db: Db,
  caseId: number,
  fields: { split?: Split; status?: CaseStatus; comment?: string | null },
  at: string,
): void {
  const cur = findCase(db, caseId);
  if (!cur) return;
  db.prepare('UPDATE cases SET split = ?, status = ?, comment = ?, updated_at = ? WHERE id = ?').run(
    fields.split ?? cur.split,
    fields.status ?? cur.status,
    fields.comment === undefined ? cur.comment : fields.comment,
    at,
    caseId,
  );
}

/** Relative paths of every stored volume file, for the orphan sweep. */
export function volumePaths(db: Db): Set<string> {
  const rows = db.prepare('SELECT rel_path FROM volumes').all() as { rel_path: string }[];
  return new Set(rows.map((r) => r.rel_path));
}
