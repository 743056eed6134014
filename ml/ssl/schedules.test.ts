// Stage schedules at their landmarks (spec §3.1, §3.7, §4.5): ω at t = 0, R/2, R with R counted in micro-batches,
// the unlabelled share, the stage LRs, and the presets' counts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { learningRateAt } from '../train/lr-schedule.js';
import { daeLearningRate } from './dae/hooks.js';
import { REFERENCE_PRESET, TEST_PRESET, workstationPreset } from './presets.js';
import { consistencyWeightAt, microBatchIndex, rampLength, unlabeledProbability } from './schedules.js';
import { resolveDaeSettings, resolveSemiSupervised } from './settings.js';
import { stageTrainerConfig } from './stage-config.js';

const close = (a: number, b: number, what: string, tol = 1e-12) =>
  assert.ok(Math.abs(a - b) < tol, `${what}: ${a} vs ${b}`);

test('stage 2 (reference): R = 100,000 micro-batches; ω = 50·e⁻⁵, 50·e^−1.25, 50 at t = 0, R/2, R', () => {
  const c = stageTrainerConfig('consistency', REFERENCE_PRESET, 30);
  assert.equal(c.epochs, 1000);
  assert.equal(c.iterationsPerEpoch * c.accumulation.steps, 500);
  const s = resolveSemiSupervised('consistency');
  const R = rampLength(s.consistency, c);
  assert.equal(R, 100_000);
  close(consistencyWeightAt(s.consistency, c, 0), 50 * Math.exp(-5), 'ω(0)');
  close(consistencyWeightAt(s.consistency, c, R / 2), 50 * Math.exp(-1.25), 'ω(R/2)');
  assert.equal(consistencyWeightAt(s.consistency, c, R), 50);
  assert.equal(consistencyWeightAt(s.consistency, c, 2 * R), 50);
  // t counts micro-batches: R/2 is optimizer step 25,000 (epoch 100)
  assert.equal(microBatchIndex(c, 25_000, 0), R / 2);
  close(
    consistencyWeightAt(s.consistency, c, microBatchIndex(c, 100 * 250, 0)),
    14.3,
    'ω at epoch 100',
    0.05,
  );
});

test('stage 3 (reference): the shorter ramp R = 12,500; ω(R/2) = 50·e^−1.25', () => {
  const c = stageTrainerConfig('pseudolabel', REFERENCE_PRESET, 30);
  const s = resolveSemiSupervised('pseudolabel');
  const R = rampLength(s.consistency, c);
  assert.equal(R, 12_500);
  close(consistencyWeightAt(s.consistency, c, 0), 50 * Math.exp(-5), 'ω(0)');
  close(consistencyWeightAt(s.consistency, c, R / 2), 50 * Math.exp(-1.25), 'ω(R/2)');
  assert.equal(consistencyWeightAt(s.consistency, c, R), 50);
  // [P]'s 0.2·T ramp is a switch
  const paper = resolveSemiSupervised('pseudolabel', { consistency: { rampFraction: 0.2 } });
  assert.equal(rampLength(paper.consistency, c), 50_000);
  assert.equal(s.pseudoLabel.probability, 0.25);
  assert.equal(s.pseudoLabel.threshold, 0.75);
  assert.equal(s.pseudoLabel.weight, 0.1);
  assert.equal(resolveSemiSupervised('consistency').pseudoLabel.probability, 0);
});

test('unlabelled share: stage 2 0.1 → 0.5 at 0.4·E; stage 3 0.3 → 0.5 at 0.2·E', () => {
  const s2 = resolveSemiSupervised('consistency').unlabeled;
  const s3 = resolveSemiSupervised('pseudolabel').unlabeled;
  close(unlabeledProbability(s2, 0, 1000), 0.1, 'stage 2 e=0');
  close(unlabeledProbability(s2, 200, 1000), 0.3, 'stage 2 e=0.2E');
  close(unlabeledProbability(s2, 400, 1000), 0.5, 'stage 2 e=0.4E');
  close(unlabeledProbability(s2, 999, 1000), 0.5, 'stage 2 end');
  close(unlabeledProbability(s3, 0, 500), 0.3, 'stage 3 e=0');
  close(unlabeledProbability(s3, 50, 500), 0.4, 'stage 3 e=0.1E');
  close(unlabeledProbability(s3, 100, 500), 0.5, 'stage 3 e=0.2E');
  close(unlabeledProbability(s3, 499, 500), 0.5, 'stage 3 end');
});

test('stage LRs: DAE warm-up + cosine per step; stage 2 poly 0.01; stage 3 linear 1e-3 → 1e-5', () => {
  const dae = stageTrainerConfig('dae', REFERENCE_PRESET, 280);
  assert.equal(dae.iterationsPerEpoch, 140, 'one pass over 280 scans at batch 2');
  assert.equal(dae.gradClipNorm, 1);
  assert.equal(dae.optimizer.weightDecay, 0.05);
  const s = resolveDaeSettings({ lr: { warmupEpochs: 4 } });
  assert.equal(daeLearningRate(dae, s, 0), 5e-7);
  close(daeLearningRate(dae, s, 100 * 140), (5e-5 + 5e-6) / 2, 'DAE mid-way', 1e-15);
  assert.equal(daeLearningRate(dae, s, 200 * 140), 5e-6);
  const s2 = stageTrainerConfig('consistency', REFERENCE_PRESET, 30);
  assert.equal(learningRateAt(s2, 0), 0.01);
  close(learningRateAt(s2, 500 * 250), 0.01 * 0.5 ** 0.9, 'poly at E/2');
  const s3 = stageTrainerConfig('pseudolabel', REFERENCE_PRESET, 30);
  assert.equal(s3.epochs, 500);
  assert.equal(learningRateAt(s3, 0), 1e-3);
  close(learningRateAt(s3, 499 * 250), 1e-5, 'linear at the last epoch', 1e-18);
});

test('presets: reference counts, test counts, workstation from a measured speed', () => {
  assert.equal(REFERENCE_PRESET.stages.dae.epochs, 200);
  assert.equal(stageTrainerConfig('consistency', TEST_PRESET, 2).epochs, 2);
  const w = workstationPreset({ forwardBackward: 1, forward: 0.3, source: 'test' }, 10);
  const steps = (s: keyof typeof w.stages) => w.stages[s].epochs * (w.stages[s].iterationsPerEpoch as number);
  // stage 2 gets 60 % of 36,000 s at 2·(1 + 0.42·0.3) s per step (+ validation): about 9,400 steps
  assert.ok(steps('consistency') > 9000 && steps('consistency') < 9700, String(steps('consistency')));
  const slower = workstationPreset({ forwardBackward: 10, forward: 3, source: 'test' }, 10);
  assert.ok(
    Math.abs(steps('dae') / (slower.stages.dae.epochs * 10) - 10) < 1,
    'ten times slower, a tenth of the steps',
  );
});
