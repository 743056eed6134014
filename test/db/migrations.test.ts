import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../electron/core/db/migrations.js';
import { migrate, openDatabase, schemaVersion } from '../../electron/core/db/open.js';
import { CoreError } from '../../electron/contract/errors.js';
import { tempDir } from '../helpers/temp.js';

const GEOMETRY = JSON.stringify({
  dims: [2, 2, 2],
  spacing: [1, 1, 1],
  origin: [0, 0, 0],
  direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
});
const SHA = 'a'.repeat(64);

function insertCase(db: Database.Database, split = 'train'): number {
  db.prepare(
    "INSERT OR IGNORE INTO volumes (sha256, rel_path, bytes, created_at) VALUES (?, ?, 10, 'now')",
  ).run(SHA, `volumes/${SHA}.nii.gz`);
  return Number(
    db
      .prepare(
        `INSERT INTO cases (name, volume_sha256, source_path, source_format, split, geometry, data_type, value_min,
           value_max, imported_at, updated_at) VALUES ('c', ?, '/x', 'nifti', ?, ?, 'int16', 0, 1, 'now', 'now')`,
      )
      .run(SHA, split, GEOMETRY).lastInsertRowid,
  );
}

test('openDatabase sets WAL, foreign keys and migrates to the latest version', (t) => {
  const db = openDatabase(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(db.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(schemaVersion(db), MIGRATIONS.length);
});

test('migration 1 creates STRICT tables with checks and foreign keys', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  db.pragma('foreign_keys = ON');
  assert.equal(migrate(db, MIGRATIONS.slice(0, 1)), 1);
  assert.equal(schemaVersion(db), 1);
  const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as {
    name: string;
    sql: string;
  }[];
  for (const name of ['meta', 'volumes', 'cases', 'label_versions', 'jobs', 'audit', 'settings']) {
    const row = tables.find((r) => r.name === name);
    assert.ok(row, `table ${name}`);
    assert.match(row.sql, /STRICT$/, `${name} is STRICT`);
  }
  const caseId = insertCase(db);
  assert.throws(() => insertCase(db, 'holdout'), /CHECK constraint/);
  assert.throws(
    () => db.prepare("UPDATE cases SET value_min = 'low' WHERE id = ?").run(caseId),
    /cannot store TEXT value in REAL column/,
  );
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO label_versions (case_id, sha256, rel_path, source, author, created_at) VALUES (999, ?, 'l', 'manual', 'a', 'now')",
        )
        .run(SHA),
    /FOREIGN KEY/,
  );
  assert.throws(
    () =>
      db
        .prepare(
          "INSERT INTO label_versions (case_id, sha256, rel_path, source, author, created_at) VALUES (?, ?, 'l', 'robot', 'a', 'now')",
        )
        .run(caseId, SHA),
    /CHECK constraint/,
  );
});

test('migration 2 adds the model registry and keeps existing data', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 1));
  const caseId = insertCase(db);
  assert.equal(migrate(db, MIGRATIONS.slice(0, 2)), 2);
  assert.equal((db.prepare('SELECT id FROM cases').get() as { id: number }).id, caseId);
  const addModel = (id: string, active: number) =>
    db
      .prepare(
        "INSERT INTO models (id, stage, rel_dir, config, active, created_at) VALUES (?, 'supervised', ?, '{}', ?, 'now')",
      )
      .run(id, `models/${id}`, active);
  addModel('m1', 1);
  addModel('m2', 0);
  assert.throws(() => addModel('m3', 1), /UNIQUE constraint/, 'at most one active model');
  const cols = db.prepare('PRAGMA table_info(label_versions)').all() as { name: string }[];
  assert.ok(cols.some((c) => c.name === 'registered_model_id'));
});

test('migration 3 rebuilds jobs with lanes, paused state and results, keeping rows', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 2));
  db.prepare(
    "INSERT INTO jobs (kind, state, params, progress, created_at) VALUES ('import', 'done', '{}', 1, 'then')",
  ).run();
  assert.throws(
    () => db.prepare("INSERT INTO jobs (kind, state, created_at) VALUES ('x', 'paused', 'now')").run(),
    /CHECK/,
  );
  assert.equal(migrate(db, MIGRATIONS.slice(0, 3)), 3);
  const old = db.prepare('SELECT * FROM jobs WHERE id = 1').get() as {
    kind: string;
    lane: string;
    attempts: number;
    result: null;
  };
  assert.deepEqual([old.kind, old.lane, old.attempts, old.result], ['import', 'core', 0, null]);
  db.prepare(
    "INSERT INTO jobs (kind, lane, state, created_at) VALUES ('train', 'train', 'paused', 'now')",
  ).run();
  assert.throws(
    () =>
      db
        .prepare("INSERT INTO jobs (kind, lane, state, created_at) VALUES ('x', 'gpu', 'queued', 'now')")
        .run(),
    /CHECK/,
  );
  const sql = (db.prepare("SELECT sql FROM sqlite_schema WHERE name = 'jobs'").get() as { sql: string }).sql;
  assert.match(sql, /STRICT$/);
});

