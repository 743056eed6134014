// Smoke tests: one optimizer step of each stage on `tiny` (wasm), chained by checkpoint as the pipeline does:
// DAE → consistency (heads re-initialised) → pseudo labels (heads loaded). Each writes its checkpoints and
// record, reports progress with its LR / ω / unlabelled share, and changes the weights.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { loadCheckpoint } from '../train/checkpoint.js';
import { isHead } from './dae/transfer.js';
import type { SslProgress } from './run-stage.js';
import { readStageRecord } from './stage-record.js';
import { daeArchitecture, runConsistencyStage, runDaeStage, runPseudoLabelStage } from './stages.js';
import { smallSslData, tensorBits, TINY16, uniformPreset, useWasm } from './testing/fixtures.js';

const root = mkdtempSync(join(tmpdir(), 'ssl-smoke-'));
before(useWasm);
after(() => rmSync(root, { recursive: true, force: true }));
const data = smallSslData(2, 2);
const one = uniformPreset(1, 1, 1);
const ops = () => createOps('wasm');
const dirs = {
  dae: join(root, 'dae'),
  consistency: join(root, 'consistency'),
  pseudolabel: join(root, 'pseudolabel'),
};

test('stage 1 (DAE): one step, 1-channel model without deep supervision, warm-up LR, record', async () => {
  const progress: SslProgress[] = [];
  const r = await runDaeStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: dirs.dae,
    preset: one,
    onProgress: (p) => progress.push(p),
  });
  assert.equal(r.status, 'completed');
  assert.equal(progress.length, 1);
  const p = progress[0]!;
  assert.equal(p.stage, 'dae');
  assert.equal(p.lr, 5e-7, 'the warm-up starts at 5e-7');
  assert.ok(Number.isFinite(p.loss['l1']!) && p.loss['l1']! > 0);
  assert.ok(p.etaSeconds >= 0 && p.iterationsPerSecond > 0);
  const final = loadCheckpoint(dirs.dae, 'final').manifest;
  assert.equal(final.stage, 'ssl-dae');
  assert.equal(final.architecture.numClasses, 1);
  assert.equal(final.architecture.deepSupervision, false);
  assert.ok(existsSync(join(dirs.dae, 'best.json')), 'validation by reconstruction loss writes best');
  const rec = readStageRecord(dirs.dae)!;
  assert.equal(rec.status, 'completed');
  assert.equal(rec.finalWeightsSha256, final.weightsSha256);
  assert.deepEqual(rec.data.unlabeled, ['scan-100', 'scan-101']);
  const fresh = buildUMamba2(daeArchitecture(TINY16), ops(), { seed: rec.trainer.seed });
  const stem = 'encoder.stem.convs.0.conv.weight';
  assert.notDeepEqual(
    tensorBits(r.model.params.get(stem)!),
    tensorBits(fresh.params.get(stem)!),
    'weights moved',
  );
  [fresh, r.model].forEach((m) => m.dispose());
});

test('stage 2 (consistency): starts from the DAE weights with fresh heads; an unlabelled step has ω(0)', async () => {
  const progress: SslProgress[] = [];
  const r = await runConsistencyStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: dirs.consistency,
    preset: one,
    parent: { dir: dirs.dae },
    settings: { unlabeled: { start: 1, max: 1 }, consistency: { rampFraction: 1 } },
    onProgress: (p) => progress.push(p),
  });
  assert.equal(r.status, 'completed');
  assert.equal(r.transfer!.headsLoaded, false);
  assert.equal(r.transfer!.loaded.filter(isHead).length, 0);
  const p = progress[0]!;
  assert.equal(p.loss['unlabeled'], 1, 'every micro-batch unlabelled');
  assert.ok(p.loss['consistency']! > 0);
  assert.ok(Math.abs(p.omega! - 50 * Math.exp(-5)) < 1e-12, `ω(0) = ${p.omega}`); // R = 2 micro-batches
  // the logged term is the mean over the step's two micro-batches: ω(t = 0) and ω(t = 1 = R/2)
  assert.ok(Math.abs(p.loss['omega']! - (50 * Math.exp(-5) + 50 * Math.exp(-1.25)) / 2) < 1e-5);
  assert.equal(p.unlabeledProbability, 1);
  assert.equal(p.lr, 0.01);
  const rec = readStageRecord(dirs.consistency)!;
  assert.equal(rec.parent!.stage, 'ssl-dae');
  assert.equal(rec.parent!.weightsSha256, readStageRecord(dirs.dae)!.finalWeightsSha256);
  assert.equal(loadCheckpoint(dirs.consistency, 'final').manifest.stage, 'ssl-consistency');
  r.model.dispose();
});

test('stage 3 (pseudo labels): starts from stage 2 with its heads; a pseudo-label step', async () => {
  const progress: SslProgress[] = [];
  const r = await runPseudoLabelStage({
    architecture: TINY16,
    data,
    ops: ops(),
    outDir: dirs.pseudolabel,
    preset: one,
    parent: { dir: dirs.consistency },
    settings: { unlabeled: { start: 1, max: 1 }, pseudoLabel: { probability: 1 } },
    onProgress: (p) => progress.push(p),
  });
  assert.equal(r.status, 'completed');
  assert.equal(r.transfer!.headsLoaded, true);
  const p = progress[0]!;
  assert.equal(p.loss['pseudoLabelStep'], 1);
  assert.equal(p.loss['consistency'], 0);
  assert.ok(Number.isFinite(p.loss['pseudoLabel']!));
  assert.equal(p.lr, 1e-3);
  assert.equal(readStageRecord(dirs.pseudolabel)!.parent!.stage, 'ssl-consistency');
  r.model.dispose();
});

test('a stage needs unlabelled scans; a folder with a different run is refused', async () => {
  await assert.rejects(
    runConsistencyStage({
      architecture: TINY16,
      data: { ...data, unlabeled: [] },
      ops: ops(),
      outDir: join(root, 'x'),
      preset: one,
    }),
    /needs unlabelled scans/,
  );
  await assert.rejects(
    runConsistencyStage({
      architecture: TINY16,
      data,
      ops: ops(),
      outDir: dirs.consistency,
      preset: one,
      parent: { dir: dirs.dae },
    }),
    /holds a consistency run with a different settings/,
  );
});
