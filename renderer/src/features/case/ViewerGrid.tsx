// The three views with orientation letters, slice sliders and the reviewed-slice mark, plus the panel
// with the proposals and the model's uncertainty; a progress overlay while a big scan is prepared.
import { useEffect, useRef } from 'react';
import type { ViewElements, ViewName } from '../../viewer/viewports.js';
import { VIEW_NAMES } from '../../viewer/viewports.js';
import type { CaseController } from './case-controller.js';
import type { CaseProposal } from './case-proposal.js';
import type { CaseUncertainty } from './case-uncertainty.js';
import { ProposalPanel } from './ProposalPanel.js';
import { UncertaintyPanel } from './UncertaintyPanel.js';

const TITLES: Record<ViewName, string> = { axial: 'Axial', coronal: 'Coronal', sagittal: 'Sagittal' };

interface Props {
  c: CaseController;
  proposal: CaseProposal;
  uncertainty: CaseUncertainty;
  elements: Partial<ViewElements>;
}

export function ViewerGrid({ c, proposal, uncertainty, elements }: Props) {
  const grid = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = grid.current;
    if (!el) return;
    const ro = new ResizeObserver(() => c.viewer?.resize());
    ro.observe(el);
    return () => ro.disconnect();
  }, [c]);
  return (
    <div className="viewer-grid" ref={grid}>
      {VIEW_NAMES.map((name) => (
        <ViewPane key={name} name={name} c={c} elements={elements} />
      ))}
      <div className="view-pane info-pane">
        <h3>Proposals</h3>
        <ProposalPanel proposal={proposal} />
        <UncertaintyPanel c={c} u={uncertainty} />
        <p className="muted small">
          Time on this case: {Math.round((Date.now() - c.openedAt) / 60000)} min · voxels edited:{' '}
          {c.session.voxelsEdited}
        </p>
      </div>
      {c.preparing ? <Preparing stage={c.preparing.stage} fraction={c.preparing.fraction} /> : null}
    </div>
  );
}

function ViewPane({
  name,
  c,
  elements,
}: {
  name: ViewName;
  c: CaseController;
  elements: Partial<ViewElements>;
}) {
  const v = c.viewer;
  const slice = v?.voxelSlice(name);
  const m = v?.markers(name);
  const k = name === 'axial' ? c.currentAxialSlice() : null;
  const reviewed = k !== null && c.session.isReviewed(k);
  return (
    <div className="view-pane" data-testid={`view-${name}`}>
      <div className="view-stage">
        <div
          className="viewport-element"
          ref={(el) => {
            if (el) elements[name] = el;
          }}
          onContextMenu={(e) => e.preventDefault()}
          data-testid={`viewport-${name}`}
        />
        <div className="view-label">
          {TITLES[name]}
          {reviewed ? <span className="reviewed-badge">reviewed</span> : null}
        </div>
        {m ? (
          <>
            <span className="marker top" data-testid={`marker-${name}-top`}>
              {m.top}
            </span>
            <span className="marker bottom">{m.bottom}</span>
            <span className="marker left">{m.left}</span>
            <span className="marker right" data-testid={`marker-${name}-right`}>
              {m.right}
            </span>
          </>
        ) : null}
      </div>
      <div className="slice-bar">
        <input
          type="range"
          min={0}
          max={Math.max(0, (slice?.count ?? 1) - 1)}
          value={slice?.index ?? 0}
          disabled={!slice}
          onChange={(e) => void v?.setVoxelSlice(name, Number(e.target.value))}
          aria-label={`${TITLES[name]} slice`}
          data-testid={`slider-${name}`}
        />
        <span className="small num" data-testid={`slice-label-${name}`}>
          {slice ? `${'ijk'[slice.axis]} ${slice.index} / ${slice.count - 1}` : '…'}
        </span>
      </div>
    </div>
  );
}

function Preparing({ stage, fraction }: { stage: string; fraction: number }) {
  const pct = Math.round(fraction * 100);
  return (
    <div
      className="viewer-preparing"
      data-testid="viewer-preparing"
      data-stage={stage}
      data-fraction={fraction}
    >
      <div>{stage}…</div>
      <progress max={1} value={fraction} />
      <span className="small">{pct} %</span>
    </div>
  );
}
