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
        <label>
          Target
          <select
            value={target}
            onChange={(e) => setTarget(e.target.value as TrainingTarget)}
            data-testid="train-target"
          >
            {TRAINING_TARGETS.map((t) => (
              <option key={t} value={t}>
                {TARGET_TITLE[t]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Preset
          <select
            value={preset}
            onChange={(e) => setPreset(e.target.value as TrainingPreset)}
            data-testid="train-preset"
          >
            {TRAINING_PRESETS.map((p) => (
              <option key={p}>{p}</option>
            ))}
          </select>
        </label>
        <label>
          Network
          <select
            value={architecture}
            onChange={(e) => setArchitecture(e.target.value as TrainingArchitecture)}
            data-testid="train-architecture"
          >
            {TRAINING_ARCHITECTURES.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
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
