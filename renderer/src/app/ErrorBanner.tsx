// Readable error messages, newest first, each dismissable.
import type { ReadableError } from '../api/describe-error.js';

export interface ShownError extends ReadableError {
  id: number;
}

export function ErrorBanner({ errors, onDismiss }: { errors: ShownError[]; onDismiss(id: number): void }) {
  if (errors.length === 0) return null;
  return (
    <div className="error-stack" role="alert">
      {errors.map((e) => (
        <div key={e.id} className={`error-banner kind-${e.kind}`} data-testid="error-banner">
          <div>
            <strong>{e.title}</strong>
            <div className="error-detail">{e.detail}</div>
          </div>
          <button type="button" onClick={() => onDismiss(e.id)} aria-label="Dismiss">
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
