// `cbct train`, `cbct models`, `cbct propose`, `cbct rank`: the training and active-learning loop from a shell.
// They open the project in-process and drive the same job runner and worker processes as the app. Ctrl+C during
// `cbct train` pauses the job at its next step (resume later with `--resume <job>`, or from the app).
import type { Core } from '../core/create-core.js';
import { createCore } from '../core/create-core.js';
import { CoreError } from '../contract/errors.js';
import type {
  Job,
  ModelVersion,
  TrainingArchitecture,
  TrainingPreset,
  TrainingTarget,
} from '../contract/types.js';
import { TRAINING_ARCHITECTURES, TRAINING_PRESETS, TRAINING_TARGETS } from '../contract/types.js';
import { integer, parse, triple } from './args.js';

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], what: string, def: T): T {
  const v = value ?? def;
  if (!(allowed as readonly string[]).includes(v))
    throw new CoreError('invalid-input', `--${what} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

/** Waits for the job to end, printing its progress on stderr; resolves with the finished (or paused) job. */
function follow(core: Core, jobId: number, stopOnPause = false): Promise<Job> {
  return new Promise((resolve) => {
    const stopProgress = core.events.subscribe('job.progress', ({ job, message }) => {
      if (job.id !== jobId) return;
      process.stderr.write(`[job ${job.id} ${(job.progress * 100).toFixed(0)}%] ${message}\n`);
      if (stopOnPause && job.state === 'paused') done(job);
    });
    const stopFinished = core.events.subscribe('job.finished', ({ job }) => {
      if (job.id === jobId) done(job);
    });
    const done = (job: Job) => {
      stopProgress();
      stopFinished();
      resolve(job);
    };
  });
}

function describeModel(m: ModelVersion): string {
  const score = m.metrics['All_Average'] ?? m.metrics['Dice_Image'];
  const t = m.trainedOn;
  return (
    `${m.active ? '*' : ' '} ${m.id}\t${m.stage}\tparent ${m.parentId ?? '-'}\t` +
    `${t.labelVersionIds.length} labelled, ${t.unlabeledCaseIds.length} unlabelled, ${t.validationCaseIds.length} val\t` +
    `${score === undefined ? 'no validation score' : `val ${m.metrics['All_Average'] !== undefined ? 'STSR mean' : 'Dice'} ${score.toFixed(4)}`}\t${m.createdAt}`
  );
}

export async function runTrain(argv: string[]): Promise<number> {
  const usageLine =
    'cbct train <project> --stage supervised|dae|consistency|pseudolabel|pipeline [--preset workstation|test|reference] ' +
    '[--config workstation|tiny|stsr] [--patch D0,D1,D2] [--iterations N] [--seed N] [--detach] | --resume <job-id>';
  const { positionals, str, flag } = parse(
    argv,
    {
      stage: { type: 'string' },
      preset: { type: 'string' },
      config: { type: 'string' },
      patch: { type: 'string' },
      iterations: { type: 'string' },
      seed: { type: 'string' },
      resume: { type: 'string' },
      detach: { type: 'boolean' },
      json: { type: 'boolean' },
    },
    1,
    usageLine,
  );
  const core = createCore(positionals[0]!);
  try {
    let job: Job;
    const resume = integer(str('resume'), 'resume');
    if (resume !== undefined) job = await core.api.jobs.resume({ jobId: resume });
    else {
      if (!str('stage')) throw new CoreError('invalid-input', `--stage is required\nusage: ${usageLine}`);
      const iterations = integer(str('iterations'), 'iterations');
      const patch = triple(str('patch'), 'patch', true);
      job = await core.api.training.start({
        target: oneOf<TrainingTarget>(str('stage'), TRAINING_TARGETS, 'stage', 'pipeline'),
        preset: oneOf<TrainingPreset>(str('preset'), TRAINING_PRESETS, 'preset', 'workstation'),
        architecture: oneOf<TrainingArchitecture>(
          str('config'),
          TRAINING_ARCHITECTURES,
          'config',
          'workstation',
        ),
        seed: integer(str('seed'), 'seed') ?? 0,
        ...(iterations !== undefined ? { iterations } : {}),
        ...(patch ? { patch } : {}),
      });
    }
    process.stderr.write(`training job ${job.id} queued (${core.dir})\n`);
    if (flag('detach')) return 0;
    const onInt = () => {
      process.stderr.write(
        'pausing at the next step (Ctrl+C again to stop at once; it resumes from its checkpoint)\n',
      );
      process.off('SIGINT', onInt);
      void core.api.jobs.pause({ jobId: job.id }).catch(() => {});
    };
    process.on('SIGINT', onInt);
    const end = await follow(core, job.id, true);
    process.off('SIGINT', onInt);
    if (flag('json')) process.stdout.write(`${JSON.stringify(end, null, 2)}\n`);
    if (end.state === 'paused') {
      process.stdout.write(
        `job ${end.id} paused; continue with: cbct train ${positionals[0]} --resume ${end.id}\n`,
      );
      return 0;
    }
    if (end.state !== 'done')
      throw new CoreError('internal', `training job ${end.id} ${end.state}: ${end.error ?? ''}`);
    if (!flag('json'))
      for (const m of await core.api.models.list())
        if ((end.result as { models?: string[] }).models?.includes(m.id))
          process.stdout.write(`${describeModel(m)}\n`);
    return 0;
  } finally {
    core.dispose();
  }
}

export async function runModels(argv: string[]): Promise<number> {
  const usageLine = 'cbct models <project> [--activate <model-id> | --rollback] [--json]';
  const { positionals, str, flag } = parse(
    argv,
    { activate: { type: 'string' }, rollback: { type: 'boolean' }, json: { type: 'boolean' } },
    1,
    usageLine,
  );
  const core = createCore(positionals[0]!);
  try {
    const id = str('activate');
    if (id !== undefined) await core.api.models.activate({ modelId: id });
    if (flag('rollback')) await core.api.models.rollback();
    const models = await core.api.models.list();
    if (flag('json')) process.stdout.write(`${JSON.stringify(models, null, 2)}\n`);
    else if (models.length === 0) process.stdout.write('no models yet: cbct train <project> --stage …\n');
    else for (const m of models) process.stdout.write(`${describeModel(m)}\n`);
    return 0;
  } finally {
    core.dispose();
  }
}

export async function runPropose(argv: string[]): Promise<number> {
  const usageLine = 'cbct propose <project> <case-id…> | --all [--method model|bootstrap] [--model <id>]';
  const { positionals, str, flag } = parse(
    argv,
    { all: { type: 'boolean' }, method: { type: 'string' }, model: { type: 'string' } },
    1,
    usageLine,
  );
  const method = oneOf(str('method'), ['model', 'bootstrap'] as const, 'method', 'model');
  const core = createCore(positionals[0]!);
  try {
    const ids = flag('all')
      ? (await core.api.cases.rank({ limit: 10000 })).map((r) => r.caseId)
      : positionals.slice(1).map((x) => {
          const n = integer(x, 'case-id');
          if (n === undefined || n < 1) throw new CoreError('invalid-input', `not a case id: ${x}`);
          return n;
        });
    if (ids.length === 0) throw new CoreError('invalid-input', `no cases to propose\nusage: ${usageLine}`);
    let failed = 0;
    for (const caseId of ids) {
      const modelId = str('model');
      const job = await core.api.cases.propose({ caseId, method, ...(modelId ? { modelId } : {}) });
      const end = await follow(core, job.id);
      if (end.state !== 'done') {
        failed++;
        process.stderr.write(`case ${caseId}: ${end.state} ${end.error ?? ''}\n`);
        continue;
      }
      const r = end.result as { labelVersionId: number; score?: number };
      process.stdout.write(
        `case ${caseId}: label version ${r.labelVersionId}${r.score === undefined ? '' : `, uncertainty ${r.score.toFixed(4)}`}\n`,
      );
    }
    return failed > 0 ? 1 : 0;
  } finally {
    core.dispose();
  }
}

export async function runRank(argv: string[]): Promise<number> {
  const usageLine = 'cbct rank <project> [--limit N] [--diversity] [--json]';
  const { positionals, str, flag } = parse(
    argv,
    { limit: { type: 'string' }, diversity: { type: 'boolean' }, json: { type: 'boolean' } },
    1,
    usageLine,
  );
  const core = createCore(positionals[0]!);
  try {
    const ranked = await core.api.cases.rank({
      limit: integer(str('limit'), 'limit') ?? 50,
      diversity: flag('diversity'),
    });
    if (flag('json')) process.stdout.write(`${JSON.stringify(ranked, null, 2)}\n`);
    else
      for (const r of ranked)
        process.stdout.write(
          `${r.rank}\tcase ${r.caseId}\t${r.name}\t${r.score === null ? 'not scored (run cbct propose)' : r.score.toFixed(4)}\t${r.modelId ?? ''}\n`,
        );
    return 0;
  } finally {
    core.dispose();
  }
}
