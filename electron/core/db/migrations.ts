// Numbered schema migrations. Each runs once, in order, inside a transaction; the schema version lives in
// SQLite's `user_version`. Never edit a released migration: add a new one.
import type { Database } from 'better-sqlite3';

export interface Migration {
  version: number;
  name: string;
  up(db: Database): void;
}

const CASE_SPLITS = "'train', 'val', 'test', 'unlabeled'";
const CASE_STATUSES = "'new', 'proposed', 'in-review', 'corrected', 'approved', 'flagged'";

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'projects, volumes, cases, label versions, jobs, audit, settings',
    up(db) {
      db.exec(`
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

        CREATE TABLE volumes (
          sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
          rel_path TEXT NOT NULL UNIQUE,
          bytes INTEGER NOT NULL CHECK (bytes > 0),
          created_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE cases (
          id INTEGER PRIMARY KEY,
          name TEXT NOT NULL,
          volume_sha256 TEXT NOT NULL UNIQUE REFERENCES volumes(sha256),
          source_path TEXT NOT NULL,
          source_format TEXT NOT NULL,
          split TEXT NOT NULL CHECK (split IN (${CASE_SPLITS})),
          status TEXT NOT NULL DEFAULT 'new' CHECK (status IN (${CASE_STATUSES})),
          comment TEXT,
          geometry TEXT NOT NULL,
          data_type TEXT NOT NULL,
          value_min REAL NOT NULL,
          value_max REAL NOT NULL,
          imported_at TEXT NOT NULL,
          updated_at TEXT NOT NULL
        ) STRICT;

        CREATE TABLE label_versions (
          id INTEGER PRIMARY KEY,
          case_id INTEGER NOT NULL REFERENCES cases(id),
          parent_id INTEGER REFERENCES label_versions(id),
          sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
          rel_path TEXT NOT NULL,
          source TEXT NOT NULL CHECK (source IN ('manual', 'model', 'import', 'bootstrap')),
          model_id TEXT,
          author TEXT NOT NULL,
          created_at TEXT NOT NULL,
          comment TEXT,
          reviewed_slices TEXT NOT NULL DEFAULT '[]',
          label_counts TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX label_versions_by_case ON label_versions(case_id, id);

        CREATE TABLE jobs (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'cancelled')),
          params TEXT NOT NULL DEFAULT '{}',
          progress REAL NOT NULL DEFAULT 0,
          message TEXT,
          error TEXT,
          created_at TEXT NOT NULL,
          started_at TEXT,
          finished_at TEXT
        ) STRICT;

        CREATE TABLE audit (
          id INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          actor TEXT NOT NULL,
          action TEXT NOT NULL,
          case_id INTEGER REFERENCES cases(id),
          details TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        CREATE INDEX audit_by_case ON audit(case_id, id);

        CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
      `);
    },
  },
  {
    version: 2,
    name: 'model registry and training runs',
    up(db) {
      db.exec(`
        CREATE TABLE models (
          id TEXT PRIMARY KEY,
          parent_id TEXT REFERENCES models(id),
          stage TEXT NOT NULL,
          rel_dir TEXT NOT NULL UNIQUE,
          config TEXT NOT NULL,
          trained_on TEXT NOT NULL DEFAULT '{}',
          metrics TEXT NOT NULL DEFAULT '{}',
          active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1)),
          created_at TEXT NOT NULL
        ) STRICT;
        CREATE UNIQUE INDEX one_active_model ON models(active) WHERE active = 1;

        CREATE TABLE runs (
          id INTEGER PRIMARY KEY,
          job_id INTEGER REFERENCES jobs(id),
          stage TEXT NOT NULL,
          rel_dir TEXT NOT NULL UNIQUE,
          config TEXT NOT NULL,
          model_id TEXT REFERENCES models(id),
          created_at TEXT NOT NULL
        ) STRICT;

        ALTER TABLE label_versions ADD COLUMN registered_model_id TEXT REFERENCES models(id);
      `);
    },
  },
  {
    version: 3,
    name: 'jobs: paused state, lanes, results, attempts',
    up(db) {
      // SQLite cannot change a CHECK constraint in place: rebuild the table, keeping ids and rows.
      db.exec(`
        CREATE TABLE jobs_v3 (
          id INTEGER PRIMARY KEY,
          kind TEXT NOT NULL,
          lane TEXT NOT NULL DEFAULT 'core' CHECK (lane IN ('core', 'train', 'infer')),
          state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'paused', 'done', 'failed', 'cancelled')),
          params TEXT NOT NULL DEFAULT '{}',
          progress REAL NOT NULL DEFAULT 0,
          message TEXT,
          error TEXT,
          result TEXT,
          attempts INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL,
          started_at TEXT,
          finished_at TEXT
        ) STRICT;
        INSERT INTO jobs_v3 (id, kind, state, params, progress, message, error, created_at, started_at, finished_at)
          SELECT id, kind, state, params, progress, message, error, created_at, started_at, finished_at FROM jobs;
        DROP TABLE jobs;
        ALTER TABLE jobs_v3 RENAME TO jobs;
        CREATE INDEX jobs_by_lane_state ON jobs(lane, state, id);
      `);
    },
  },
  {
    version: 4,
    name: 'annotation effort per label version',
    up(db) {
      db.exec(`
        ALTER TABLE label_versions ADD COLUMN effort_seconds REAL CHECK (effort_seconds IS NULL OR effort_seconds >= 0);
        ALTER TABLE label_versions ADD COLUMN voxels_changed INTEGER CHECK (voxels_changed IS NULL OR voxels_changed >= 0);
      `);
    },
  },
  {
    version: 5,
    name: 'uncertainty per case and model; model-vs-correction Dice per label version',
    up(db) {
      db.exec(`
        CREATE TABLE uncertainty (
          case_id INTEGER NOT NULL REFERENCES cases(id),
          model_id TEXT NOT NULL REFERENCES models(id),
          label_version_id INTEGER NOT NULL REFERENCES label_versions(id),
          sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
          rel_path TEXT NOT NULL,
          disagreement_sha256 TEXT NOT NULL CHECK (length(disagreement_sha256) = 64),
          disagreement_rel_path TEXT NOT NULL,
          score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
          disagreement REAL NOT NULL CHECK (disagreement >= 0 AND disagreement <= 1),
          worst_slices TEXT NOT NULL DEFAULT '[]',
          descriptor TEXT NOT NULL DEFAULT '[]',
          created_at TEXT NOT NULL,
          PRIMARY KEY (case_id, model_id)
        ) STRICT;
        ALTER TABLE label_versions ADD COLUMN model_dice REAL CHECK (model_dice IS NULL OR (model_dice >= 0 AND model_dice <= 1));
      `);
    },
  },
];
