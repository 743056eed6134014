// Training as background jobs with real worker processes (tiny network, 16³ patches, the 'test' preset): a model
// version that records exactly what it learnt from, its proposal with uncertainty, the next-case queue, a worker
// killed mid-run that resumes from its checkpoint, and pause → application restart → resume of the pipeline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCore } from '../../electron/core/create-core.js';
import { spawnNodeWorker } from '../../electron/core/jobs/worker-process.js';
import type { SpawnWorker, WorkerHandle } from '../../electron/core/jobs/worker-process.js';
import { voxelBytes } from '../../ml/data/io/volume.js';
import { finished } from '../helpers/jobs.js';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';

const TINY = { preset: 'test', architecture: 'tiny', patch: [16, 16, 16], seed: 3 } as const;

/** train: seeds 1, 2 (imported labels); val: 3; test: 4 (labelled, must never be used); unlabelled: 5 (a bootstrap
 * proposal, which is not ground truth) and 6. */
async function trainingProject(t: Parameters<typeof tempDir>[0], dir: string, spawnWorker?: SpawnWorker) {
  const scans = await writePhantomFiles(tempDir(t), [1, 2, 3, 4, 5, 6], [40, 36, 24]);
  const core = createCore(dir, { create: true, ...(spawnWorker ? { spawnWorker } : {}) });
  const ids: number[] = [];
  const gt: Record<number, number> = {};
  const splits = ['train', 'train', 'val', 'test', 'unlabeled', 'unlabeled'] as const;
  for (const [i, s] of scans.entries()) {
    const c = (await core.api.cases.import({ paths: [s.path], split: splits[i]! })).imported[0]!;
    ids.push(c.id);
    if (i < 4 || i === 4) {
      const v = await core.api.labels.save({
        caseId: c.id,
        parentId: null,
        source: i === 4 ? 'bootstrap' : 'import',
        data: voxelBytes(s.label.voxels),
      });
      if (i < 4) gt[c.id] = v.id;
    }
  }
  return { core, ids, gt, scans };
}

