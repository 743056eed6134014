// The current (or last) training job: state, stage and iteration, ETA, the backend it trains on, pause /
// resume / cancel, and live charts of the loss terms, ω and the validation pseudo Dice.
import { useMemo } from 'react';
import { formatDuration, isRunning, isUnfinished } from '../../api/jobs.js';
import { LineChart } from './LineChart.js';
import { chartsOf } from './training-points.js';
import type { TrainingRun } from './training-run.js';
import { targetOf } from './training-run.js';

export function TrainingJobPanel({ run }: { run: TrainingRun }) {
  const job = run.job;
  const charts = useMemo(() => chartsOf(run.points), [run.points]);
  if (!job) {
    return (
      <section className="panel training-job" data-testid="training-job">
        <h3>Training job</h3>
        <div className="muted small">
          {run.loading ? 'Reading…' : 'No training has run in this project yet.'}
        </div>
      </section>
    );
  }
  const last = run.points[run.points.length - 1];
  // ω weighs the consistency loss: only the consistency stage (alone or in the pipeline) has one
  const target = targetOf(job);
  const usesOmega = charts.omega.length > 0 || target === 'consistency' || target === 'pipeline';
  const eta = run.etaSeconds;
  const marks =
    charts.stageStarts.length > 1 ? charts.stageStarts.map((s) => ({ x: s.x, label: s.stage })) : [];
  return (
    <section
      className="panel training-job"
      data-testid="training-job"
      data-job-id={job.id}
      data-state={job.state}
    >
      <h3>
        Training job {job.id} · <span data-testid="training-state">{job.state}</span>
      </h3>
      <div className="row">
        <progress max={1} value={job.progress} />
        <span className="small" data-testid="training-progress">
          {Math.round(job.progress * 100)} %
        </span>
        {isRunning(job) && eta !== null ? (
          <span className="small" data-testid="training-eta">
            about {formatDuration(eta)} left
          </span>
        ) : null}
      </div>
      <div className="small" data-testid="training-message">
        {(isUnfinished(job) ? run.message || job.message : job.message) ?? ''}
        {last ? ` · ${last.stage} ${last.iteration}/${last.iterations}` : ''}
        {last && Number.isFinite(last.samplesPerSecond)
          ? ` · ${last.samplesPerSecond.toFixed(2)} samples/s`
          : ''}
        {last && Number.isFinite(last.lr) ? ` · lr ${last.lr.toExponential(2)}` : ''}
      </div>
      {run.backendUsed ? (
        <div className="small muted" data-testid="training-backend-used">
          trains on {run.backendUsed}
        </div>
      ) : null}
      {job.state === 'failed' && job.error ? (
        <div className="inline-error small" data-testid="training-failure">
          {job.error}
        </div>
      ) : null}
      <div className="row">
        {job.state === 'paused' ? (
          <button
            type="button"
            disabled={run.busy}
            onClick={() => void run.resume()}
            data-testid="resume-training"
          >
            Resume
          </button>
        ) : (
          <button
            type="button"
            disabled={run.busy || !isRunning(job)}
            onClick={() => void run.pause()}
            data-testid="pause-training"
          >
            Pause
          </button>
        )}
        <button
          type="button"
          className="danger"
          disabled={run.busy || !run.active}
          onClick={() => void run.cancel()}
          data-testid="cancel-training"
        >
          Cancel
        </button>
      </div>
      <div className="charts">
        <LineChart title="Loss terms" series={charts.losses} marks={marks} floorZero testId="chart-loss" />
        {usesOmega ? (
          <LineChart
            title="ω (consistency weight)"
            series={charts.omega}
            marks={marks}
            floorZero
            testId="chart-omega"
          />
        ) : null}
        <LineChart
          title="Validation pseudo Dice"
          series={charts.validation}
          marks={marks}
          testId="chart-validation"
        />
      </div>
    </section>
  );
}
