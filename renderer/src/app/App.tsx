// The application shell: project header, author, errors, and the routed view.
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ProjectInfo, Settings } from '../../../electron/contract/types.js';
import type { Connection } from '../api/connect.js';
import { describeError } from '../api/describe-error.js';
import { CaseView } from '../features/case/CaseView.js';
import { ProjectView } from '../features/project/ProjectView.js';
import { TrainingView } from '../features/training/TrainingView.js';
import type { AppContextValue } from './app-context.js';
import { AppContext } from './app-context.js';
import type { ShownError } from './ErrorBanner.js';
import { ErrorBanner } from './ErrorBanner.js';
import { useHashRoute } from './use-hash-route.js';

let errorIds = 0;

export function App({ conn }: { conn: Connection }) {
  const { route, navigate, setGuard } = useHashRoute();
  const [info, setInfo] = useState<ProjectInfo | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [errors, setErrors] = useState<ShownError[]>([]);
  const [fatal, setFatal] = useState<string | null>(null);

  const reportError = useCallback((err: unknown, doing?: string) => {
    console.error(doing ?? 'error', err);
    setErrors((list) => [{ ...describeError(err, doing), id: ++errorIds }, ...list].slice(0, 5));
  }, []);

  useEffect(() => {
    Promise.all([conn.api.projects.info(), conn.api.settings.get()]).then(
      ([i, s]) => {
        setInfo(i);
        setSettings(s);
      },
      (err: unknown) => setFatal(describeError(err, 'Opening the project').detail),
    );
  }, [conn]);

  const updateSettings = useCallback(
    async (values: Partial<Settings>) => {
      try {
        setSettings(await conn.api.settings.set({ values }));
      } catch (err) {
        reportError(err, 'Saving settings');
      }
    },
    [conn, reportError],
  );

  const ctx = useMemo<AppContextValue | null>(
    () => (info && settings ? { conn, info, settings, updateSettings, reportError } : null),
    [conn, info, settings, updateSettings, reportError],
  );

  if (fatal) return <div className="fatal">Cannot open the project: {fatal}</div>;
  if (!ctx) return <div className="loading">Opening the project…</div>;
  return (
    <AppContext.Provider value={ctx}>
      <header className="app-header">
        <a className="brand" href="#/">
          CBCT Workbench
        </a>
        <span className="project-name" title={ctx.info.directory}>
          {ctx.info.name} · {ctx.info.caseCount} cases
        </span>
        <nav className="app-nav">
          <a href="#/" className={route.view === 'project' ? 'current' : ''} data-testid="nav-cases">
            Cases
          </a>
          <a
            href="#/training"
            className={route.view === 'training' ? 'current' : ''}
            data-testid="nav-training"
          >
            Training
          </a>
        </nav>
        <AuthorField author={ctx.settings.author} onChange={(author) => void updateSettings({ author })} />
      </header>
      <ErrorBanner errors={errors} onDismiss={(id) => setErrors((l) => l.filter((e) => e.id !== id))} />
      <main className="app-main">
        {route.view === 'project' ? (
          <ProjectView onOpen={(caseId) => navigate({ view: 'case', caseId })} />
        ) : route.view === 'training' ? (
          <TrainingView />
        ) : (
          <CaseView
            key={route.caseId}
            caseId={route.caseId}
            setLeaveGuard={setGuard}
            onClose={() => navigate({ view: 'project' })}
            onOpenCase={(caseId) => navigate({ view: 'case', caseId })}
          />
        )}
      </main>
    </AppContext.Provider>
  );
}

function AuthorField({ author, onChange }: { author: string; onChange(a: string): void }) {
  const [value, setValue] = useState(author);
  useEffect(() => setValue(author), [author]);
  return (
    <label className="author">
      Author{' '}
      <input
        value={value}
        maxLength={128}
        onChange={(e) => setValue(e.target.value)}
        onBlur={() => value.trim() && value !== author && onChange(value.trim())}
        data-testid="author"
      />
    </label>
  );
}
