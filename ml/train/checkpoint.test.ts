import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture } from '../config/architectures.js';
import { buildUMamba2 } from '../model/umamba2.js';
import { createOps } from '../runtime/ops/index.js';
import { loadCheckpoint, restoreParams, saveCheckpoint, type CheckpointInfo } from './checkpoint.js';

let dir = '';
before(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'ckpt-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

const tiny = getArchitecture('tiny');
const info = (metrics: Record<string, number>): CheckpointInfo => ({
  architecture: tiny,
  labelSchema: { id: 'stsr-2025-task1', labels: [{ value: 0, name: 'Background' }] },
  preprocessing: { fingerprint: 'sha256:abc', spacing: [0.3, 0.25, 0.25] },
  stage: 'supervised',
  metrics,
  extra: { split: { train: ['a'], val: ['b'] } },
});

test('save → load is bit-exact and self-describing', () => {
  const a = buildUMamba2(tiny, createOps('cpu'), { seed: 1 });
  // Awkward values: subnormals, negative zero, extremes.
  a.params.get('decoder.seg_layers.0.bias')!.assign(tf.tensor([1e-45, -0, 3.4028234e38]));
  saveCheckpoint(dir, 'best', a.params, info({ dice: 0.91 }));
  const loaded = loadCheckpoint(dir, 'best');
  assert.equal(loaded.manifest.stage, 'supervised');
  assert.deepEqual(loaded.manifest.metrics, { dice: 0.91 });
  assert.equal(loaded.manifest.preprocessing.fingerprint, 'sha256:abc');
  assert.deepEqual(loaded.manifest.architecture, tiny);
  const b = buildUMamba2(tiny, createOps('cpu'), { seed: 2 });
  restoreParams(loaded, tiny, b.params);
  for (const [n, v] of a.params) {
    const x = new Uint32Array(Float32Array.from(v.dataSync()).buffer);
    const y = new Uint32Array(Float32Array.from(b.params.get(n)!.dataSync()).buffer);
    assert.deepEqual(y, x, n);
  }
  a.dispose();
  b.dispose();
});

test('overwriting leaves one weights file and no temp files; a crash before the JSON keeps the old checkpoint', () => {
  const m = buildUMamba2(tiny, createOps('cpu'), { seed: 3 });
  saveCheckpoint(dir, 'last', m.params, info({ step: 1 }));
  m.params.get('decoder.seg_layers.0.bias')!.assign(tf.tensor([1, 2, 3]));
  saveCheckpoint(dir, 'last', m.params, info({ step: 2 }));
  const files = readdirSync(dir).filter((f) => f.startsWith('last.'));
  assert.equal(files.filter((f) => f.endsWith('.bin')).length, 1);
  assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
  // A new weights file written without its JSON (crash in between) does not disturb the old one.
  writeFileSync(join(dir, 'last.0123456789abcdef.bin'), 'partial');
  const loaded = loadCheckpoint(dir, 'last');
  assert.equal(loaded.manifest.metrics['step'], 2);
  assert.deepEqual(Array.from(loaded.tensors.get('decoder.seg_layers.0.bias')!.values), [1, 2, 3]);
  m.dispose();
});

test('a mismatched architecture, missing tensors or corrupt weights are clear errors', () => {
  const m = buildUMamba2(tiny, createOps('cpu'), { seed: 4 });
  saveCheckpoint(dir, 'm', m.params, info({}));
  const other = getArchitecture('tiny', { numClasses: 5, featuresPerStage: [4, 8, 24] });
  const o = buildUMamba2(other, createOps('cpu'), { seed: 5 });
  assert.throws(
    () => restoreParams(loadCheckpoint(dir, 'm'), other, o.params),
    /does not match model 'tiny': numClasses: checkpoint 3, model 5; featuresPerStage: checkpoint \[4,8,16\], model \[4,8,24\]/,
  );
  // Patch size and SSD form do not change the weights.
  const samePatch = getArchitecture('tiny', { patchSize: [8, 8, 8] });
  restoreParams(loadCheckpoint(dir, 'm'), samePatch, m.params);
  const ck = loadCheckpoint(dir, 'm');
  ck.tensors.delete('mamba_layer.mamba.D');
  assert.throws(() => restoreParams(ck, tiny, m.params), /missing \[mamba_layer\.mamba\.D\]/);
  const bin = readdirSync(dir).find((f) => f.startsWith('m.') && f.endsWith('.bin'))!;
  writeFileSync(join(dir, bin), 'garbage');
  assert.throws(() => loadCheckpoint(dir, 'm'), /corrupt \(SHA-256 mismatch\)/);
  assert.throws(() => saveCheckpoint(dir, '../evil', m.params, info({})), /invalid checkpoint name/);
  m.dispose();
  o.dispose();
});
