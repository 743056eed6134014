// The job runner: a persistent queue (the jobs table) drained by one worker process per lane, so a
// training job and an inference job can run side by side and neither blocks the UI. A worker that dies
// mid-job (crash, SIGKILL, out of memory) has its job re-queued up to MAX_ATTEMPTS times; resumable jobs
// continue from their last checkpoint.
import type { ZodType } from 'zod';
import type { Job, JobLane } from '../../contract/types.js';
import { CoreError, toErrorData } from '../../contract/errors.js';
import type { FromWorker } from '../../../ml/runtime/worker/protocol.js';
import type { CoreContext } from '../context.js';
import {
  createJob,
  findJob,
  finishJob,
  markJobRunning,
  nextQueuedJob,
  resetJobAttempts,
  setJobProgress,
  setJobState,
} from '../store/jobs.js';
import type { SpawnWorker, WorkerHandle } from './worker-process.js';

export const MAX_ATTEMPTS = 3;
/** How long a cancelled task may take to stop before its worker is killed. */
const CANCEL_GRACE_MS = 5000;

export interface JobKind<P> {
  lane: Exclude<JobLane, 'core'>;
  schema: ZodType<P>;
  /** What the worker needs to do the job (absolute file paths, configs). */
  workerParams(ctx: CoreContext, job: Job, params: P): unknown;
  /** Records the worker's output in the project; returns the job's result. */
  finish(ctx: CoreContext, job: Job, params: P, output: unknown): Promise<unknown>;
  /** Records a durable piece of the result the worker published before finishing (idempotent). */
  partial?(ctx: CoreContext, job: Job, params: P, output: unknown): Promise<void> | void;
  /** Clean-up after failure or cancellation (temporary files). */
  abandon?(ctx: CoreContext, job: Job): void;
  /** True when the job can stop at a checkpoint and continue later (jobs.pause / jobs.resume). */
  pausable?: boolean;
}

interface Lane {
  worker: WorkerHandle | null;
  current: Job | null;
  cancelTimer: NodeJS.Timeout | null;
  /** The current job was asked to pause: it stops at its next step and keeps its files. */
  pausing: boolean;
}

export class JobRunner {
  private readonly lanes = new Map<JobLane, Lane>();
  private disposed = false;

  constructor(
    private readonly ctx: CoreContext,
    private readonly kinds: Record<string, JobKind<unknown>>,
    private readonly spawn: SpawnWorker,
  ) {}

  enqueue(kind: string, rawParams: unknown): Job {
    const spec = this.kinds[kind];
    if (!spec) throw new CoreError('unsupported', `unknown job kind "${kind}"`);
    const params = spec.schema.parse(rawParams);
    const job = createJob(this.ctx.db, kind, params, spec.lane, 'queued');
    this.ctx.events.emit('job.progress', { job, done: 0, total: 1, message: 'queued' });
    this.pump(spec.lane);
    return job;
  }

  /** Starts whatever is queued (after open: jobs re-queued from a previous run). */
  start(): void {
    for (const spec of Object.values(this.kinds)) this.pump(spec.lane);
  }

  cancel(jobId: number): Job {
    const job = findJob(this.ctx.db, jobId);
    if (!job) throw new CoreError('not-found', `job ${jobId} does not exist`);
    if (job.state === 'queued' || job.state === 'paused') {
      this.kinds[job.kind]?.abandon?.(this.ctx, job);
      return this.end(
        job,
        'cancelled',
        null,
        job.state === 'paused' ? 'cancelled while paused' : 'cancelled before it ran',
      );
    }
    const lane = this.lanes.get(job.lane);
    if (job.state === 'running' && lane?.current?.id === jobId && lane.worker) {
      lane.pausing = false;
      lane.worker.send({ type: 'cancel', jobId });
      lane.cancelTimer ??= setTimeout(() => lane.worker?.kill('SIGKILL'), CANCEL_GRACE_MS);
    }
    return job;
  }

  /** Stops a pausable job at its next step, keeping its checkpoint; a queued one is simply set aside. */
  pause(jobId: number): Job {
    const job = findJob(this.ctx.db, jobId);
    if (!job) throw new CoreError('not-found', `job ${jobId} does not exist`);
    if (!this.kinds[job.kind]?.pausable)
      throw new CoreError('unsupported', `${job.kind} jobs cannot pause (only training jobs can)`);
    if (job.state === 'queued') return this.setState(job, 'paused', 'paused');
    const lane = this.lanes.get(job.lane);
    if (job.state === 'running' && lane?.current?.id === jobId && lane.worker && !lane.pausing) {
      lane.pausing = true;
      lane.worker.send({ type: 'cancel', jobId });
      return this.setState(job, 'running', 'pausing at the next step');
    }
    return job;
  }

  /** Queues a paused job again; it continues from its last checkpoint. */
  resume(jobId: number): Job {
    const job = findJob(this.ctx.db, jobId);
    if (!job) throw new CoreError('not-found', `job ${jobId} does not exist`);
    if (job.state !== 'paused') throw new CoreError('conflict', `job ${jobId} is ${job.state}, not paused`);
    resetJobAttempts(this.ctx.db, jobId);
    const queued = this.setState(job, 'queued', 'resuming');
    this.pump(job.lane);
    return queued;
  }

  dispose(): void {
    this.disposed = true;
    for (const lane of this.lanes.values()) {
      if (lane.cancelTimer) clearTimeout(lane.cancelTimer);
      lane.worker?.kill('SIGKILL');
    }
  }

