// Each stage lowers its own loss over a few dozen steps on `tiny` (wasm, small phantoms), measured on a fixed set
// of batches before and after training: the DAE's reconstruction L1; stage 2's supervised and consistency losses;
// stage 3's supervised and consistency losses (from stage 2), and its pseudo-label steps alone lowering the
// pseudo-label loss (from a parent whose heads favour class 1, so confident pseudo labels exist from the start — a
// 40-step tiny model predicts only background, and with supervision mixed in the pseudo labels themselves move).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { loadCheckpoint } from '../train/checkpoint.js';
import {
  DEFAULT_LABEL_SCHEMA,
  preprocessingRecord,
  saveTrainingCheckpoint,
} from '../train/training-checkpoint.js';
import { transferWeights } from './dae/transfer.js';
import { resolveDaeSettings, resolveSemiSupervised, type SemiSupervisedOverrides } from './settings.js';
import { stageTrainerConfig } from './stage-config.js';
import { daeArchitecture, runConsistencyStage, runDaeStage, runPseudoLabelStage } from './stages.js';
import { smallSslData, TINY16, uniformPreset, useWasm } from './testing/fixtures.js';
import { daeObjective, semiObjective } from './testing/objective.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-falls-'));
before(useWasm);
after(() => rmSync(root, { recursive: true, force: true }));
const data = smallSslData(2, 2);
const preset = uniformPreset(8, 5); // 40 optimizer steps
const ops = () => createOps('wasm');
const fmt = (o: Record<string, number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k} ${v.toFixed(4)}`)
    .join(', ');

test('stage 1: the reconstruction L1 falls', async () => {
  const trainer = { optimizer: { initialLr: 5e-3 }, batchSize: 1 };
  const dae = { corruption: { maskCube: 4 } };
  const config = stageTrainerConfig('dae', preset, 4, trainer);
  const settings = resolveDaeSettings({ ...dae, lr: { warmupEpochs: 1 } });
  const initial = buildUMamba2(daeArchitecture(TINY16), ops(), { seed: config.seed });
  const before = daeObjective(initial, config, data, settings, 6);
  const r = await runDaeStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: join(root, 'dae'),
    preset,
    trainer,
    dae,
  });
  const afterwards = daeObjective(r.model, config, data, settings, 6);
  console.log(`# DAE L1 on 6 fixed batches: ${before.toFixed(4)} → ${afterwards.toFixed(4)}`);
  assert.ok(afterwards < 0.85 * before, `${before} → ${afterwards}`);
  [initial, r.model].forEach((m) => m.dispose());
});

test('stage 2: the supervised and the consistency losses fall', async () => {
  const settings: SemiSupervisedOverrides = { unlabeled: { start: 0.5 }, consistency: { rampFraction: 0 } };
  const config = stageTrainerConfig('consistency', preset, 2);
  const s = resolveSemiSupervised('consistency', settings);
  const initial = buildUMamba2(TINY16, ops(), { seed: config.seed });
  const before = semiObjective(initial, config, data, s, 12);
  const r = await runConsistencyStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: join(root, 's2'),
    preset,
    settings,
  });
  const afterwards = semiObjective(r.model, config, data, s, 12);
  console.log(`# stage 2 on 12 fixed batches: ${fmt(before)} → ${fmt(afterwards)}`);
  assert.ok(
    before['consistency']! > 0 && before['supervised']! > 0,
    'both kinds are among the fixed batches',
  );
  assert.ok(afterwards['supervised']! < 0.7 * before['supervised']!);
  assert.ok(afterwards['consistency']! < before['consistency']!);
  [initial, r.model].forEach((m) => m.dispose());
});

test('stage 3 (from stage 2, default mix): the supervised and the consistency losses fall', async () => {
  const trainer = { optimizer: { initialLr: 1e-2 } };
  const config = stageTrainerConfig('pseudolabel', preset, 2, trainer);
  const settings: SemiSupervisedOverrides = { unlabeled: { start: 0.5 } };
  const s = resolveSemiSupervised('pseudolabel', settings);
  const parent = join(root, 's2');
  const r = await runPseudoLabelStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: join(root, 's3'),
    preset,
    settings,
    parent: { dir: parent },
    trainer,
  });
  const initial = buildUMamba2(TINY16, ops(), { seed: 1 });
  transferWeights(loadCheckpoint(parent, 'final'), initial);
  const before = semiObjective(initial, config, data, s, 16);
  const afterwards = semiObjective(r.model, config, data, s, 16);
  console.log(`# stage 3 on 16 fixed batches: ${fmt(before)} → ${fmt(afterwards)}`);
  assert.ok(afterwards['supervised']! < before['supervised']!);
  assert.ok(afterwards['consistency']! < before['consistency']!);
  [initial, r.model].forEach((m) => m.dispose());
});

test('stage 3 pseudo-label steps lower the pseudo-label loss', async () => {
  const parent = join(root, 'biased');
  mkdirSync(parent);
  const config = stageTrainerConfig('pseudolabel', preset, 2, { optimizer: { initialLr: 1e-2 } });
  const biased = buildUMamba2(TINY16, ops(), { seed: 3 });
  for (const [n, v] of biased.params)
    if (n.includes('.seg_layers.') && n.endsWith('.bias')) tf.tidy(() => v.assign(tf.tensor1d([0, 2, 0])));
  saveTrainingCheckpoint(parent, 'final', {
    architecture: TINY16,
    labelSchema: DEFAULT_LABEL_SCHEMA,
    preprocessing: preprocessingRecord(data.plan, data.fingerprint),
    config,
    model: biased,
    metrics: {},
    split: { train: [], val: [], unlabeled: [] },
  });
  // W_PL 1 instead of 0.1 so that 20 steps move it visibly
  const settings: SemiSupervisedOverrides = {
    unlabeled: { start: 1, max: 1 },
    pseudoLabel: { probability: 1, weight: 1 },
  };
  const s = resolveSemiSupervised('pseudolabel', settings);
  const before = semiObjective(biased, config, data, s, 6);
  const r = await runPseudoLabelStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: join(root, 's3-pl'),
    preset: uniformPreset(4, 5),
    settings,
    parent: { dir: parent },
    trainer: { optimizer: { initialLr: 1e-2 } },
  });
  const afterwards = semiObjective(r.model, config, data, s, 6);
  console.log(`# stage 3, pseudo-label steps only, 6 fixed batches: ${fmt(before)} → ${fmt(afterwards)}`);
  assert.ok(before['pseudoLabel']! !== 0, 'confident pseudo labels exist');
  assert.ok(afterwards['pseudoLabel']! < before['pseudoLabel']! - 0.02);
  [biased, r.model].forEach((m) => m.dispose());
});
