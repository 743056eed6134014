// Asked when leaving a case with unsaved edits: they are never dropped silently.
export function LeaveDialog({
  onStay,
  onLeave,
  onDiscard,
}: {
  onStay(): void;
  onLeave(): void;
  onDiscard(): void;
}) {
  return (
    <div className="overlay" role="dialog" aria-label="Unsaved edits" data-testid="leave-dialog">
      <div className="overlay-card">
        <h2>Unsaved edits</h2>
        <p>
          This case has edits that are not saved as a label version. If you leave, they stay as a draft in
          this browser and come back when you open the case again.
        </p>
        <div className="row">
          <button type="button" className="primary" onClick={onStay} autoFocus>
            Stay
          </button>
          <button type="button" onClick={onLeave}>
            Leave, keep the draft
          </button>
          <button type="button" className="danger" onClick={onDiscard}>
            Discard the edits
          </button>
        </div>
      </div>
    </div>
  );
}
