// The label schema's segments: active one, visibility, opacity, lock; fill/outline for all.
import type { FillMode } from '../../viewer/segmentation-layers.js';
import type { CaseController } from './case-controller.js';

export function SegmentPanel({ c }: { c: CaseController }) {
  const counts =
    c.loaded.detail.labelVersions.find((v) => v.id === c.session.baseVersionId)?.labelCounts ?? {};
  return (
    <section className="panel segments" data-testid="segment-panel">
      <h3>Segments</h3>
      <div className="row small">
        <select
          value={c.fillMode}
          onChange={(e) => c.setFill(e.target.value as FillMode)}
          aria-label="Fill or outline"
        >
          <option value="fill">fill</option>
          <option value="outline">outline</option>
          <option value="both">fill + outline</option>
        </select>
        <label>
          opacity
          <input
            type="range"
            min={0}
            max={1}
            step={0.05}
            value={c.fillAlpha}
            onChange={(e) => c.setFill(c.fillMode, Number(e.target.value))}
          />
        </label>
      </div>
      <table className="segment-table">
        <tbody>
          {c.schema
            .filter((l) => l.value > 0)
            .map((l) => {
              const d = c.segments.get(l.value)!;
              return (
                <tr
                  key={l.value}
                  className={c.activeSegment === l.value ? 'active' : ''}
                  data-testid={`segment-${l.value}`}
                >
                  <td>
                    <input
                      type="radio"
                      name="active-segment"
                      checked={c.activeSegment === l.value}
                      onChange={() => c.setActiveSegment(l.value)}
                      aria-label={`Paint ${l.name}`}
                    />
                  </td>
                  <td>
                    <span className="swatch" style={{ background: `rgb(${l.color.join(',')})` }} />
                  </td>
                  <td className="seg-name" onClick={() => c.setActiveSegment(l.value)}>
                    {l.value <= 9 ? <kbd>{l.value}</kbd> : null} {l.name}
                    {counts[String(l.value)] ? (
                      <span className="muted small"> {counts[String(l.value)]}</span>
                    ) : null}
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      checked={d.visible}
                      onChange={(e) => c.setSegmentDisplay(l.value, { visible: e.target.checked })}
                      title="visible"
                      aria-label={`Show ${l.name}`}
                    />
                  </td>
                  <td>
                    <input
                      type="range"
                      min={0}
                      max={1}
                      step={0.1}
                      value={d.opacity}
                      onChange={(e) => c.setSegmentDisplay(l.value, { opacity: Number(e.target.value) })}
                      title="opacity"
                      aria-label={`Opacity of ${l.name}`}
                    />
                  </td>
                  <td>
                    <label title="locked: tools do not change it">
                      <input
                        type="checkbox"
                        checked={d.locked}
                        onChange={(e) => c.setSegmentDisplay(l.value, { locked: e.target.checked })}
                        aria-label={`Lock ${l.name}`}
                      />
                      lock
                    </label>
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </section>
  );
}
