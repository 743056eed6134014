// The project's model versions (`models.list`) with activate and roll back, read again after training.
import { useCallback, useEffect, useState } from 'react';
import type { ModelVersion } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import { describeError } from '../../api/describe-error.js';
import { sortModels } from './model-format.js';

export interface Models {
  models: ModelVersion[] | null;
  error: string | null;
  busy: boolean;
  refresh(): void;
  activate(modelId: string): Promise<void>;
  rollback(): Promise<void>;
}

export function useModels(): Models {
  const { conn } = useApp();
  const [models, setModels] = useState<ModelVersion[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const fail = (err: unknown, doing: string) => {
    const e = describeError(err, doing);
    setError(`${e.title}: ${e.detail}`);
  };

  const refresh = useCallback(() => {
    conn.api.models.list({}).then(
      (m) => {
        setModels(sortModels(m));
        setError(null);
      },
      (err: unknown) => fail(err, 'Listing the models'),
    );
  }, [conn]);

  useEffect(() => {
    refresh();
    return conn.events.subscribe('job.finished', ({ job }) => {
      if (job.lane === 'train' || job.kind === 'train') refresh();
    });
  }, [conn, refresh]);

  const run = async (doing: string, fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setError(null);
    } catch (err) {
      fail(err, doing);
    } finally {
      setBusy(false);
      refresh();
    }
  };

  return {
    models,
    error,
    busy,
    refresh,
    activate: (modelId) => run(`Activating ${modelId}`, () => conn.api.models.activate({ modelId })),
    rollback: () => run('Rolling back', () => conn.api.models.rollback({})),
  };
}
