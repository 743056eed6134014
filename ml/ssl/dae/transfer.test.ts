// Weight transfer (spec §4.6): DAE → segmentation network copies every tensor but the heads bit for bit and
// leaves the heads freshly initialised; stage 2 → 3 (same heads) copies everything; mismatches are clear errors.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { getArchitecture } from '../../config/architectures.js';
import { buildUMamba2 } from '../../model/umamba2.js';
import { createOps } from '../../runtime/ops/index.js';
import { loadCheckpoint, saveCheckpoint } from '../../train/checkpoint.js';
import { daeArchitecture } from '../stages.js';
import { tensorBits } from '../testing/fixtures.js';
import { isHead, transferWeights } from './transfer.js';

const dir = mkdtempSync(join(tmpdir(), 'ssl-transfer-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const seg = getArchitecture('tiny', { patchSize: [16, 16, 16] });
const ops = createOps('cpu');
const info = (architecture: typeof seg, stage: string) => ({
  architecture,
  labelSchema: { id: 't', labels: [] },
  preprocessing: { fingerprint: 'x' },
  stage,
  metrics: {},
});

test('DAE → segmentation: non-head tensors bit-equal, heads re-initialised, shapes checked', () => {
  const dae = buildUMamba2(daeArchitecture(seg), ops, { seed: 1 });
  saveCheckpoint(dir, 'dae', dae.params, info(dae.config, 'ssl-dae'));
  const target = buildUMamba2(seg, ops, { seed: 2 });
  const fresh = buildUMamba2(seg, ops, { seed: 2 });
  const report = transferWeights(loadCheckpoint(dir, 'dae'), target);
  assert.equal(report.headsLoaded, false);
  assert.deepEqual(report.ignored, []);
  const heads = [...target.params.keys()].filter(isHead);
  assert.equal(heads.length, 4, 'two decoder stages × (weight, bias)');
  for (const [n, v] of target.params) {
    if (isHead(n)) {
      assert.deepEqual(tensorBits(v), tensorBits(fresh.params.get(n)!), `${n} keeps its fresh init`);
      assert.equal(v.shape[v.shape.length - 1], 3, `${n} has the segmentation class count`);
      assert.equal(dae.params.get(n)!.shape[dae.params.get(n)!.shape.length - 1], 1);
    } else {
      assert.deepEqual(v.shape, dae.params.get(n)!.shape, n);
      assert.deepEqual(tensorBits(v), tensorBits(dae.params.get(n)!), `${n} transferred bit for bit`);
    }
  }
  const stem = 'encoder.stem.convs.0.conv.weight';
  assert.notDeepEqual(tensorBits(dae.params.get(stem)!), tensorBits(fresh.params.get(stem)!), 'seeds differ');
  assert.ok(report.loaded.includes('mamba_layer.mamba.A_log'), 'the Mamba layer is transferred');
  assert.equal(report.loaded.length, target.params.size - heads.length);
  [dae, target, fresh].forEach((m) => m.dispose());
});

test('stage 2 → 3: the heads match and are loaded too', () => {
  const a = buildUMamba2(seg, ops, { seed: 3 });
  saveCheckpoint(dir, 's2', a.params, info(seg, 'ssl-consistency'));
  const b = buildUMamba2(seg, ops, { seed: 4 });
  const report = transferWeights(loadCheckpoint(dir, 's2'), b);
  assert.equal(report.headsLoaded, true);
  for (const [n, v] of b.params) assert.deepEqual(tensorBits(v), tensorBits(a.params.get(n)!), n);
  [a, b].forEach((m) => m.dispose());
});

test('mismatches are clear errors and change nothing', () => {
  const wide = getArchitecture('tiny', { patchSize: [16, 16, 16], featuresPerStage: [4, 8, 24] });
  const w = buildUMamba2(daeArchitecture(wide), ops, { seed: 5 });
  saveCheckpoint(dir, 'wide', w.params, info(w.config, 'ssl-dae'));
  const target = buildUMamba2(seg, ops, { seed: 6 });
  const before = tensorBits(target.params.get('encoder.stem.convs.0.conv.weight')!);
  assert.throws(
    () => transferWeights(loadCheckpoint(dir, 'wide'), target),
    /cannot transfer weights of 'tiny' into 'tiny': featuresPerStage/,
  );
  // a checkpoint lacking a tensor (architecture recorded as compatible)
  const small = buildUMamba2(daeArchitecture(seg), ops, { seed: 7 });
  const lacking = new Map([...small.params].filter(([n]) => n !== 'mamba_layer.norm.weight'));
  saveCheckpoint(dir, 'lacking', lacking, info(small.config, 'ssl-dae'));
  assert.throws(
    () => transferWeights(loadCheckpoint(dir, 'lacking'), target),
    /mamba_layer\.norm\.weight is missing/,
  );
  assert.deepEqual(tensorBits(target.params.get('encoder.stem.convs.0.conv.weight')!), before);
  [w, target, small].forEach((m) => m.dispose());
});
