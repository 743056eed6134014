// The project's training job as the panel shows it: the newest job of the training lane, its progress
// points (saved history, then live 'job.progress' events), the backend it trains on, and its controls
// (start, pause, resume, cancel). React reads the fields and re-renders on `subscribe`.
import type { ArgsIn } from '../../../../electron/contract/methods.js';
import type { Job, JobState, TrainingPoint, TrainingTarget } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import { describeError } from '../../api/describe-error.js';
import { isUnfinished, newerJob } from '../../api/jobs.js';
import { mergePoints, pointFromProgress, stageOfProgress, withValidation } from './training-points.js';

/** How often and how long a control waits for the job to follow (a training step can take a while). */
const SETTLE_READS = 200;
const SETTLE_INTERVAL_MS = 300;

export function isTrainingJob(job: Job): boolean {
  return job.kind === 'train' || job.lane === 'train';
}

export function targetOf(job: Job | null): TrainingTarget | null {
  const t = (job?.params as { target?: unknown } | null)?.target;
  return typeof t === 'string' ? (t as TrainingTarget) : null;
}

export class TrainingRun {
  job: Job | null = null;
  points: TrainingPoint[] = [];
  /** The backend the worker trains on (from the job's history), e.g. "wasm (tensorflow: not installed)". */
  backendUsed: string | null = null;
  /** The latest progress message, e.g. "consistency 12/40 · loss 0.83". */
  message = '';
  /** The last failure of a call made from the panel, readable. */
  error: string | null = null;
  loading = true;
  busy = false;
  private revision = 0;
  private listeners = new Set<() => void>();

  constructor(private readonly conn: Connection) {}

  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  getRevision = (): number => this.revision;

  private emit(): void {
    this.revision++;
    for (const fn of [...this.listeners]) fn();
  }

  /** Finds the newest training job and its saved history. */
  async init(): Promise<void> {
    try {
      const jobs = await this.conn.api.jobs.list({});
      const newest = jobs.filter(isTrainingJob).sort((a, b) => b.id - a.id)[0];
      if (newest && (!this.job || newest.id >= this.job.id)) {
        this.switchTo(newest);
        await this.loadHistory(newest.id);
      }
    } catch (err) {
      this.fail(err, 'Reading the training jobs');
    } finally {
      this.loading = false;
      this.emit();
    }
  }

  private switchTo(job: Job): void {
    if (this.job?.id !== job.id) {
      this.points = [];
      this.backendUsed = null;
      this.message = job.message ?? '';
    }
    this.job = newerJob(this.job, job);
  }

  private async loadHistory(jobId: number): Promise<void> {
    try {
      const h = await this.conn.api.training.history({ jobId });
      if (this.job?.id !== jobId) return;
      this.points = mergePoints(h.points, this.points);
      this.backendUsed = h.backend ?? this.backendUsed;
    } catch (err) {
      this.fail(err, 'Reading the training history');
    }
    this.emit();
  }

  /** Follows the events of training jobs; returns the unsubscribe. */
  listen(): () => void {
    const offs = [
      this.conn.events.subscribe('job.progress', ({ job, message, metrics }) => {
        if (!isTrainingJob(job) || (this.job && job.id < this.job.id)) return;
        const fresh = this.job?.id !== job.id;
        this.switchTo(job);
        if (fresh) void this.loadHistory(job.id);
        if (message) this.message = message;
        const p = pointFromProgress(metrics, message, targetOf(job));
        if (p) this.addPoint(p);
        else if (typeof metrics?.valPseudoDice === 'number') {
          const stage = stageOfProgress(metrics, message, targetOf(job));
          this.points = withValidation(this.points, stage, metrics.valPseudoDice);
        }
        this.emit();
      }),
      this.conn.events.subscribe('job.finished', ({ job }) => {
        if (!isTrainingJob(job) || (this.job && job.id < this.job.id)) return;
        this.switchTo(job);
        this.job = job;
        this.emit();
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  private addPoint(p: TrainingPoint): void {
    const last = this.points[this.points.length - 1];
    if (last && last.stage === p.stage && last.iteration === p.iteration) {
      this.points = mergePoints(this.points, [p]);
    } else {
      this.points = [...this.points, p];
    }
  }

  /** The latest point's estimate of the time left (seconds), or null. */
  get etaSeconds(): number | null {
    const eta = this.points[this.points.length - 1]?.etaSeconds;
    return eta !== undefined && Number.isFinite(eta) ? eta : null;
  }

  get active(): boolean {
    return isUnfinished(this.job);
  }

  async start(args: ArgsIn<'training.start'>): Promise<void> {
    await this.call('Starting the training', async () => {
      const job = await this.conn.api.training.start(args);
      this.switchTo(job);
    });
  }

  pause(): Promise<void> {
    return this.control('Pausing the training', ['paused'], (jobId) => this.conn.api.jobs.pause({ jobId }));
  }

  resume(): Promise<void> {
    return this.control('Resuming the training', ['queued', 'running'], (jobId) =>
      this.conn.api.jobs.resume({ jobId }),
    );
  }

  cancel(): Promise<void> {
    return this.control('Cancelling the training', ['cancelled'], (jobId) =>
      this.conn.api.jobs.cancel({ jobId }),
    );
  }

  /**
   * Calls a job control, then reads the job until it reached one of `want` or ended: a pause or cancel
   * takes effect at the worker's next step, after the answer.
   */
  private async control(doing: string, want: JobState[], fn: (jobId: number) => Promise<Job>): Promise<void> {
    const id = this.job?.id;
    if (id === undefined) return;
    await this.call(doing, async () => {
      let job = await fn(id);
      for (let n = 0; n < SETTLE_READS && !want.includes(job.state) && isUnfinished(job); n++) {
        if (this.job?.id === id) this.job = job;
        this.emit();
        await new Promise((r) => setTimeout(r, SETTLE_INTERVAL_MS));
        job = await this.conn.api.jobs.get({ jobId: id });
      }
      if (this.job?.id === id) this.job = job;
    });
  }

  private async call(doing: string, fn: () => Promise<void>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.emit();
    try {
      await fn();
    } catch (err) {
      this.fail(err, doing);
    } finally {
      this.busy = false;
      this.emit();
    }
  }

  private fail(err: unknown, doing: string): void {
    const e = describeError(err, doing);
    this.error = `${e.title}: ${e.detail}`;
  }
}