test('migration 4 adds per-version effort columns with checks', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 3));
  const caseId = insertCase(db);
  const add = (seconds: number | null) =>
    db
      .prepare(
        "INSERT INTO label_versions (case_id, sha256, rel_path, source, author, created_at, effort_seconds, voxels_changed) VALUES (?, ?, 'l', 'manual', 'a', 'now', ?, 3)",
      )
      .run(caseId, SHA, seconds);
  assert.throws(() => add(1), /no column named effort_seconds/);
  assert.equal(migrate(db, MIGRATIONS.slice(0, 4)), 4);
  add(12.5);
  add(null);
  assert.throws(() => add(-1), /CHECK/);
});

test('migration 5 adds uncertainty records (one per case and model) and model-vs-correction Dice', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS.slice(0, 4));
  const caseId = insertCase(db);
  const version = (dice: number | null) =>
    db
      .prepare(
        "INSERT INTO label_versions (case_id, sha256, rel_path, source, author, created_at, model_dice) VALUES (?, ?, 'l', 'manual', 'a', 'now', ?)",
      )
      .run(caseId, SHA, dice);
  assert.throws(() => version(0.5), /no column named model_dice/);
  assert.equal(migrate(db, MIGRATIONS.slice(0, 5)), 5);
  const v = Number(version(0.5).lastInsertRowid);
  assert.throws(() => version(1.5), /CHECK/);
  db.prepare(
    "INSERT INTO models (id, stage, rel_dir, config, created_at) VALUES ('m1', 'supervised', 'models/m1', '{}', 'now')",
  ).run();
  const add = (model: string, score: number) =>
    db
      .prepare(
        "INSERT INTO uncertainty (case_id, model_id, label_version_id, sha256, rel_path, disagreement_sha256, disagreement_rel_path, score, disagreement, created_at) VALUES (?, ?, ?, ?, 'u', ?, 'd', ?, 0, 'now')",
      )
      .run(caseId, model, v, SHA, SHA, score);
  add('m1', 0.3);
  assert.throws(() => add('m1', 0.4), /UNIQUE|PRIMARY KEY/);
  assert.throws(() => add('m2', 0.4), /FOREIGN KEY/);
  assert.throws(() => add('m1', 2), /CHECK|UNIQUE/);
});

test('a database newer than the app is refused with a clear error, and left untouched', (t) => {
  const file = join(tempDir(t), 'p.sqlite');
  const db = new Database(file);
  db.pragma('user_version = 99');
  db.close();
  assert.throws(
    () => openDatabase(file),
    (err: unknown) =>
      err instanceof CoreError && err.kind === 'unsupported' && /newer than this app/.test(err.message),
  );
  const again = new Database(file);
  assert.equal(again.pragma('user_version', { simple: true }), 99);
  again.close();
});

test('migrations must be numbered 1..n in order, and applied ones are not rerun', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  assert.throws(() => migrate(db, [{ version: 2, name: 'skip', up: () => {} }]), /expected 1/);
  let runs = 0;
  const counting = [{ version: 1, name: 'count', up: () => void runs++ }];
  migrate(db, counting);
  migrate(db, counting);
  assert.equal(runs, 1);
});

test('a failing migration rolls back and leaves the version unchanged', (t) => {
  const db = new Database(join(tempDir(t), 'p.sqlite'));
  t.after(() => db.close());
  const failing = [
    {
      version: 1,
      name: 'ok',
      up: (d: Database.Database) => void d.exec('CREATE TABLE a (x INTEGER) STRICT'),
    },
    {
      version: 2,
      name: 'broken',
      up: (d: Database.Database) => {
        d.exec('CREATE TABLE b (x INTEGER) STRICT');
        throw new Error('boom');
      },
    },
  ];
  assert.throws(() => migrate(db, failing), /boom/);
  assert.equal(schemaVersion(db), 1);
  const b = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'b'").get() as { n: number };
  assert.equal(b.n, 0);
});
