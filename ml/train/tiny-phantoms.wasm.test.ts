// The headline check of issue 4: a `tiny` U-Mamba2 trained on wasm, on a few small synthetic phantoms, for a
// bounded number of iterations, segments two phantoms it never saw with image-level Dice ≥ 0.85, through the
// whole product path: fingerprint and plan from the labelled training cases, foreground-oversampled patches,
// SGD with the validation pseudo-Dice EMA choosing the 'best' checkpoint (written atomically), that checkpoint
// loaded from disk, sliding-window inference with the STSR recipe (tile step 0.8, mirroring over axes 1 and 2),
// streamed restore to the source grid.
//
// Metric: image-level Dice as STSR scores it (labels > 0, i.e. tooth ∪ pulp vs background; spec §7,
// `evaluateCase(...).image.dice`) — the "Dice for teeth" of the issue. Label 1 alone would score the tooth minus
// its pulp, which is what the instance metrics report.
// Deviation (test recipe, not the trainer's defaults): lr 0.1 with momentum 0.9 instead of 0.01 / 0.99. With
// μ = 0.99 the momentum buffer averages over ~100 steps, a third of this whole run: the reference setting, same
// data, steps and inference, reached image-level Dice 0.905 and 0.732 on these two phantoms (measured while
// writing this test), this recipe 0.997 and 0.987. Augmentation is off (speed; mirroring TTA still helps),
// foreground oversampling 0.5, batch 4 of 16³ patches, 300 steps (~80 s of training on one core).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../config/architectures.js';
import { STSR_INFERENCE } from '../infer/config.js';
import { loadSegmentationModel } from '../infer/load-model.js';
import { modelPredictor, segmentVolume } from '../infer/segment.js';
import { evaluateCase } from '../metrics/evaluate-case.js';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { resolveTrainerConfig } from './config.js';
import { prepareTrainingData } from './data.js';
import { phantomCase, useWasm, type PhantomSpec } from './testing/fixtures.js';
import { runTraining } from './trainer.js';

const SPEC: PhantomSpec = { size: [64, 64, 48], spacing: 0.8, teeth: 6 };
const TRAIN_SEEDS = [1, 2, 3, 4, 5, 6, 7, 8];
const VAL_SEEDS = [100, 101];
const TEST_SEEDS = [201, 202];
const DICE_BAR = 0.85;

const dir = mkdtempSync(join(tmpdir(), 'tiny-phantoms-'));
before(useWasm);
after(() => rmSync(dir, { recursive: true, force: true }));

test('tiny U-Mamba2 trained on phantoms: image-level Dice ≥ 0.85 on held-out phantoms (wasm)', async () => {
  const t0 = performance.now();
  const data = prepareTrainingData(
    TRAIN_SEEDS.map((s) => phantomCase(s, SPEC)),
    VAL_SEEDS.map((s) => phantomCase(s, SPEC)),
    { fingerprintSamples: 20000 },
  );
  const architecture = getArchitecture('tiny', { patchSize: [16, 16, 16] });
  const config = resolveTrainerConfig({
    seed: 1,
    epochs: 30,
    iterationsPerEpoch: 10,
    batchSize: 4,
    optimizer: { initialLr: 0.1, momentum: 0.9 },
    augmentation: false,
    sampling: { foregroundProbability: 0.5 },
    validation: { iterations: 2 },
    checkpointEvery: 10,
    preprocessing: { fingerprintSamples: 20000 },
  });
  const initial = buildUMamba2(architecture, createOps('wasm'), { seed: config.seed });
  const tensorsBefore = tf.memory().numTensors;
  const run = await runTraining({
    architecture,
    config,
    data,
    ops: createOps('wasm'),
    model: initial,
    outDir: dir,
  });
  const trainSeconds = run.seconds;
  assert.equal(run.status, 'completed');
  assert.equal(tf.memory().numTensors, tensorsBefore, 'training leaks tensors');
  run.model.dispose();

  // The training loss went down (mean of the first three epochs vs the last three).
  const h = run.state.history;
  const mean = (xs: number[]) => xs.reduce((a, v) => a + v, 0) / xs.length;
  const first = mean(h.slice(0, 3).map((e) => e.train['total']!));
  const last = mean(h.slice(-3).map((e) => e.train['total']!));
  assert.ok(last < first - 0.5, `training loss ${first.toFixed(3)} → ${last.toFixed(3)}`);
  assert.ok(run.state.ema.best !== null && run.state.ema.bestEpoch !== null);

  const { model, plan, manifest } = loadSegmentationModel(dir, 'best', createOps('wasm'));
  assert.equal(manifest.metrics['epoch'], run.state.ema.bestEpoch);
  const scores: number[] = [];
  for (const seed of TEST_SEEDS) {
    const c = phantomCase(seed, SPEC);
    const seg = await segmentVolume(c.image, modelPredictor(model), plan, { config: STSR_INFERENCE });
    assert.deepEqual(
      [seg.label.dims, seg.label.spacing, seg.label.origin, seg.label.direction],
      [c.image.dims, c.image.spacing, c.image.origin, c.image.direction],
    );
    scores.push(evaluateCase(c.label, seg.label).image!.dice!);
  }
  model.dispose();
  console.log(
    `# tiny phantoms: image-level Dice ${scores.map((d) => d.toFixed(4)).join(', ')} after ` +
      `${run.state.iteration} steps (best EMA epoch ${run.state.ema.bestEpoch}, EMA ${run.state.ema.best?.toFixed(3)}); ` +
      `training ${trainSeconds.toFixed(0)} s, total ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  for (const d of scores) assert.ok(d >= DICE_BAR, `image-level Dice ${d.toFixed(4)} < ${DICE_BAR}`);
});
