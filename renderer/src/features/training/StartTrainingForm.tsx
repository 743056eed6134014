// Start training: the U-Mamba2-SSL pipeline or one stage, an iteration preset, the network size, and
// optionally an iteration budget and a seed.
import { useState } from 'react';
import type {
  TrainingArchitecture,
  TrainingPreset,
  TrainingTarget,
} from '../../../../electron/contract/types.js';
import {
  TRAINING_ARCHITECTURES,
  TRAINING_PRESETS,
  TRAINING_TARGETS,
} from '../../../../electron/contract/types.js';
import { useApp } from '../../app/app-context.js';
import type { TrainingRun } from './training-run.js';

const TARGET_TITLE: Record<TrainingTarget, string> = {
  supervised: 'supervised (labelled cases only)',
  dae: 'DAE pre-training (all scans)',
  consistency: 'consistency regularisation',
  pseudolabel: 'pseudo-labels',
  pipeline: 'pipeline: DAE → consistency → pseudo-labels',
};

/** A labelled <select> over a fixed list of string values. */
function ChoiceField<T extends string>(p: {
  label: string;
  value: T;
  options: readonly T[];
  title?: (v: T) => string;
  onChange: (v: T) => void;
  testId: string;
}) {
  return (
    <label>
      {p.label}
      <select value={p.value} onChange={(e) => p.onChange(e.target.value as T)} data-testid={p.testId}>
        {p.options.map((v) => (
          <option key={v} value={v}>
            {p.title ? p.title(v) : v}
          </option>
        ))}
      </select>
    </label>
  );
}

export function StartTrainingForm({ run }: { run: TrainingRun }) {
  const { settings } = useApp();
  const [target, setTarget] = useState<TrainingTarget>('pipeline');
  const [preset, setPreset] = useState<TrainingPreset>('workstation');
  const [architecture, setArchitecture] = useState<TrainingArchitecture>('workstation');
  const [iterations, setIterations] = useState('');
  const [seed, setSeed] = useState('0');
  const iters = iterations.trim() ? Number(iterations) : undefined;
  const seedValue = Number(seed);
  const valid =
    (iters === undefined || (Number.isInteger(iters) && iters >= 1)) &&
    Number.isInteger(seedValue) &&
    seedValue >= 0;
  const start = () =>
    void run.start({
      target,
      preset,
      architecture,
      seed: seedValue,
      author: settings.author,
      ...(iters !== undefined ? { iterations: iters } : {}),
    });
  return (
    <section className="panel start-training" data-testid="start-training">
      <h3>Start training</h3>
      <div className="form-grid">
        <ChoiceField
          label="Target"
          value={target}
          options={TRAINING_TARGETS}
          title={(t) => TARGET_TITLE[t]}
          onChange={setTarget}
          testId="train-target"
        />
        <ChoiceField
          label="Preset"
          value={preset}
          options={TRAINING_PRESETS}
          onChange={setPreset}
          testId="train-preset"
        />
        <ChoiceField
          label="Network"
          value={architecture}
          options={TRAINING_ARCHITECTURES}
          onChange={setArchitecture}
          testId="train-architecture"
        />
        <label>
          Iterations per stage
          <input
            type="number"
            min={1}
            placeholder="preset's"
            value={iterations}
            onChange={(e) => setIterations(e.target.value)}
            data-testid="train-iterations"
          />
        </label>
        <label>
          Seed
          <input
            type="number"
            min={0}
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            data-testid="train-seed"
          />
        </label>
      </div>
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!valid || run.busy || run.active}
          onClick={start}
          title={run.active ? 'One training job at a time: pause, cancel or wait for the current one' : ''}
          data-testid="start-training-button"
        >
          Start training
        </button>
        {run.active ? <span className="muted small">a training job is in progress</span> : null}
      </div>
    </section>
  );
}
