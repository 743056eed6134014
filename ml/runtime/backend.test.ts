import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classifyLoadError, describeSelection, selectBackend } from './backend.js';

test('forcing cpu selects cpu and does not try the others', async () => {
  const sel = await selectBackend({ force: 'cpu' });
  assert.equal(sel.name, 'cpu');
  assert.equal(sel.tf.getBackend(), 'cpu');
  assert.match(sel.reasons.tensorflow ?? '', /not tried/);
  assert.equal(sel.tf.tensor([1, 2]).sum().dataSync()[0], 3);
});

test('CBCT_BACKEND=wasm selects wasm', async () => {
  const sel = await selectBackend({ env: { CBCT_BACKEND: 'wasm' } });
  assert.equal(sel.name, 'wasm');
  assert.equal(sel.tf.getBackend(), 'wasm');
  assert.deepEqual(Array.from(sel.tf.tensor([1, 2]).mul(2).dataSync()), [2, 4]);
});

test('an unknown CBCT_BACKEND is an error', async () => {
  await assert.rejects(selectBackend({ env: { CBCT_BACKEND: 'webgpu' } }), /CBCT_BACKEND must be one of/);
});

test('without a native package the default is wasm and tensorflow says why', async () => {
  const sel = await selectBackend({ env: {} });
  if (sel.name === 'tensorflow') return; // a machine with libtensorflow: nothing to explain
  assert.equal(sel.name, 'wasm');
  assert.match(
    sel.reasons.tensorflow ?? '',
    /@tensorflow\/tfjs-node-gpu: (not installed|no CUDA|load error|installed without its native addon)/,
  );
  assert.match(
    sel.reasons.tensorflow ?? '',
    /@tensorflow\/tfjs-node: (not installed|load error|installed without)/,
  );
  assert.match(describeSelection(sel), /^wasm \(tensorflow: /);
});

test('forcing an unavailable tensorflow fails loudly', async (t) => {
  const sel = await selectBackend({ env: {} });
  if (sel.name === 'tensorflow') return t.skip('tensorflow is available here');
  await assert.rejects(selectBackend({ force: 'tensorflow' }), /'tensorflow' was forced but cannot load/);
});

test('load errors are classified', () => {
  const missing = Object.assign(
    new Error("Cannot find package '@tensorflow/tfjs-node-gpu' imported from x"),
    {
      code: 'ERR_MODULE_NOT_FOUND',
    },
  );
  assert.equal(
    classifyLoadError('@tensorflow/tfjs-node-gpu', missing),
    '@tensorflow/tfjs-node-gpu: not installed',
  );
  const cuda = new Error('libcudart.so.11.0: cannot open shared object file');
  assert.match(classifyLoadError('@tensorflow/tfjs-node-gpu', cuda), /no CUDA/);
  assert.match(classifyLoadError('@tensorflow/tfjs-node', new Error('bad ELF')), /load error \(bad ELF\)/);
  const noAddon = new Error(
    'The Node.js native addon module (tfjs_binding.node) can not be found at path: x',
  );
  assert.match(classifyLoadError('@tensorflow/tfjs-node-gpu', noAddon), /installed without its native addon/);
});