  private lane(name: JobLane): Lane {
    let lane = this.lanes.get(name);
    if (!lane)
      this.lanes.set(name, (lane = { worker: null, current: null, cancelTimer: null, pausing: false }));
    return lane;
  }

  private pump(name: JobLane): void {
    if (this.disposed) return;
    const lane = this.lane(name);
    if (lane.current) return;
    const next = nextQueuedJob(this.ctx.db, name);
    if (!next) return;
    const spec = this.kinds[next.kind];
    if (!spec) {
      this.end(next, 'failed', `unknown job kind "${next.kind}"`);
      this.pump(name);
      return;
    }
    if (next.attempts >= MAX_ATTEMPTS) {
      this.end(next, 'failed', `gave up after ${next.attempts} attempts: the worker stopped each time`);
      this.pump(name);
      return;
    }
    let params: unknown;
    try {
      params = spec.workerParams(this.ctx, next, next.params);
    } catch (err) {
      this.end(next, 'failed', toErrorData(err).message);
      this.pump(name);
      return;
    }
    lane.current = markJobRunning(this.ctx.db, next.id);
    if (!lane.worker) lane.worker = this.startWorker(name);
    lane.worker.send({ type: 'run', jobId: next.id, kind: next.kind, params });
  }

  private startWorker(name: JobLane): WorkerHandle {
    const worker = this.spawn();
    worker.onMessage((msg) => void this.onMessage(name, msg));
    worker.onExit((code, signal) => this.onExit(name, worker, code, signal));
    return worker;
  }

  private async onMessage(name: JobLane, msg: FromWorker): Promise<void> {
    const lane = this.lane(name);
    const job = lane.current;
    if (msg.type === 'ready' || !job || msg.jobId !== job.id) return;
    if (msg.type === 'partial') {
      try {
        await this.kinds[job.kind]?.partial?.(this.ctx, job, job.params, msg.result);
      } catch (err) {
        this.ctx.events.emit('job.progress', {
          job,
          done: job.progress,
          total: 1,
          message: `could not record a finished part: ${toErrorData(err).message}`,
        });
      }
      return;
    }
    if (msg.type === 'progress') {
      const p = msg.progress;
      const updated = setJobProgress(this.ctx.db, job.id, p.fraction, p.message);
      this.ctx.events.emit('job.progress', {
        job: updated,
        done: p.fraction,
        total: 1,
        message: p.message,
        metrics: p.metrics,
      });
      return;
    }
    lane.current = null;
    if (lane.cancelTimer) clearTimeout(lane.cancelTimer);
    lane.cancelTimer = null;
    const pausing = lane.pausing;
    lane.pausing = false;
    const spec = this.kinds[job.kind]!;
    if (pausing && msg.type === 'cancelled') {
      this.setState(job, 'paused', 'paused (continues from its last checkpoint)');
    } else if (msg.type === 'done') {
      try {
        const result = await spec.finish(this.ctx, job, job.params, msg.result);
        this.end(job, 'done', null, 'done', result);
      } catch (err) {
        spec.abandon?.(this.ctx, job);
        this.end(job, 'failed', toErrorData(err).message);
      }
    } else {
      spec.abandon?.(this.ctx, job);
      if (msg.type === 'failed') this.end(job, 'failed', msg.error.message);
      else this.end(job, 'cancelled', null, 'cancelled');
    }
    this.pump(name);
  }

  private onExit(
    name: JobLane,
    worker: WorkerHandle,
    code: number | null,
    signal: NodeJS.Signals | null,
  ): void {
    const lane = this.lane(name);
    if (lane.worker !== worker) return;
    lane.worker = null;
    const job = lane.current;
    lane.current = null;
    const pausing = lane.pausing;
    lane.pausing = false;
    if (this.disposed || !job) return;
    const cancelling = lane.cancelTimer !== null;
    if (lane.cancelTimer) clearTimeout(lane.cancelTimer);
    lane.cancelTimer = null;
    if (pausing) {
      // Stopped while pausing: whatever it had checkpointed is kept.
      this.setState(job, 'paused', 'paused (continues from its last checkpoint)');
    } else if (cancelling) {
      this.kinds[job.kind]?.abandon?.(this.ctx, job);
      this.end(job, 'cancelled', null, 'cancelled (worker stopped)');
    } else {
      const why = signal ? `signal ${signal}` : `exit code ${code}`;
      const requeued = setJobState(this.ctx.db, job.id, 'queued', `worker stopped (${why}); retrying`);
      this.ctx.events.emit('job.progress', {
        job: requeued,
        done: job.progress,
        total: 1,
        message: requeued.message ?? '',
      });
    }
    setImmediate(() => this.pump(name));
  }

  private setState(job: Job, state: 'queued' | 'running' | 'paused', message: string): Job {
    const updated = setJobState(this.ctx.db, job.id, state, message);
    this.ctx.events.emit('job.progress', { job: updated, done: updated.progress, total: 1, message });
    return updated;
  }

  private end(
    job: Job,
    state: 'done' | 'failed' | 'cancelled',
    error: string | null,
    message?: string,
    result?: unknown,
  ): Job {
    const finished = finishJob(this.ctx.db, job.id, state, error, message, result);
    this.ctx.events.emit('job.finished', { job: finished });
    return finished;
  }
}