test('a training job registers a model version that records exactly what it was trained on', async (t) => {
  const dir = join(tempDir(t), 'project');
  const { core, ids, gt, scans } = await trainingProject(t, dir);
  t.after(() => core.dispose());
  const [c1, c2, c3, , c5, c6] = ids as [number, number, number, number, number, number];
  const progress: Record<string, number>[] = [];
  core.events.subscribe('job.progress', (p) => p.metrics && progress.push(p.metrics));

  const queued = await core.api.training.start({ target: 'supervised', ...TINY, patch: [...TINY.patch] });
  assert.equal(queued.lane, 'train');
  await assert.rejects(
    core.api.training.start({ target: 'dae', ...TINY, patch: [...TINY.patch] }),
    /one training job per project/,
  );
  // inference is served by its own worker while training runs
  const boot = await core.api.cases.propose({ caseId: c6, method: 'bootstrap' });
  const bootJob = await finished(core, boot.id);
  assert.equal(bootJob.state, 'done', bootJob.error ?? '');
  assert.equal((await core.api.jobs.get({ jobId: queued.id })).state, 'running', 'training still running');
  const job = await finished(core, queued.id);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.ok(
    progress.some((p) => typeof p['valPseudoDice'] === 'number'),
    'validation reported per epoch',
  );

  const models = await core.api.models.list();
  assert.equal(models.length, 1);
  const m = models[0]!;
  assert.equal(m.stage, 'supervised');
  assert.equal(m.active, true, 'the new model becomes active');
  assert.deepEqual([...m.trainedOn.labelVersionIds].sort(), [gt[c1], gt[c2]].sort());
  assert.deepEqual(m.trainedOn.validationCaseIds, [c3]);
  assert.deepEqual(m.trainedOn.unlabeledCaseIds, [], 'supervised training uses no unlabelled scans');
  assert.ok(typeof m.metrics['Dice_Image'] === 'number' && m.metrics['Dice_Image'] >= 0);
  assert.ok(existsSync(join(dir, 'models', m.id, 'final.json')));
  assert.equal((job.result as { activated: string }).activated, m.id);

  // live progress with loss terms, and the same steps in the stored history
  assert.ok(progress.some((p) => typeof p['loss.total'] === 'number' && typeof p['lr'] === 'number'));
  const history = await core.api.training.history({ jobId: job.id });
  assert.deepEqual(
    history.points.map((p) => p.iteration),
    [1, 2, 3, 4],
  );
  assert.match(history.backend ?? '', /^(wasm|cpu|tensorflow)/);
  assert.equal((await core.api.training.backend()).name, history.backend!.split(' ')[0]);

  // the model's proposal for an uncorrected scan, with its uncertainty
  const p = await core.api.cases.propose({ caseId: c5, method: 'model' });
  assert.equal(p.kind, 'segment');
  const pj = await finished(core, p.id);
  assert.equal(pj.state, 'done', pj.error ?? '');
  const versions = await core.api.labels.list({ caseId: c5 });
  const proposal = versions.at(-1)!;
  assert.equal(proposal.source, 'model');
  assert.equal(proposal.modelId, m.id);
  const u = await core.api.cases.uncertainty({ caseId: c5 });
  assert.ok(u && u.modelId === m.id && u.labelVersionId === proposal.id);
  assert.ok(u.score > 0 && u.score <= 1, `score ${u.score}`);
  assert.ok(u.worstSlices.length > 0 && u.worstSlices.every((w) => w.index < 24));
  const map = await core.api.cases.uncertaintyVolume({ caseId: c5 });
  assert.deepEqual(map.header.dims, [40, 36, 24]);
  assert.equal(map.header.dataType, 'uint8');
  assert.ok(
    map.data.some((x) => x > 0),
    'some uncertainty',
  );
  const dis = await core.api.cases.uncertaintyVolume({ caseId: c5, kind: 'disagreement' });
  assert.deepEqual(dis.header.dims, [40, 36, 24]);
  assert.notDeepEqual(dis.data, map.data, 'a different map');
  assert.equal(await core.api.cases.uncertainty({ caseId: c6 }), null);

  // the queue: uncorrected train/unlabelled cases only, scored first
  const queue = await core.api.cases.rank({});
  assert.deepEqual(
    queue.map((r) => r.caseId),
    [c5, c6],
  );
  assert.equal(queue[0]!.score, u.score);
  assert.equal(queue[1]!.score, null);

  // a correction records how far the proposal was from it
  await core.api.labels.save({ caseId: c5, parentId: proposal.id, data: voxelBytes(scans[4]!.label.voxels) });
  const corrected = await core.api.cases.get({ caseId: c5 });
  assert.ok(corrected.modelDice !== null && corrected.modelDice >= 0 && corrected.modelDice < 1);
  assert.equal(corrected.uncertainty, u.score);
  assert.deepEqual(
    (await core.api.cases.rank({})).map((r) => r.caseId),
    [c6],
    'a corrected case leaves the queue',
  );
});

test('a training job whose worker is killed resumes from its last checkpoint and finishes', async (t) => {
  const workers: WorkerHandle[] = [];
  const spawn: SpawnWorker = () => {
    const w = spawnNodeWorker();
    workers.push(w);
    return w;
  };
  const dir = join(tempDir(t), 'project');
  const { core, gt, ids } = await trainingProject(t, dir, spawn);
  t.after(() => core.dispose());
  const seen: number[] = [];
  let killed = false;
  core.events.subscribe('job.progress', ({ job, metrics }) => {
    if (job.kind !== 'train' || metrics?.['iteration'] === undefined) return;
    seen.push(metrics['iteration']);
    // the 'latest' checkpoint is written at the end of epoch 1 (iteration 2)
    if (!killed && metrics['iteration'] >= 3) {
      killed = true;
      workers.at(-1)!.kill('SIGKILL');
    }
  });
  const queued = await core.api.training.start({ target: 'supervised', ...TINY, patch: [...TINY.patch] });
  const job = await finished(core, queued.id);
  assert.ok(killed, 'the worker was killed');
  assert.equal(job.state, 'done', job.error ?? '');
  assert.equal(job.attempts, 2);
  const afterKill = seen.slice(seen.indexOf(3) + 1);
  assert.equal(
    afterKill[0],
    3,
    `resumed after the checkpoint at step 2, not from scratch: ${seen.join(',')}`,
  );
  const models = await core.api.models.list();
  assert.equal(models.length, 1, 'registered once');
  assert.deepEqual([...models[0]!.trainedOn.labelVersionIds].sort(), [gt[ids[0]!], gt[ids[1]!]].sort());
});

