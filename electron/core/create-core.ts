// createCore(projectDir): opens (or creates) a project and returns the contract API over it, the event
// bus and a dispose function. Plain Node: this module never imports `electron`.
import { existsSync, mkdirSync } from 'node:fs';
import { basename, resolve } from 'node:path';
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
import { JobRunner } from './jobs/runner.js';
import { JOB_KINDS } from './jobs/kinds.js';
import type { SpawnWorker } from './jobs/worker-process.js';
import { spawnNodeWorker } from './jobs/worker-process.js';
import { loadStsrSchema } from './label-schema.js';
import { acquireProjectLock } from './project/lock.js';
import { DB_FILE, LOCK_FILE, PROJECT_DIRS, projectPath } from './project/layout.js';
import { sweepOrphanFiles } from './project/sweep.js';
import { volumePaths } from './store/cases.js';
import { labelPaths } from './store/labels.js';
import { uncertaintyPaths } from './store/uncertainty.js';
import { recoverInterruptedJobs } from './store/jobs.js';
import { getMeta, setMeta } from './store/settings.js';
import { nowIso } from './store/time.js';

export interface Core {
  api: CoreApi;
  events: EventSource;
  /** Calls a method by name with unvalidated arguments (what the adapters use). */
  dispatch(method: string, args: unknown): Promise<unknown>;
  dir: string;
  /** Resolves when no call is in flight (a label save or import in progress is never cut short). */
  idle(): Promise<void>;
  dispose(): void;
}

export interface CreateCoreOptions {
  /** Create the project if the folder has none (default false: a missing project is `not-found`). */
  create?: boolean;
  name?: string;
  /** How to start ML worker processes (Electron passes a utilityProcess-based one; tests may inject). */
  spawnWorker?: SpawnWorker;
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
    recoverInterruptedJobs(db);
    sweepOrphanFiles(dir, new Set([...volumePaths(db), ...labelPaths(db), ...uncertaintyPaths(db)]));
    const base = {
      dir,
      db,
      events: createEventBus(),
      schema: loadStsrSchema(),
      cancelRequested: new Set<number>(),
    };
    ctx = Object.assign(base, { jobs: null as unknown as JobRunner });
    ctx.jobs = new JobRunner(ctx, JOB_KINDS, options.spawnWorker ?? spawnNodeWorker);
    ctx.jobs.start();
  } catch (err) {
    lock.release();
    throw err;
  }

  let disposed = false;
  let inFlight = 0;
  let idleWaiters: (() => void)[] = [];
  const dispatch = async (method: string, raw: unknown): Promise<unknown> => {
    if (disposed) throw new CoreError('conflict', `project ${dir} is closed`);
    if (!isMethodName(method)) throw unknownMethod(method);
    const parsed = argSchemas[method].safeParse(raw ?? {});
    if (!parsed.success) throw new CoreError('invalid-input', describeZodError(method, parsed.error));
    const handler = handlers[method] as (c: CoreContext, a: unknown) => unknown;
    inFlight++;
    try {
      return await handler(ctx, parsed.data);
    } finally {
      if (--inFlight === 0) {
        const waiters = idleWaiters;
        idleWaiters = [];
        waiters.forEach((w) => w());
      }
    }
  };

  return {
    api: makeApi(<M extends MethodName>(m: M, a: ArgsIn<M>) => dispatch(m, a) as Promise<Results[M]>),
    events: ctx.events,
    dispatch,
    dir,
    idle: () => (inFlight === 0 ? Promise.resolve() : new Promise<void>((r) => idleWaiters.push(r))),
    dispose() {
      if (disposed) return;
      disposed = true;
      ctx.jobs.dispose();
      ctx.db.close();
      lock.release();
    },
  };
}
