// Label versions: show any version, and the difference between two (or a version and the working copy).
import { useState } from 'react';
import { useApp } from '../../app/app-context.js';
import { DIFF_LEGEND } from '../../labels/label-diff.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions, DiffSide } from './case-versions.js';

export function VersionPanel({ c, versions }: { c: CaseController; versions: CaseVersions }) {
  const { reportError } = useApp();
  const list = versions.versions;
  const [older, setOlder] = useState<number | null>(list[1]?.id ?? list[0]?.id ?? null);
  const [newer, setNewer] = useState<DiffSide>('working');
  const show = (id: number) => {
    if (
      c.session.dirty &&
      !window.confirm('Replace your unsaved edits with this version? They cannot be restored.')
    )
      return;
    versions.showVersion(id).catch((err: unknown) => reportError(err, `Showing version ${id}`));
  };
  return (
    <section className="panel versions" data-testid="version-panel">
      <h3>Label versions</h3>
      {list.length === 0 ? (
        <div className="muted small">No label version yet: the first save creates one.</div>
      ) : null}
      <ul className="version-list">
        {list.map((v) => (
          <li
            key={v.id}
            className={c.session.baseVersionId === v.id ? 'current' : ''}
            data-testid={`version-${v.id}`}
          >
            <button
              type="button"
              className="link"
              onClick={() => show(v.id)}
              title="Show this version (editing continues from it)"
            >
              v{v.id}
            </button>{' '}
            <span className="small">
              {v.source}
              {v.modelId ? ` ${v.modelId}` : ''} · {v.author} · {v.createdAt.slice(0, 16).replace('T', ' ')}
              {v.reviewedSlices.length ? ` · ${v.reviewedSlices.length} reviewed slices` : ''}
              {v.parentId ? ` · from v${v.parentId}` : ''}
            </span>
            {v.comment ? <div className="muted small">{v.comment}</div> : null}
          </li>
        ))}
      </ul>
      {list.length > 0 ? (
        <div className="diff-controls">
          <div className="row small">
            Difference
            <select
              value={older ?? ''}
              onChange={(e) => setOlder(Number(e.target.value))}
              aria-label="Older version"
              data-testid="diff-older"
            >
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.id}
                </option>
              ))}
            </select>
            →
            <select
              value={String(newer)}
              onChange={(e) => setNewer(e.target.value === 'working' ? 'working' : Number(e.target.value))}
              aria-label="Newer version"
              data-testid="diff-newer"
            >
              <option value="working">working copy</option>
              {list.map((v) => (
                <option key={v.id} value={v.id}>
                  v{v.id}
                </option>
              ))}
            </select>
          </div>
          <div className="row">
            <button
              type="button"
              disabled={older === null}
              onClick={() =>
                older !== null &&
                versions.showDiff(older, newer).catch((err: unknown) => reportError(err, 'Difference view'))
              }
              data-testid="show-diff"
            >
              {versions.diff ? 'Update difference' : 'Show difference'}
            </button>
            {versions.diff ? (
              <button type="button" onClick={() => void versions.hideDiff()} data-testid="hide-diff">
                Back to labels
              </button>
            ) : null}
          </div>
          {versions.diff ? (
            <div className="diff-legend" data-testid="diff-legend">
              {DIFF_LEGEND.map((l) => (
                <span key={l.value}>
                  <span className="swatch" style={{ background: `rgb(${l.color.join(',')})` }} /> {l.name}{' '}
                  {l.value === 1
                    ? versions.diff!.stats.added
                    : l.value === 2
                      ? versions.diff!.stats.removed
                      : versions.diff!.stats.changed}
                </span>
              ))}
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
