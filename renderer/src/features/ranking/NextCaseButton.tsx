// "Next case" in the case view: opens the top of the active-learning queue (other than this case).
import { useState } from 'react';
import { useApp } from '../../app/app-context.js';
import { nextCase } from './next-case.js';

export function NextCaseButton({
  currentCaseId,
  onOpen,
}: {
  currentCaseId: number;
  onOpen(id: number): void;
}) {
  const { conn, reportError } = useApp();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      const next = nextCase(await conn.api.cases.rank({ limit: 5, diversity: true }), currentCaseId);
      if (next) onOpen(next.caseId);
      else reportError(new Error('no other case is waiting for a correction'), 'Next case');
    } catch (err) {
      reportError(err, 'Finding the next case');
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      className="next-case-button"
      disabled={busy}
      onClick={() => void go()}
      title="Open the most uncertain case without a ground truth"
      data-testid="next-case-button"
    >
      Next case →
    </button>
  );
}
