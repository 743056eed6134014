// The backend the ML workers use on this machine, plainly: "wasm · no GPU — tensorflow: not installed".
import { useEffect, useState } from 'react';
import type { BackendInfo } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import { describeError } from '../../api/describe-error.js';

export function backendText(b: BackendInfo): string {
  return `${b.name} · ${b.gpu ? 'GPU' : 'no GPU'}`;
}

export function BackendLine() {
  const { conn } = useApp();
  const [backend, setBackend] = useState<BackendInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const read = () =>
      conn.api.training.backend({}).then(
        (b) => {
          setBackend(b);
          setError(null);
        },
        (err: unknown) => {
          const e = describeError(err, 'Reading the ML backend');
          setError(`${e.title}: ${e.detail}`);
        },
      );
    void read();
    // what loads is only known for sure once a worker ran: read it again after each ML job
    return conn.events.subscribe('job.finished', ({ job }) => {
      if (job.lane !== 'core') void read();
    });
  }, [conn]);
  return (
    <div className="backend-line" data-testid="training-backend">
      Backend:{' '}
      {backend ? (
        <>
          <strong className={backend.gpu ? 'gpu' : 'no-gpu'}>{backendText(backend)}</strong>
          {backend.description ? <div className="small muted">{backend.description}</div> : null}
        </>
      ) : error ? (
        <span className="inline-error">{error}</span>
      ) : (
        <span className="muted">…</span>
      )}
    </div>
  );
}
