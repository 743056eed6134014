// Proposals for the open case (`cases.propose`, run as jobs in the inference worker): the classical
// bootstrap proposal (job kind 'bootstrap') and the active model's proposal (kind 'segment', which also
// saves the case's uncertainty). Start one, follow its progress, show the version it saved.
import type { Job } from '../../../../electron/contract/types.js';
import type { Connection } from '../../api/connect.js';
import { isRunning, jobCaseId, newerJob, resultVersionId } from '../../api/jobs.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';

export type ProposalMethod = 'bootstrap' | 'model';

const KIND: Record<ProposalMethod, string> = { bootstrap: 'bootstrap', model: 'segment' };
const TITLE: Record<ProposalMethod, string> = { bootstrap: 'bootstrap proposal', model: 'model proposal' };

function methodOf(job: Job): ProposalMethod | null {
  if (job.kind === KIND.bootstrap) return 'bootstrap';
  if (job.kind === KIND.model) return 'model';
  return null;
}

export class CaseProposal {
  jobs: Record<ProposalMethod, Job | null> = { bootstrap: null, model: null };
  /** Called when a model proposal is done (the case's uncertainty changed with it). */
  onModelDone: (job: Job) => void = () => {};

  constructor(
    private readonly c: CaseController,
    private readonly versions: CaseVersions,
    private readonly conn: Connection,
    private readonly author: () => string,
    private readonly onError: (err: unknown, doing: string) => void,
  ) {}

  /** The bootstrap job (kept for the panels written before the model proposal). */
  get job(): Job | null {
    return this.jobs.bootstrap;
  }

  /** Follows every proposal job of this case (also one started elsewhere); returns the unsubscribe. */
  listen(): () => void {
    const mine = (job: Job) => (jobCaseId(job) === this.c.detail.id ? methodOf(job) : null);
    const offs = [
      this.conn.events.subscribe('job.progress', ({ job }) => {
        const m = mine(job);
        if (!m) return;
        this.jobs[m] = newerJob(this.jobs[m], job);
        this.c.emit();
      }),
      this.conn.events.subscribe('job.finished', ({ job }) => {
        const m = mine(job);
        if (m) void this.finished(m, job);
      }),
    ];
    return () => offs.forEach((off) => off());
  }

  get running(): boolean {
    return this.isRunning('bootstrap');
  }

  isRunning(method: ProposalMethod): boolean {
    return isRunning(this.jobs[method]);
  }

  async start(method: ProposalMethod = 'bootstrap'): Promise<void> {
    try {
      const job = await this.conn.api.cases.propose({
        caseId: this.c.detail.id,
        method,
        author: this.author(),
      });
      // its events may have overtaken the answer: keep the newer state they brought
      this.jobs[method] = newerJob(this.jobs[method], job);
      this.c.emit();
      if (this.isRunning(method)) this.c.say(`${capital(TITLE[method])} started`);
    } catch (err) {
      this.onError(err, `Starting the ${TITLE[method]}`);
    }
  }

  private async finished(method: ProposalMethod, job: Job): Promise<void> {
    this.jobs[method] = job;
    if (job.state !== 'done') {
      if (job.state === 'failed')
        this.onError(new Error(job.error ?? 'the job failed'), capital(TITLE[method]));
      this.c.emit();
      return;
    }
    try {
      await this.versions.refreshVersions();
      if (method === 'model') this.onModelDone(job);
      const id = resultVersionId(job);
      if (id === null) return;
      if (this.c.session.dirty) {
        this.c.say(
          `Proposal saved as v${id}; your unsaved edits are kept (compare them in the difference view)`,
        );
      } else {
        await this.versions.showVersion(id);
        this.c.say(`Showing the ${TITLE[method]} v${id}`);
      }
    } catch (err) {
      this.onError(err, `Showing the ${TITLE[method]}`);
    }
  }
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
