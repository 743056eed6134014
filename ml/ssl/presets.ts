// Iteration budgets of the three stages as typed presets: 'reference' (the spec's counts, for GPUs),
// 'workstation' (computed from a measured speed to finish overnight on a CPU workstation) and 'test' (tiny).
//
// Reference counts: spec §3.1 (stage 2: 1000 epochs × 250 optimizer steps × 2 micro-batches, 10 validation
// batches, checkpoint every 10 epochs; stage 3: 500 epochs, same), §4.5 (DAE: 200 epochs, 4 warm-up epochs, one
// pass over all scans per epoch at batch 2, checkpoint every 5 epochs).
// Workstation: see `workstationPreset` for the cost model.

// Deviation: the workstation preset gives the DAE 10 % of the time (6 % of the reference's compute), epochs of 25
// steps (DAE 10) and a checkpoint every epoch, so an overnight run has usable resolution in its schedules.

export type SslStage = 'dae' | 'consistency' | 'pseudolabel';
export const SSL_STAGES: readonly SslStage[] = ['dae', 'consistency', 'pseudolabel'];
/** A stage a run folder can hold: an SSL stage, or plain supervised training (ml/ssl/supervised-stage.ts). */
export type RunStage = SslStage | 'supervised';

export interface StageBudget {
  epochs: number;
  /** Optimizer steps per epoch; 'scans' = one pass over the scans (⌈scans / batch⌉, the DAE reference). */
  iterationsPerEpoch: number | 'scans';
  validationIterations: number;
  checkpointEvery: number;
  /** DAE only: warm-up length in epochs (reference 4 of 200). */
  warmupEpochs?: number;
}

export interface SslPreset {
  name: string;
  note: string;
  stages: Record<SslStage, StageBudget>;
}

export const REFERENCE_PRESET: SslPreset = Object.freeze({
  name: 'reference',
  note: 'the reference counts (spec §3.1, §4.5); days on a GPU with the stsr configuration',
  stages: {
    dae: {
      epochs: 200,
      iterationsPerEpoch: 'scans',
      validationIterations: 10,
      checkpointEvery: 5,
      warmupEpochs: 4,
    },
    consistency: { epochs: 1000, iterationsPerEpoch: 250, validationIterations: 10, checkpointEvery: 10 },
    pseudolabel: { epochs: 500, iterationsPerEpoch: 250, validationIterations: 10, checkpointEvery: 10 },
  },
}) as SslPreset;

export const TEST_PRESET: SslPreset = Object.freeze({
  name: 'test',
  note: 'a few iterations per stage, for tests',
  stages: {
    dae: { epochs: 2, iterationsPerEpoch: 2, validationIterations: 1, checkpointEvery: 1, warmupEpochs: 1 },
    consistency: { epochs: 2, iterationsPerEpoch: 2, validationIterations: 1, checkpointEvery: 1 },
    pseudolabel: { epochs: 2, iterationsPerEpoch: 2, validationIterations: 1, checkpointEvery: 1 },
  },
}) as SslPreset;

/** Seconds per sample of the network at its training patch (one forward+backward; one forward without gradient). */
export interface MeasuredSpeed {
  forwardBackward: number;
  forward: number;
  /** Where the numbers come from. */
  source: string;
}

/**
 * Measured on the build machine (2-core Xeon, wasm backend, the workstation configuration it chooses: quarter
 * width, 32×128×128 patch): 7–14 s per forward+backward, 2.5–5 s per forward (3 runs each). A workstation with more
 * cores or the native backend is faster; pass its own measurement (ml/ssl/speed.ts) to `workstationPreset`.
 */
export const BUILD_MACHINE_SPEED: MeasuredSpeed = {
  forwardBackward: 10,
  forward: 3.5,
  source: 'build machine: 2-core Xeon, wasm, workstation config quarter width 32×128×128',
};

/** Share of the wall-clock budget per stage (reference compute ≈ 6 % / 62 % / 31 %; DAE raised to 10 %). */
export const WORKSTATION_SHARES: Record<SslStage, number> = { dae: 0.1, consistency: 0.6, pseudolabel: 0.3 };

/**
 * Budgets that fit `hours` at `speed`. Cost per optimizer step, in units of one sample:
 *   dae:          2 samples × forwardBackward (batch 2, no accumulation);
 *   consistency:  2 micro-batches × (forwardBackward + 0.42·forward)  — mean P(unlabelled) over the run is
 *                 ∫ min(0.5, 0.1 + x) dx = 0.42, and an unlabelled micro-batch adds the weak view's forward;
 *   pseudolabel:  2 × (forwardBackward + 0.48·0.75·forward)  — mean P(unlabelled) 0.48, 75 % consistency steps;
 * plus `validationIterations`·forward per epoch. Steps = share·hours·3600 / cost, rounded down to whole epochs of
 * 25 steps (DAE 10), at least one epoch; a checkpoint every epoch.
 */
export function workstationPreset(speed: MeasuredSpeed = BUILD_MACHINE_SPEED, hours = 10): SslPreset {
  if (!(speed.forwardBackward > 0 && speed.forward > 0 && hours > 0))
    throw new RangeError('speed and hours must be positive');
  const f = speed.forward;
  const fb = speed.forwardBackward;
  const perStep: Record<SslStage, number> = {
    dae: 2 * fb,
    consistency: 2 * (fb + 0.42 * f),
    pseudolabel: 2 * (fb + 0.48 * 0.75 * f),
  };
  const ipe: Record<SslStage, number> = { dae: 10, consistency: 25, pseudolabel: 25 };
  const val = 2;
  const budget = (s: SslStage): StageBudget => {
    const seconds = WORKSTATION_SHARES[s] * hours * 3600;
    const epochSeconds = ipe[s] * perStep[s] + val * f * (s === 'dae' ? 2 : 1);
    const epochs = Math.max(1, Math.floor(seconds / epochSeconds));
    return {
      epochs,
      iterationsPerEpoch: ipe[s],
      validationIterations: val,
      checkpointEvery: 1,
      ...(s === 'dae' ? { warmupEpochs: Math.max(1, Math.round(epochs * 0.02)) } : {}),
    };
  };
  return {
    name: 'workstation',
    note: `${hours} h at ${fb} s per forward+backward, ${f} s per forward (${speed.source})`,
    stages: { dae: budget('dae'), consistency: budget('consistency'), pseudolabel: budget('pseudolabel') },
  };
}

export type PresetName = 'reference' | 'workstation' | 'test';

export function resolvePreset(p: PresetName | SslPreset): SslPreset {
  if (typeof p !== 'string') return p;
  if (p === 'reference') return REFERENCE_PRESET;
  if (p === 'test') return TEST_PRESET;
  if (p === 'workstation') return workstationPreset();
  throw new RangeError(`unknown preset '${String(p)}' (known: reference, workstation, test)`);
}

/** Optimizer steps per epoch of a budget for `scans` training scans at `batchSize`. */
export function iterationsPerEpoch(b: StageBudget, scans: number, batchSize: number): number {
  return b.iterationsPerEpoch === 'scans' ? Math.max(1, Math.ceil(scans / batchSize)) : b.iterationsPerEpoch;
}
