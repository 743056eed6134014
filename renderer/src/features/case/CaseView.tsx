// One case: loads it (with progress), then shows the workspace; guards against leaving with unsaved edits.
import { useEffect, useMemo, useState } from 'react';
import { useApp } from '../../app/app-context.js';
import type { LeaveGuard } from '../../app/use-hash-route.js';
import { DraftStore } from '../../editing/draft-store.js';
import type { LoadedCase, LoadStage } from './load-case.js';
import { loadCase } from './load-case.js';
import { CaseWorkspace } from './CaseWorkspace.js';

interface Props {
  caseId: number;
  setLeaveGuard(g: LeaveGuard | null): void;
  onClose(): void;
  onOpenCase(caseId: number): void;
}

export function CaseView({ caseId, setLeaveGuard, onClose, onOpenCase }: Props) {
  const { conn, info } = useApp();
  const drafts = useMemo(() => new DraftStore(window.localStorage, `${info.name}@${info.createdAt}`), [info]);
  const [loaded, setLoaded] = useState<LoadedCase | null>(null);
  const [stage, setStage] = useState<LoadStage>({ stage: 'Starting', fraction: null });
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    performance.clearMarks('cbct:case-first-frame');
    performance.mark('cbct:case-open');
    setLoaded(null);
    setFailure(null);
    loadCase(conn, drafts, caseId, (s) => !cancelled && setStage(s)).then(
      (l) => !cancelled && setLoaded(l),
      (err: unknown) => !cancelled && setFailure((err as Error).message),
    );
    return () => {
      cancelled = true;
    };
  }, [conn, drafts, caseId]);

  if (failure) {
    return (
      <div className="panel case-failure" role="alert">
        <h2>Case {caseId} could not be opened</h2>
        <p>{failure}</p>
        <button type="button" onClick={onClose}>
          Back to the cases
        </button>
      </div>
    );
  }
  if (!loaded) {
    return (
      <div className="case-loading" data-testid="case-loading">
        <div>{stage.stage}…</div>
        <progress max={1} value={stage.fraction ?? undefined} />
        {stage.fraction !== null ? <span>{Math.round(stage.fraction * 100)} %</span> : null}
        <button type="button" onClick={onClose} data-testid="cancel-loading">
          Cancel
        </button>
      </div>
    );
  }
  return (
    <CaseWorkspace
      loaded={loaded}
      drafts={drafts}
      setLeaveGuard={setLeaveGuard}
      onClose={onClose}
      onOpenCase={onOpenCase}
    />
  );
}
