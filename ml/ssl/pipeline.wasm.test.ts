// The pipeline chains DAE → consistency → pseudo labels by checkpoint: each stage's record names its parent's final
// weights; a rerun reuses completed stages; a run cancelled in stage 2 and rerun resumes stage 2 from its 'latest'
// checkpoint and ends with the same weights, bit for bit, as an uninterrupted pipeline (wasm is deterministic).
// No tensors leak.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { loadCheckpoint } from '../train/checkpoint.js';
import { runSslPipeline, stageDir } from './pipeline.js';
import { readStageRecord } from './stage-record.js';
import { smallSslData, TINY16, uniformPreset, useWasm } from './testing/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-pipeline-'));
before(useWasm);
after(() => rmSync(root, { recursive: true, force: true }));
const data = smallSslData(2, 2);
const preset = uniformPreset(2, 2, 1); // 4 steps per stage, validation every epoch
// enough unlabelled micro-batches to exercise both unlabelled paths in 16 micro-batches
const common = {
  architecture: TINY16,
  data,
  preset,
  consistency: { unlabeled: { start: 0.5 } },
  pseudolabel: { unlabeled: { start: 0.5 }, pseudoLabel: { probability: 0.5 } },
};

test('chained by checkpoint; a rerun reuses; cancelled in stage 2 and rerun = uninterrupted, bit for bit', async () => {
  const a = join(root, 'a');
  // buildUMamba2 itself may keep tensors after dispose (initParams' initial values); the pipeline builds 3 models
  let tensorsBefore = tf.memory().numTensors;
  buildUMamba2(TINY16, createOps('wasm'), { seed: 1 }).dispose();
  const perBuild = tf.memory().numTensors - tensorsBefore;
  tensorsBefore = tf.memory().numTensors;
  const full = await runSslPipeline({ ...common, ops: createOps('wasm'), outDir: a });
  assert.equal(full.status, 'completed');
  assert.deepEqual(
    full.stages.map((s) => s.stage),
    ['dae', 'consistency', 'pseudolabel'],
  );
  const rec = (dir: string, s: 'dae' | 'consistency' | 'pseudolabel') => readStageRecord(stageDir(dir, s))!;
  assert.equal(rec(a, 'dae').parent, null);
  assert.equal(rec(a, 'consistency').parent!.weightsSha256, rec(a, 'dae').finalWeightsSha256);
  assert.equal(rec(a, 'pseudolabel').parent!.weightsSha256, rec(a, 'consistency').finalWeightsSha256);
  assert.equal(full.stages[1]!.transfer!.headsLoaded, false, 'DAE → stage 2: fresh heads');
  assert.equal(full.stages[2]!.transfer!.headsLoaded, true, 'stage 2 → 3: heads loaded');
  full.model!.dispose();
  assert.equal(
    tf.memory().numTensors - tensorsBefore,
    3 * perBuild,
    'no tensor leaks across the three stages',
  );

  const again = await runSslPipeline({ ...common, ops: createOps('wasm'), outDir: a });
  assert.deepEqual(
    again.stages.map((s) => s.reused),
    [true, true, true],
  );
  again.model!.dispose();

  const b = join(root, 'b');
  const abort = new AbortController();
  const cut = await runSslPipeline({
    ...common,
    ops: createOps('wasm'),
    outDir: b,
    signal: abort.signal,
    onProgress: (p) => {
      if (p.stage === 'consistency' && p.iteration === 2) abort.abort();
    },
  });
  assert.equal(cut.status, 'cancelled');
  assert.deepEqual(
    cut.stages.map((s) => s.status),
    ['completed', 'cancelled'],
  );
  assert.equal(rec(b, 'consistency').status, 'cancelled');
  cut.model!.dispose();

  const resumed = await runSslPipeline({ ...common, ops: createOps('wasm'), outDir: b });
  assert.equal(resumed.status, 'completed');
  assert.deepEqual(
    resumed.stages.map((s) => [s.stage, s.reused, s.startedAt]),
    [
      ['dae', true, 4],
      ['consistency', false, 2],
      ['pseudolabel', false, 0],
    ],
  );
  for (const s of ['dae', 'consistency', 'pseudolabel'] as const) {
    assert.equal(
      loadCheckpoint(stageDir(b, s), 'final').manifest.weightsSha256,
      loadCheckpoint(stageDir(a, s), 'final').manifest.weightsSha256,
      `${s}: resumed = uninterrupted`,
    );
  }
  resumed.model!.dispose();
});

test('stages must come in pipeline order', async () => {
  await assert.rejects(
    runSslPipeline({
      ...common,
      ops: createOps('wasm'),
      outDir: join(root, 'c'),
      stages: ['consistency', 'dae'],
    }),
    /subsequence/,
  );
});
