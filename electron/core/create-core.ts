// createCore(projectDir): opens (or creates) a project and returns the contract API over it, the event
// bus and a dispose function. Plain Node: this module never imports `electron`.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ZodError } from 'zod';
import type { ArgsIn, MethodName, Results } from '../contract/methods.js';
import { argSchemas, isMethodName } from '../contract/methods.js';
import type { CoreApi } from '../contract/api.js';
import { makeApi, unknownMethod } from '../contract/api.js';
import { CoreError } from '../contract/errors.js';
import type { EventSource } from '../contract/events.js';
import { openDatabase } from './db/open.js';
import { createEventBus } from './event-bus.js';
import type { CoreContext } from './context.js';
import { handlers } from './handlers.js';
import { loadStsrSchema } from './label-schema.js';
import { acquireProjectLock } from './project/lock.js';
import { DB_FILE, LOCK_FILE, PROJECT_DIRS, projectPath } from './project/layout.js';
import { sweepOrphanFiles } from './project/sweep.js';
import { volumePaths } from './store/cases.js';
import { labelPaths } from './store/labels.js';
import { failInterruptedJobs } from './store/jobs.js';
import { getMeta, setMeta } from './store/settings.js';
import { nowIso } from './store/time.js';
import { basename } from 'node:path';

export interface Core {
  api: CoreApi;
  events: EventSource;
  /** Calls a method by name with unvalidated arguments (what the adapters use). */
  dispatch(method: string, args: unknown): Promise<unknown>;
  dir: string;
  dispose(): void;
}

export interface CreateCoreOptions {
  /** Create the project if the folder has none (default false: a missing project is `not-found`). */
  create?: boolean;
  name?: string;
}

function describeZodError(method: string, err: ZodError): string {
  const parts = err.issues.map((i) => `${i.path.length ? i.path.join('.') : 'arguments'}: ${i.message}`);
  return `invalid arguments for ${method}: ${parts.join('; ')}`;
}

export function createCore(projectDir: string, options: CreateCoreOptions = {}): Core {
  const dir = resolve(projectDir);
  const dbFile = projectPath(dir, DB_FILE);
  if (!existsSync(dbFile)) {
    if (!options.create)
      throw new CoreError('not-found', `${dir} is not a CBCT Workbench project (no ${DB_FILE})`);
    mkdirSync(dir, { recursive: true });
  }
  const lock = acquireProjectLock(projectPath(dir, LOCK_FILE), dir);
  let ctx: CoreContext;
  try {
    for (const d of PROJECT_DIRS) mkdirSync(projectPath(dir, d), { recursive: true });
    const db = openDatabase(dbFile);
    if (getMeta(db, 'created_at') === undefined) {
      setMeta(db, 'name', options.name ?? basename(dir));
      setMeta(db, 'created_at', nowIso());
    }
    failInterruptedJobs(db);
    sweepOrphanFiles(dir, new Set([...volumePaths(db), ...labelPaths(db)]));
    ctx = { dir, db, events: createEventBus(), schema: loadStsrSchema(), cancelRequested: new Set() };
  } catch (err) {
    lock.release();
    throw err;
  }

  let disposed = false;
  const dispatch = async (method: string, raw: unknown): Promise<unknown> => {
    if (disposed) throw new CoreError('conflict', `project ${dir} is closed`);
    if (!isMethodName(method)) throw unknownMethod(method);
    const parsed = argSchemas[method].safeParse(raw ?? {});
    if (!parsed.success) throw new CoreError('invalid-input', describeZodError(method, parsed.error));
    const handler = handlers[method] as (c: CoreContext, a: unknown) => unknown;
    return handler(ctx, parsed.data);
  };

  return {
    api: makeApi(<M extends MethodName>(m: M, a: ArgsIn<M>) => dispatch(m, a) as Promise<Results[M]>),
    events: ctx.events,
    dispatch,
    dir,
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.db.close();
      lock.release();
    },
  };
}
