// The next-case queue (`cases.rank`), fetched again when labels or models change.
import { useCallback, useEffect, useState } from 'react';
import type { RankedCase } from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import { describeError } from '../../api/describe-error.js';

export interface Ranking {
  ranked: RankedCase[] | null;
  error: string | null;
  refresh(): void;
}

export function useRanking(limit: number, diversity: boolean): Ranking {
  const { conn } = useApp();
  const [ranked, setRanked] = useState<RankedCase[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const refresh = useCallback(() => {
    conn.api.cases.rank({ limit, diversity }).then(
      (r) => {
        setRanked(r);
        setError(null);
      },
      (err: unknown) => {
        const e = describeError(err, 'Ranking the cases');
        setError(`${e.title}: ${e.detail}`);
      },
    );
  }, [conn, limit, diversity]);

  useEffect(() => {
    refresh();
    const offs = [
      conn.events.subscribe('label.saved', refresh),
      conn.events.subscribe('job.finished', refresh),
    ];
    return () => offs.forEach((off) => off());
  }, [conn, refresh]);

  return { ranked, error, refresh };
}
