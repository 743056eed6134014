// Proposals for the open case: the classical bootstrap proposal and the active model's proposal, each
// with its job's state and progress.
import type { Job } from '../../../../electron/contract/types.js';
import { isRunning } from '../../api/jobs.js';
import type { CaseProposal, ProposalMethod } from './case-proposal.js';

const BUTTONS: { method: ProposalMethod; label: string; title: string }[] = [
  {
    method: 'model',
    label: 'Propose labels (model)',
    title: 'Run the active U-Mamba2 model on this case: a new label version and its uncertainty',
  },
  {
    method: 'bootstrap',
    label: 'Propose labels (bootstrap)',
    title: 'Threshold, connected components and morphology: a first label map to correct',
  },
];

export function ProposalPanel({ proposal }: { proposal: CaseProposal }) {
  return (
    <div className="proposal" data-testid="proposal-panel">
      {BUTTONS.map((b) => (
        <div key={b.method}>
          <div className="row">
            <button
              type="button"
              disabled={proposal.isRunning(b.method)}
              onClick={() => void proposal.start(b.method)}
              title={b.title}
              data-testid={`propose-${b.method}`}
            >
              {b.label}
            </button>
            <JobState
              job={proposal.jobs[b.method]}
              testId={b.method === 'bootstrap' ? 'proposal-state' : 'model-proposal-state'}
            />
          </div>
          {isRunning(proposal.jobs[b.method]) ? (
            <progress max={1} value={proposal.jobs[b.method]?.progress ?? 0} />
          ) : null}
        </div>
      ))}
    </div>
  );
}

function JobState({ job, testId }: { job: Job | null; testId: string }) {
  if (!job) return null;
  return (
    <span className="small" data-testid={testId}>
      {job.state}
      {isRunning(job) ? ` ${Math.round(job.progress * 100)} %` : ''}
      {job.message && job.message !== job.state ? ` · ${job.message}` : ''}
      {job.state === 'failed' && job.error ? ` · ${job.error}` : ''}
    </span>
  );
}
