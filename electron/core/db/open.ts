// Opens a project database: WAL, foreign keys, full sync, busy timeout; then applies pending migrations.
// Reference: Signal Desktop's SQL layer (migrations one per version, monotonic, "newer than this app").
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { CoreError } from '../../contract/errors.js';
import type { Migration } from './migrations.js';
import { MIGRATIONS } from './migrations.js';

export type { Db };

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function assertMonotonic(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
}

/** Applies every migration above the database's version, each in its own transaction. */
export function migrate(
  db: Db,
  migrations: readonly Migration[] = MIGRATIONS,
  file = 'project.sqlite',
): number {
  assertMonotonic(migrations);
  const current = schemaVersion(db);
  const latest = migrations.length;
  if (current > latest) {
    throw new CoreError(
      'unsupported',
      `${file}: the database is newer than this app (schema version ${current}, this app knows up to ${latest}); ` +
        'update CBCT Workbench to open this project',
      { current, latest },
    );
  }
  for (const m of migrations.slice(current)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return latest;
}

export function openDatabase(file: string, migrations: readonly Migration[] = MIGRATIONS): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    db.pragma('busy_timeout = 5000');
    migrate(db, migrations, file);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
