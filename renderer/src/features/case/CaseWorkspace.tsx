// The case workspace: viewer grid, toolbar, side panels; keyboard shortcuts; unsaved-edit guards.
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useApp } from '../../app/app-context.js';
import type { LeaveGuard } from '../../app/use-hash-route.js';
import type { DraftStore } from '../../editing/draft-store.js';
import type { ViewElements } from '../../viewer/viewports.js';
import { CaseController } from './case-controller.js';
import { CaseProposal } from './case-proposal.js';
import { CaseUncertainty } from './case-uncertainty.js';
import { CaseVersions } from './case-versions.js';
import { installDebugHandle } from './debug-handle.js';
import { HelpOverlay } from './HelpOverlay.js';
import { LeaveDialog } from './LeaveDialog.js';
import { NextCaseButton } from '../ranking/NextCaseButton.js';
import type { LoadedCase } from './load-case.js';
import { ReviewPanel } from './ReviewPanel.js';
import { SegmentPanel } from './SegmentPanel.js';
import { Toolbar } from './Toolbar.js';
import { useCaseShortcuts } from './use-case-shortcuts.js';
import { VersionPanel } from './VersionPanel.js';
import { ViewerGrid } from './ViewerGrid.js';
import { WindowPanel } from './WindowPanel.js';

interface Props {
  loaded: LoadedCase;
  drafts: DraftStore;
  setLeaveGuard(g: LeaveGuard | null): void;
  onClose(): void;
  onOpenCase(caseId: number): void;
}

export function CaseWorkspace({ loaded, drafts, setLeaveGuard, onClose, onOpenCase }: Props) {
  const app = useApp();
  const authorRef = useRef(app.settings.author);
  authorRef.current = app.settings.author;
  const { c, versions, proposal, uncertainty } = useMemo(() => {
    const c = new CaseController(loaded, app.info.labelSchema.labels, app.reportError);
    const versions = new CaseVersions(c, app.conn, drafts, () => authorRef.current);
    const proposal = new CaseProposal(c, versions, app.conn, () => authorRef.current, app.reportError);
    const uncertainty = new CaseUncertainty(c, app.conn);
    proposal.onModelDone = () => void uncertainty.load();
    return { c, versions, proposal, uncertainty };
  }, [loaded]); // one controller per loaded case
  useSyncExternalStore(c.subscribe, c.getRevision);
  const elements = useRef<Partial<ViewElements>>({});
  const [help, setHelp] = useState(false);
  const [leaving, setLeaving] = useState<(() => void) | null>(null);
  const [ready, setReady] = useState(false);

  const { conn, reportError } = app;
  useEffect(() => {
    const els = elements.current as ViewElements;
    c.attach(els).then(
      () => {
        setReady(true);
        void uncertainty.load();
      },
      (err: unknown) => reportError(err, 'Starting the viewer'),
    );
    const offDebug = installDebugHandle(c, versions);
    const offSaved = conn.events.subscribe('label.saved', ({ version }) => {
      if (version.caseId === c.detail.id) void versions.refreshVersions();
    });
    const offUpdated = conn.events.subscribe('case.updated', ({ case: updated }) => {
      if (updated.id !== c.detail.id) return;
      c.detail = { ...c.detail, ...updated };
      c.emit();
    });
    return () => {
      offUpdated();
      offSaved();
      offDebug();
      versions.dispose();
      c.dispose();
    };
  }, [c, versions, uncertainty, conn, reportError]); // not `app`: a settings change must not restart the viewer

  useEffect(() => proposal.listen(), [proposal]);

  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      versions.saveDraftNow();
      if (c.session.dirty) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    setLeaveGuard((proceed) => {
      if (!c.session.dirty) return true;
      versions.saveDraftNow();
      setLeaving(() => proceed);
      return false;
    });
    return () => {
      window.removeEventListener('beforeunload', onBeforeUnload);
      setLeaveGuard(null);
    };
  }, [c, versions, setLeaveGuard]);

  useCaseShortcuts(c, versions, {
    toggleHelp: () => setHelp((h) => !h),
    closeOverlays: () => setHelp(false),
  });

  const d = c.detail;
  return (
    <div className="case-workspace" data-testid="case-workspace" data-ready={ready ? 'yes' : 'no'}>
      <div className="case-title">
        <button type="button" onClick={onClose}>
          ← Cases
        </button>
        <h2>{d.name}</h2>
        <span className={`status-pill status-${d.status}`} data-testid="case-status">
          {d.status}
        </span>
        <span className="muted small">
          {d.geometry.dims.join('×')} voxels · {d.geometry.spacing.map((s) => s.toFixed(2)).join('×')} mm ·{' '}
          {d.dataType}
        </span>
        <span className={c.session.dirty ? 'unsaved' : 'muted small'} data-testid="dirty-state">
          {c.session.dirty ? 'unsaved edits' : 'saved'}
        </span>
        <span className="muted small">{versions.draftNote}</span>
        <NextCaseButton currentCaseId={d.id} onOpen={onOpenCase} />
      </div>
      <Toolbar c={c} versions={versions} onHelp={() => setHelp(true)} />
      <div className="case-body">
        <ViewerGrid c={c} proposal={proposal} uncertainty={uncertainty} elements={elements.current} />
        <aside className="case-side">
          <SegmentPanel c={c} />
          <WindowPanel c={c} />
          <VersionPanel c={c} versions={versions} />
          <ReviewPanel c={c} versions={versions} />
        </aside>
      </div>
      <div className="status-line" data-testid="status-line">
        {c.message}
      </div>
      {help ? <HelpOverlay onClose={() => setHelp(false)} /> : null}
      {leaving ? (
        <LeaveDialog
          onStay={() => setLeaving(null)}
          onLeave={() => {
            versions.saveDraftNow();
            const go = leaving;
            setLeaving(null);
            go();
          }}
          onDiscard={() => {
            versions.discardDraft();
            c.session.replace(c.session.baseLabels().slice(), c.session.baseVersionId, []);
            const go = leaving;
            setLeaving(null);
            go();
          }}
        />
      ) : null}
    </div>
  );
}
