// The training panel (#/training): the backend, starting a run, the current job with live charts and
// controls, and the model versions.
import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { useApp } from '../../app/app-context.js';
import { BackendLine } from './BackendLine.js';
import { ModelList } from './ModelList.js';
import { StartTrainingForm } from './StartTrainingForm.js';
import { TrainingJobPanel } from './TrainingJobPanel.js';
import { TrainingRun } from './training-run.js';
import { useModels } from './use-models.js';

export function TrainingView() {
  const { conn } = useApp();
  const run = useMemo(() => new TrainingRun(conn), [conn]);
  useSyncExternalStore(run.subscribe, run.getRevision);
  const models = useModels();
  useEffect(() => {
    const off = run.listen();
    void run.init();
    return off;
  }, [run]);
  return (
    <div className="training-view" data-testid="training-view">
      <div className="panel">
        <h2>Training</h2>
        <BackendLine />
        {run.error ? (
          <div className="inline-error small" data-testid="training-error">
            {run.error}
          </div>
        ) : null}
      </div>
      <div className="training-columns">
        <div>
          <StartTrainingForm run={run} />
          <ModelList m={models} />
        </div>
        <TrainingJobPanel run={run} />
      </div>
    </div>
  );
}
