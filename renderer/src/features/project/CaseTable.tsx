// The case table: sortable columns, filters, per-case status actions with an optional comment.
import { useMemo, useState } from 'react';
import type { CaseStatus, CaseSummary } from '../../../../electron/contract/types.js';
import { CASE_STATUSES, SPLITS } from '../../../../electron/contract/types.js';
import type { CaseFilter, CaseSort, CaseSortKey } from './case-table-model.js';
import {
  DEFAULT_FILTER,
  DEFAULT_SORT,
  formatScore,
  statusActions,
  toggleSort,
  visibleCases,
} from './case-table-model.js';

interface Props {
  cases: CaseSummary[];
  onOpen(caseId: number): void;
  onStatus(c: CaseSummary, status: CaseStatus, comment: string | null): void;
}

const COLUMNS: { key: CaseSortKey | null; title: string }[] = [
  { key: 'name', title: 'Case' },
  { key: 'status', title: 'Status' },
  { key: 'split', title: 'Split' },
  { key: 'lastEditor', title: 'Last editor' },
  { key: 'labelVersions', title: 'Label versions' },
  { key: 'voxels', title: 'Dimensions' },
  { key: 'modelDice', title: 'Model Dice' },
  { key: 'uncertainty', title: 'Uncertainty' },
  { key: 'updated', title: 'Updated' },
  { key: null, title: '' },
];

export function CaseTable({ cases, onOpen, onStatus }: Props) {
  const [filter, setFilter] = useState<CaseFilter>(DEFAULT_FILTER);
  const [sort, setSort] = useState<CaseSort>(DEFAULT_SORT);
  const rows = useMemo(() => visibleCases(cases, filter, sort), [cases, filter, sort]);

  return (
    <>
      <div className="filters">
        <input
          type="search"
          placeholder="Filter by name, comment, editor"
          value={filter.text}
          onChange={(e) => setFilter({ ...filter, text: e.target.value })}
          data-testid="case-filter-text"
        />
        <select
          value={filter.status}
          onChange={(e) => setFilter({ ...filter, status: e.target.value as CaseFilter['status'] })}
          data-testid="case-filter-status"
        >
          <option value="all">all statuses</option>
          {CASE_STATUSES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <select
          value={filter.split}
          onChange={(e) => setFilter({ ...filter, split: e.target.value as CaseFilter['split'] })}
        >
          <option value="all">all splits</option>
          {SPLITS.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
        <span className="muted">
          {rows.length} of {cases.length}
        </span>
      </div>
      <table className="case-table" data-testid="case-table">
        <thead>
          <tr>
            {COLUMNS.map((c, n) => (
              <th
                key={n}
                aria-sort={
                  c.key && sort.key === c.key ? (sort.ascending ? 'ascending' : 'descending') : undefined
                }
              >
                {c.key ? (
                  <button type="button" className="link" onClick={() => setSort(toggleSort(sort, c.key!))}>
                    {c.title}
                    {sort.key === c.key ? (sort.ascending ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.title
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <CaseRow key={c.id} c={c} onOpen={onOpen} onStatus={onStatus} />
          ))}
        </tbody>
      </table>
    </>
  );
}

function CaseRow({ c, onOpen, onStatus }: { c: CaseSummary } & Omit<Props, 'cases'>) {
  const [pending, setPending] = useState<CaseStatus | null>(null);
  const [comment, setComment] = useState(c.comment ?? '');
  return (
    <tr data-testid={`case-row-${c.id}`} className={`status-${c.status}`}>
      <td>
        <button type="button" className="link case-name" onClick={() => onOpen(c.id)} title={c.comment ?? ''}>
          {c.name}
        </button>
      </td>
      <td>
        <span className={`status-pill status-${c.status}`}>{c.status}</span>
        {c.comment ? <div className="muted small">{c.comment}</div> : null}
      </td>
      <td>{c.split}</td>
      <td>{c.lastEditor ?? '—'}</td>
      <td className="num">{c.labelVersionCount}</td>
      <td className="num">{c.geometry.dims.join('×')}</td>
      <td
        className="num"
        title="mean Dice of the last model proposal against the correction saved after it"
        data-testid="model-dice"
      >
        {formatScore(c.modelDice)}
      </td>
      <td className="num" title="uncertainty of the model's proposal (0…1)" data-testid="uncertainty">
        {formatScore(c.uncertainty)}
      </td>
      <td className="small">{c.updatedAt.slice(0, 16).replace('T', ' ')}</td>
      <td className="actions">
        <button type="button" onClick={() => onOpen(c.id)}>
          Open
        </button>
        {pending ? (
          <span className="status-form">
            <input
              placeholder="comment (optional)"
              value={comment}
              onChange={(e) => setComment(e.target.value)}
            />
            <button
              type="button"
              onClick={() => {
                onStatus(c, pending, comment.trim() || null);
                setPending(null);
              }}
            >
              Set {pending}
            </button>
            <button type="button" onClick={() => setPending(null)}>
              Cancel
            </button>
          </span>
        ) : (
          <select
            value=""
            onChange={(e) => setPending(e.target.value as CaseStatus)}
            aria-label="Change status"
          >
            <option value="">status…</option>
            {statusActions(c.status).map((s) => (
              <option key={s} value={s}>
                → {s}
              </option>
            ))}
          </select>
        )}
      </td>
    </tr>
  );
}
