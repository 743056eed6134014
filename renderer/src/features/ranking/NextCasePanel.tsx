// The project view's next-case suggestion: the top of the active-learning queue, with a button to open it.
import { useState } from 'react';
import { nextCase, reasonOf } from './next-case.js';
import { useRanking } from './use-ranking.js';

export function NextCasePanel({ onOpen }: { onOpen(caseId: number): void }) {
  const [diversity, setDiversity] = useState(true);
  const { ranked, error } = useRanking(10, diversity);
  const next = ranked ? nextCase(ranked) : null;
  return (
    <section className="panel next-case" data-testid="next-case">
      <h3>Next case</h3>
      {error ? (
        <div className="inline-error small" data-testid="next-case-error">
          {error}
        </div>
      ) : null}
      {!ranked && !error ? <div className="muted small">Ranking…</div> : null}
      {ranked && !next ? (
        <div className="muted small">Every case has a ground truth: nothing left to correct.</div>
      ) : null}
      {next ? (
        <>
          <div className="row">
            <button
              type="button"
              className="primary"
              onClick={() => onOpen(next.caseId)}
              data-testid="open-next-case"
              data-case-id={next.caseId}
            >
              Open {next.name}
            </button>
          </div>
          <div className="small muted">
            {next.split} · {reasonOf(next)}
          </div>
          {ranked && ranked.length > 1 ? (
            <ol className="ranked small" start={2} data-testid="ranked-cases">
              {ranked.slice(1, 6).map((r) => (
                <li key={r.caseId}>
                  <button type="button" className="link" onClick={() => onOpen(r.caseId)}>
                    {r.name}
                  </button>{' '}
                  <span className="muted">{r.score === null ? 'not scored' : r.score.toFixed(3)}</span>
                </li>
              ))}
            </ol>
          ) : null}
        </>
      ) : null}
      <label className="small">
        <input type="checkbox" checked={diversity} onChange={(e) => setDiversity(e.target.checked)} /> vary
        the picks (avoid cases that look alike)
      </label>
    </section>
  );
}
