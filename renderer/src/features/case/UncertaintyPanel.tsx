// The model's uncertainty for the open case: score, heat-map overlay (toggle, opacity, legend) and the
// worst-slices navigator (most uncertain axial slices first; those marked reviewed are ticked).
import { heatMapColor } from '../../viewer/heat-map.js';
import type { CaseController } from './case-controller.js';
import type { CaseUncertainty, MapKind } from './case-uncertainty.js';

const LEGEND = [32, 96, 160, 224, 255];

export function UncertaintyPanel({ c, u }: { c: CaseController; u: CaseUncertainty }) {
  const s = u.summary;
  return (
    <div className="uncertainty" data-testid="uncertainty-panel">
      <h3>Uncertainty</h3>
      {u.error ? (
        <div className="inline-error small" data-testid="uncertainty-error">
          {u.error}
        </div>
      ) : null}
      {s === undefined && !u.error ? <div className="muted small">Reading…</div> : null}
      {s === null ? (
        <div className="muted small" data-testid="uncertainty-none">
          No model proposal for this case yet: run one to see where the model is unsure.
        </div>
      ) : null}
      {s ? (
        <>
          <div className="small" data-testid="uncertainty-summary">
            score <strong>{s.score.toFixed(3)}</strong> · disagreement {s.disagreement.toFixed(3)} · model{' '}
            {s.modelId} · v{s.labelVersionId}
          </div>
          <div className="row">
            <button
              type="button"
              className={u.overlayOn ? 'active' : ''}
              disabled={u.busy || !c.viewer}
              onClick={() => void u.toggleOverlay()}
              data-testid="toggle-uncertainty"
            >
              {u.busy ? 'Loading the map…' : u.overlayOn ? 'Hide heat-map' : 'Show heat-map'}
            </button>
            <select
              value={u.kind}
              disabled={u.busy}
              onChange={(e) => void u.setKind(e.target.value as MapKind)}
              aria-label="Uncertainty map"
              data-testid="uncertainty-kind"
            >
              <option value="entropy">entropy</option>
              <option value="disagreement">disagreement</option>
            </select>
            <label className="small">
              opacity{' '}
              <input
                type="range"
                min={0}
                max={1}
                step={0.05}
                value={u.opacity}
                onChange={(e) => u.setOpacity(Number(e.target.value))}
                data-testid="uncertainty-opacity"
              />
            </label>
          </div>
          <div className="heat-legend small">
            low
            {LEGEND.map((v) => (
              <span key={v} className="swatch" style={{ background: `rgb(${heatMapColor(v).join(',')})` }} />
            ))}
            high
          </div>
          <WorstSlices c={c} u={u} />
        </>
      ) : null}
    </div>
  );
}

function WorstSlices({ c, u }: { c: CaseController; u: CaseUncertainty }) {
  const slices = u.summary?.worstSlices ?? [];
  const current = c.currentAxialSlice();
  if (slices.length === 0) return <div className="muted small">No worst slices listed.</div>;
  const reviewed = slices.filter((s) => c.session.isReviewed(s.index)).length;
  return (
    <div className="worst-slices" data-testid="worst-slices">
      <div className="small muted">
        Worst slices (axial) · {reviewed}/{slices.length} reviewed
      </div>
      <ol>
        {slices.map((s) => {
          const done = c.session.isReviewed(s.index);
          return (
            <li key={s.index} className={s.index === current ? 'current' : ''}>
              <button
                type="button"
                className="link"
                onClick={() => void u.goToSlice(s.index)}
                data-testid={`worst-slice-${s.index}`}
                data-reviewed={done ? 'yes' : 'no'}
              >
                k {s.index}
              </button>{' '}
              <span className="small muted">{s.score.toFixed(2)}</span>
              {done ? (
                <span className="reviewed-tick" title="marked reviewed">
                  ✓ reviewed
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
