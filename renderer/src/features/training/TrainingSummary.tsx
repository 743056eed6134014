// The project view's training corner: the active model and a link to the training panel.
import { metricList } from './model-format.js';
import { useModels } from './use-models.js';

export function TrainingSummary() {
  const { models, error } = useModels();
  const active = models?.find((m) => m.active) ?? null;
  return (
    <section className="panel" data-testid="training-summary">
      <h3>Model</h3>
      {error ? <div className="inline-error small">{error}</div> : null}
      {models && !active ? <div className="muted small">No active model yet.</div> : null}
      {active ? (
        <div className="small" data-testid="active-model">
          <strong>{active.id}</strong> ({active.stage}){' '}
          {metricList(active.metrics)
            .slice(0, 2)
            .map((x) => x.text)
            .join(' · ')}
        </div>
      ) : null}
      <div className="row">
        <a href="#/training" data-testid="open-training">
          Open the training panel →
        </a>
      </div>
    </section>
  );
}
