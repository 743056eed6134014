// Review: reviewed slices, saving with a comment, approving or flagging the case.
import { useState } from 'react';
import type { CaseStatus } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import { statusActions } from '../project/case-table-model.js';
import type { CaseController } from './case-controller.js';
import type { CaseVersions } from './case-versions.js';

export function ReviewPanel({ c, versions }: { c: CaseController; versions: CaseVersions }) {
  const { reportError } = useApp();
  const [comment, setComment] = useState('');
  const reviewed = c.session.reviewedSlices();
  const k = c.currentAxialSlice();
  const allowed = statusActions(c.detail.status);
  const setStatus = (status: CaseStatus) => {
    if (status === 'approved' && c.session.dirty) {
      reportError(
        new Error('Save the edits first: an approval applies to a saved label version.'),
        'Approving',
      );
      return;
    }
    versions.setStatus(status, comment.trim() || null).then(
      () => setComment(''),
      (err: unknown) => reportError(err, `Setting the case to ${status}`),
    );
  };
  return (
    <section className="panel review" data-testid="review-panel">
      <h3>Review</h3>
      <div className="row">
        <button
          type="button"
          disabled={k === null}
          onClick={() => c.toggleReviewed()}
          data-testid="toggle-reviewed"
        >
          {k !== null && c.session.isReviewed(k) ? `Unmark slice ${k}` : `Mark slice ${k ?? ''} reviewed`}{' '}
          <kbd>R</kbd>
        </button>
      </div>
      <div className="small reviewed-list" data-testid="reviewed-list">
        {reviewed.length === 0
          ? 'No slice marked reviewed yet.'
          : `Reviewed axial slices (${reviewed.length}): ${reviewed.slice(0, 40).join(', ')}${reviewed.length > 40 ? ' …' : ''}`}
      </div>
      <textarea
        rows={2}
        placeholder="comment for the save or the status change"
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        data-testid="review-comment"
      />
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={versions.saving || !c.session.dirty}
          onClick={() =>
            versions.save(comment.trim() || null).then(
              (v) => v && setComment(''),
              (err: unknown) => reportError(err, 'Saving the labels'),
            )
          }
        >
          Save version
        </button>
        {allowed.includes('approved') ? (
          <button type="button" onClick={() => setStatus('approved')} data-testid="approve">
            Approve
          </button>
        ) : null}
        {allowed.includes('flagged') ? (
          <button type="button" className="danger" onClick={() => setStatus('flagged')} data-testid="flag">
            Flag
          </button>
        ) : null}
        {allowed
          .filter((s) => s !== 'approved' && s !== 'flagged')
          .map((s) => (
            <button key={s} type="button" onClick={() => setStatus(s)}>
              → {s}
            </button>
          ))}
      </div>
      {c.detail.comment ? <div className="muted small">Case comment: {c.detail.comment}</div> : null}
    </section>
  );
}
