// The project: every case with its review state, sort and filter, status actions, import, the next-case
// suggestion of the active-learning queue and the active model.
import { useCallback, useEffect, useState } from 'react';
import type { CaseStatus, CaseSummary } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import { NextCasePanel } from '../ranking/NextCasePanel.js';
import { TrainingSummary } from '../training/TrainingSummary.js';
import { CaseTable } from './CaseTable.js';
import { ImportPanel } from './ImportPanel.js';

export function ProjectView({ onOpen }: { onOpen(caseId: number): void }) {
  const { conn, reportError, settings } = useApp();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);

  const refresh = useCallback(() => {
    conn.api.cases.list({}).then(setCases, (err: unknown) => reportError(err, 'Listing cases'));
  }, [conn, reportError]);

  useEffect(() => {
    refresh();
    const offs = [
      conn.events.subscribe('case.updated', ({ case: c }) =>
        setCases((list) => list && list.map((x) => (x.id === c.id ? c : x))),
      ),
      conn.events.subscribe('case.imported', refresh),
      conn.events.subscribe('label.saved', refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [conn, refresh]);

  const changeStatus = useCallback(
    async (c: CaseSummary, status: CaseStatus, comment: string | null) => {
      try {
        const updated = await conn.api.cases.update({
          caseId: c.id,
          status,
          comment,
          author: settings.author,
        });
        setCases((list) => list && list.map((x) => (x.id === updated.id ? updated : x)));
      } catch (err) {
        reportError(err, `Changing the status of ${c.name}`);
      }
    },
    [conn, reportError, settings.author],
  );

  return (
    <div className="project-view">
      <section className="panel cases-panel">
        <h2>Cases</h2>
        {cases ? (
          <CaseTable cases={cases} onOpen={onOpen} onStatus={changeStatus} />
        ) : (
          <div className="loading">Loading cases…</div>
        )}
      </section>
      <aside className="project-side">
        <NextCasePanel onOpen={onOpen} />
        <ImportPanel />
        <TrainingSummary />
      </aside>
    </div>
  );
}