test('the pipeline pauses, survives a restart paused, resumes, and registers dae → consistency → pseudolabel', async (t) => {
  const dir = join(tempDir(t), 'project');
  let { core } = await trainingProject(t, dir);
  const queued = await core.api.training.start({ target: 'pipeline', ...TINY, patch: [...TINY.patch] });
  await new Promise<void>((resolve) => {
    const stop = core.events.subscribe('job.progress', ({ job, metrics }) => {
      if (job.id === queued.id && (metrics?.['iteration'] ?? 0) >= 1) {
        stop();
        void core.api.jobs.pause({ jobId: queued.id }).then(() => resolve());
      }
    });
  });
  await new Promise<void>((resolve) => {
    const stop = core.events.subscribe('job.progress', ({ job }) => {
      if (job.id === queued.id && job.state === 'paused') {
        stop();
        resolve();
      }
    });
  });
  core.dispose();
  core = createCore(dir);
  t.after(() => core.dispose());
  assert.equal(
    (await core.api.jobs.get({ jobId: queued.id })).state,
    'paused',
    'still paused after a restart',
  );
  const done = finished(core, queued.id);
  await core.api.jobs.resume({ jobId: queued.id });
  const job = await done;
  assert.equal(job.state, 'done', job.error ?? '');
  const models = await core.api.models.list();
  assert.deepEqual(
    models.map((m) => [m.id, m.stage, m.parentId]),
    [
      ['m1', 'dae', null],
      ['m2', 'consistency', 'm1'],
      ['m3', 'pseudolabel', 'm2'],
    ],
  );
  assert.equal(models.find((m) => m.active)?.id, 'm3');
  assert.equal(models[1]!.trainedOn.unlabeledCaseIds.length, 2, 'both uncorrected scans, not the test case');
  await assert.rejects(core.api.models.activate({ modelId: 'm1' }), /cannot segment/);
  assert.equal((await core.api.models.rollback()).id, 'm2');
  const history = await core.api.training.history({ jobId: queued.id });
  const consistency = history.points.filter((p) => p.stage === 'consistency');
  assert.ok(consistency.length > 0 && consistency.every((p) => typeof p.omega === 'number'));
  assert.ok(
    history.points.every((p) => !('omega' in p.loss) && !('unlabeled' in p.loss) && 'total' in p.loss),
    'loss records hold loss terms only',
  );
  const log = readFileSync(join(dir, 'runs', `job-${queued.id}`, 'progress.jsonl'), 'utf8');
  assert.match(log, /"stage":"pseudolabel"/);
});

test('the workstation preset is measured on this machine once and kept with the run', async (t) => {
  const dir = join(tempDir(t), 'project');
  const { core } = await trainingProject(t, dir);
  t.after(() => core.dispose());
  const messages: string[] = [];
  core.events.subscribe('job.progress', (p) => messages.push(p.message));
  const queued = await core.api.training.start({
    target: 'supervised',
    preset: 'workstation',
    architecture: 'tiny',
    patch: [16, 16, 16],
    iterations: 2,
  });
  const job = await finished(core, queued.id);
  assert.equal(job.state, 'done', job.error ?? '');
  assert.ok(messages.some((m) => /measuring the network speed/.test(m)));
  const preset = JSON.parse(readFileSync(join(dir, 'runs', `job-${queued.id}`, 'preset.json'), 'utf8')) as {
    name: string;
    note: string;
    stages: { consistency: { epochs: number } };
  };
  assert.equal(preset.name, 'workstation');
  assert.match(preset.note, /10 h at/);
  assert.ok(preset.stages.consistency.epochs >= 1);
  const [model] = await core.api.models.list();
  assert.equal(model!.config['preset'], 'workstation');
});
