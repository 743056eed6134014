// SQL for the model registry: immutable model versions (files under models/<id>/), each with its parent,
// stage, configs, exactly what it was trained on, and its metrics; at most one is active.
import type { Db } from '../db/open.js';
import type { ModelVersion, TrainingStage } from '../../contract/types.js';

interface ModelRow {
  id: string;
  parent_id: string | null;
  stage: TrainingStage;
  rel_dir: string;
  config: string;
  trained_on: string;
  metrics: string;
  active: number;
  created_at: string;
}

export interface ModelRecord extends ModelVersion {
  relDir: string;
}

function toRecord(r: ModelRow): ModelRecord {
  return {
    id: r.id,
    parentId: r.parent_id,
    stage: r.stage,
    config: JSON.parse(r.config) as Record<string, unknown>,
    trainedOn: JSON.parse(r.trained_on) as ModelVersion['trainedOn'],
    metrics: JSON.parse(r.metrics) as Record<string, number>,
    active: r.active === 1,
    createdAt: r.created_at,
    relDir: r.rel_dir,
  };
}

export function toModelVersion(r: ModelRecord): ModelVersion {
  const { relDir: _d, ...version } = r;
  return version;
}

export function listModels(db: Db): ModelRecord[] {
  return (db.prepare('SELECT * FROM models ORDER BY created_at, id').all() as ModelRow[]).map(toRecord);
}

export function findModel(db: Db, id: string): ModelRecord | undefined {
  const row = db.prepare('SELECT * FROM models WHERE id = ?').get(id) as ModelRow | undefined;
  return row && toRecord(row);
}

export function activeModel(db: Db): ModelRecord | undefined {
  const row = db.prepare('SELECT * FROM models WHERE active = 1').get() as ModelRow | undefined;
  return row && toRecord(row);
}

/** The next free id: m1, m2, … (ids are never reused). */
export function nextModelId(db: Db): string {
  const row = db
    .prepare("SELECT max(CAST(substr(id, 2) AS INTEGER)) AS n FROM models WHERE id GLOB 'm[0-9]*'")
    .get() as {
    n: number | null;
  };
  return `m${(row.n ?? 0) + 1}`;
}

export interface NewModel {
  id: string;
  parentId: string | null;
  stage: TrainingStage;
  relDir: string;
  config: unknown;
  trainedOn: ModelVersion['trainedOn'];
  metrics: Record<string, number>;
  at: string;
}

export function insertModel(db: Db, m: NewModel): void {
  db.prepare(
    `INSERT INTO models (id, parent_id, stage, rel_dir, config, trained_on, metrics, active, created_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)`,
  ).run(
    m.id,
    m.parentId,
    m.stage,
    m.relDir,
    JSON.stringify(m.config),
    JSON.stringify(m.trainedOn),
    JSON.stringify(m.metrics),
    m.at,
  );
}

/** Makes `id` the only active model; call inside a transaction. */
export function setActiveModel(db: Db, id: string): void {
  db.prepare('UPDATE models SET active = 0 WHERE active = 1').run();
  db.prepare('UPDATE models SET active = 1 WHERE id = ?').run(id);
}
