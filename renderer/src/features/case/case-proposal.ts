// The bootstrap proposal of the open case (`cases.propose`, a classical threshold + components proposal
// run as a job in the inference worker): start it, follow its progress, show the version it saves.
import type { Job } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';

function jobCaseId(job: Job): number | null {
  const p = job.params as { caseId?: unknown } | null;
  return p && typeof p.caseId === 'number' ? p.caseId : null;
}

function resultVersionId(job: Job): number | null {
  const r = job.result as { labelVersionId?: unknown } | null;
  return r && typeof r.labelVersionId === 'number' ? r.labelVersionId : null;
}

export class CaseProposal {
  job: Job | null = null;

  constructor(
    private readonly c: CaseController,
    private readonly versions: CaseVersions,
    private readonly conn: Connection,
    private readonly author: () => string,
    private readonly onError: (err: unknown, doing: string) => void,
  ) {}

  /** Follows every bootstrap job of this case (also one started elsewhere); returns the unsubscribe. */
  listen(): () => void {
    const mine = (job: Job) => job.kind === 'bootstrap' && jobCaseId(job) === this.c.detail.id;
    const offs = [
      this.conn.events.subscribe('job.progress', ({ job }) => {
        if (!mine(job)) return;
        this.job = job;
        this.c.emit();
      }),
      this.conn.events.subscribe('job.finished', ({ job }) => {
        if (mine(job)) void this.finished(job);
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  get running(): boolean {
    return this.job !== null && (this.job.state === 'queued' || this.job.state === 'running');
  }

  async start(): Promise<void> {
    try {
      const job = await this.conn.api.cases.propose({
        caseId: this.c.detail.id,
        method: 'bootstrap',
        author: this.author(),
      });
      // its events may have overtaken the answer: keep the newer state they brought
      if (this.job?.id !== job.id) this.job = job;
      if (this.running) this.c.say('Bootstrap proposal started');
    } catch (err) {
      this.onError(err, 'Starting the bootstrap proposal');
    }
  }

  private async finished(job: Job): Promise<void> {
    this.job = job;
    if (job.state !== 'done') {
      if (job.state === 'failed')
        this.onError(new Error(job.error ?? 'the job failed'), 'Bootstrap proposal');
      this.c.emit();
      return;
    }
    try {
      await this.versions.refreshVersions();
      const id = resultVersionId(job);
      if (id === null) return;
      if (this.c.session.dirty) {
        this.c.say(
          `Proposal saved as v${id}; your unsaved edits are kept (compare them in the difference view)`,
        );
      } else {
        await this.versions.showVersion(id);
        this.c.say(`Showing the bootstrap proposal v${id}`);
      }
    } catch (err) {
      this.onError(err, 'Showing the bootstrap proposal');
    }
  }
}
