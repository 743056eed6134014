// Plain supervised training (Dice + CE on the labelled cases only) as a stage on the same run machinery as the SSL
// stages: a run record, resume from 'latest', reuse of a completed run, an optional parent to fine-tune from. It is
// the baseline the SSL stages are compared with, and what `cbct train --stage supervised` runs.
//
// Reference: spec §3.2–3.4 (the nnU-Net trainer: SGD Nesterov 0.99, poly LR 0.01, weight decay 3e-5, clip 12).
// Budget: the preset's stage-2 budget (so supervised-only and the pipeline's stage 2 compare at equal cost).
import type { TrainerConfig, TrainerOverrides } from '../train/config.js';
import { resolveTrainerConfig } from '../train/config.js';
import type { LabeledBatch } from '../train/data.js';
import { supervisedHooks } from '../train/supervised.js';
import type { SslPreset } from './presets.js';
import { iterationsPerEpoch, resolvePreset } from './presets.js';
import type { StageResult } from './run-stage.js';
import { runStage } from './run-stage.js';
import { mergeOverrides, STAGE_BASE } from './stage-config.js';
import type { StageOptions } from './stages.js';

const SUPERVISED_BASE: TrainerOverrides = { ...STAGE_BASE.consistency, stage: 'supervised' };

export function supervisedTrainerConfig(
  preset: SslPreset,
  scans: number,
  overrides: TrainerOverrides = {},
): TrainerConfig {
  const b = preset.stages.consistency;
  const merged = mergeOverrides(SUPERVISED_BASE, overrides);
  const budget: TrainerOverrides = {
    epochs: b.epochs,
    iterationsPerEpoch: iterationsPerEpoch(b, scans, merged.batchSize ?? 2),
    validation: { iterations: b.validationIterations },
    checkpointEvery: b.checkpointEvery,
  };
  return resolveTrainerConfig(mergeOverrides(SUPERVISED_BASE, budget, overrides));
}

export function runSupervisedStage(opts: StageOptions): Promise<StageResult> {
  const preset = resolvePreset(opts.preset);
  const config = supervisedTrainerConfig(preset, opts.data.train.length, opts.trainer);
  return runStage<LabeledBatch>(
    {
      stage: 'supervised',
      architecture: opts.architecture,
      config,
      preset: preset.name,
      settings: null,
      hooks: supervisedHooks(),
      extras: () => ({ omega: null, unlabeledProbability: null }),
      data: {
        labeled: opts.data.train.map((c) => c.id),
        val: opts.data.val.map((c) => c.id),
        unlabeled: [],
      },
    },
    opts,
  );
}
