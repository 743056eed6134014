// Proposals for the open case: the classical bootstrap proposal works now; the U-Mamba2 proposal, its
// uncertainty heat-map and the worst-slices navigator wait for the model issues.
import { NotAvailableYet } from '../../app/NotAvailableYet.js';
import type { CaseProposal } from './case-proposal.js';

export function ProposalPanel({ proposal }: { proposal: CaseProposal }) {
  const job = proposal.job;
  return (
    <div className="proposal" data-testid="proposal-panel">
      <div className="row">
        <button
          type="button"
          disabled={proposal.running}
          onClick={() => void proposal.start()}
          title="Threshold, connected components and morphology: a first label map to correct"
          data-testid="propose-bootstrap"
        >
          Propose labels (bootstrap)
        </button>
        {job ? (
          <span className="small" data-testid="proposal-state">
            {job.state}
            {job.state === 'running' || job.state === 'queued' ? ` ${Math.round(job.progress * 100)} %` : ''}
            {job.message ? ` · ${job.message}` : ''}
          </span>
        ) : null}
      </div>
      {job && (job.state === 'running' || job.state === 'queued') ? (
        <progress max={1} value={job.progress} />
      ) : null}
      <NotAvailableYet
        what="The U-Mamba2 proposal, its uncertainty heat-map and the worst-slices navigator"
        needs="the model issues"
      />
    </div>
  );
}
