// Model versions: stage, parent, metrics on the validation split, what each learnt from; activate one or
// roll back to the active model's parent.
import type { Models } from './use-models.js';
import { metricList, rollbackTarget, trainedOnText } from './model-format.js';

export function ModelList({ m }: { m: Models }) {
  const back = m.models ? rollbackTarget(m.models) : null;
  return (
    <section className="panel model-list" data-testid="model-list">
      <h3>Models</h3>
      {m.error ? (
        <div className="inline-error small" data-testid="models-error">
          {m.error}
        </div>
      ) : null}
      {m.models && m.models.length === 0 ? (
        <div className="muted small" data-testid="no-models">
          No model yet: a finished training stage becomes a model version.
        </div>
      ) : null}
      {m.models && m.models.length > 0 ? (
        <>
          <table className="models">
            <thead>
              <tr>
                <th>Model</th>
                <th>Stage</th>
                <th>From</th>
                <th>Metrics (validation)</th>
                <th>Trained on</th>
                <th>Created</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {m.models.map((v) => (
                <tr key={v.id} className={v.active ? 'active-model' : ''} data-testid={`model-${v.id}`}>
                  <td>
                    <strong>{v.id}</strong>
                    {v.active ? (
                      <span className="status-pill status-approved" data-testid="active-badge">
                        active
                      </span>
                    ) : null}
                  </td>
                  <td>{v.stage}</td>
                  <td>{v.parentId ?? '—'}</td>
                  <td className="small">
                    {metricList(v.metrics)
                      .map((x) => x.text)
                      .join(' · ') || '—'}
                  </td>
                  <td className="small">{trainedOnText(v)}</td>
                  <td className="small">{v.createdAt.slice(0, 16).replace('T', ' ')}</td>
                  <td>
                    {v.active ? null : (
                      <button
                        type="button"
                        disabled={m.busy}
                        onClick={() => void m.activate(v.id)}
                        data-testid={`activate-${v.id}`}
                      >
                        Activate
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="row">
            <button
              type="button"
              disabled={m.busy || !back}
              onClick={() => void m.rollback()}
              title={
                back ? `Activate ${back}, the parent of the active model` : 'The active model has no parent'
              }
              data-testid="rollback"
            >
              Roll back{back ? ` to ${back}` : ''}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
