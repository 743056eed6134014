// The U-Mamba2-SSL pipeline: stage 1 (DAE) → stage 2 (consistency) → stage 3 (pseudo labels), chained by
// checkpoint: each stage starts from the previous stage's 'final' checkpoint in <outDir>/<stage>. Rerunning the
// same pipeline reuses completed stages and resumes an interrupted one from its 'latest' checkpoint.
//
// Reference: spec §3.1 (stage 2 initialised from the DAE weights with fresh heads; stage 3 from stage 2's
// `checkpoint_final`, heads included; each stage with a fresh optimizer at epoch 0), §4.6.
import { join } from 'node:path';
import type { TrainerOverrides } from '../train/config.js';
import type { PresetName, SslPreset, SslStage } from './presets.js';
import { SSL_STAGES } from './presets.js';
import type { CommonStageOptions, StageResult } from './run-stage.js';
import type { DaeOverrides, SemiSupervisedOverrides } from './settings.js';
import { runConsistencyStage, runDaeStage, runPseudoLabelStage } from './stages.js';

export interface PipelineOptions extends Omit<CommonStageOptions, 'outDir' | 'parent'> {
  /** Stage folders go to <outDir>/dae, <outDir>/consistency, <outDir>/pseudolabel. */
  outDir: string;
  preset: PresetName | SslPreset;
  /** Which stages to run, in order (default all three). The first one starts from `parent` (if any). */
  stages?: SslStage[];
  parent?: { dir: string; checkpoint?: string } | null;
  /** Per-stage trainer overrides (applied after the preset). */
  trainer?: Partial<Record<SslStage, TrainerOverrides>>;
  dae?: DaeOverrides;
  consistency?: SemiSupervisedOverrides;
  pseudolabel?: SemiSupervisedOverrides;
  /** Called when a stage ends (the pipeline disposes every model but the last one's afterwards). */
  onStageEnd?: (r: StageResult) => void;
}

export interface PipelineResult {
  status: 'completed' | 'cancelled';
  stages: Omit<StageResult, 'model'>[];
  /** The last stage's model (the caller disposes it); null when nothing ran. */
  model: StageResult['model'] | null;
}

export function stageDir(outDir: string, stage: SslStage): string {
  return join(outDir, stage);
}

export async function runSslPipeline(opts: PipelineOptions): Promise<PipelineResult> {
  const order = opts.stages ?? [...SSL_STAGES];
  if (
    order.some(
      (s, i) =>
        SSL_STAGES.indexOf(s) < 0 || (i > 0 && SSL_STAGES.indexOf(s) <= SSL_STAGES.indexOf(order[i - 1]!)),
    )
  )
    throw new RangeError(`stages must be a subsequence of ${SSL_STAGES.join(' → ')}`);
  const done: Omit<StageResult, 'model'>[] = [];
  let parent = opts.parent ?? null;
  let last: StageResult | null = null;
  for (const stage of order) {
    last?.model.dispose();
    const common = {
      ...opts,
      outDir: stageDir(opts.outDir, stage),
      parent,
      ...(opts.trainer?.[stage] ? { trainer: opts.trainer[stage] } : { trainer: {} }),
    };
    last =
      stage === 'dae'
        ? await runDaeStage({ ...common, ...(opts.dae ? { dae: opts.dae } : {}) })
        : stage === 'consistency'
          ? await runConsistencyStage({
              ...common,
              ...(opts.consistency ? { settings: opts.consistency } : {}),
            })
          : await runPseudoLabelStage({
              ...common,
              ...(opts.pseudolabel ? { settings: opts.pseudolabel } : {}),
            });
    const { model: _model, ...rest } = last;
    done.push(rest);
    opts.onStageEnd?.(last);
    if (last.status !== 'completed') return { status: 'cancelled', stages: done, model: last.model };
    parent = { dir: last.outDir, checkpoint: 'final' };
  }
  return { status: 'completed', stages: done, model: last?.model ?? null };
}
