import assert from 'node:assert/strict';
import { test } from 'node:test';
import { STSR } from './architectures.js';
import { estimateMemory, WASM_HEAP_BYTES } from './memory.js';
import { workstationArchitecture } from './workstation.js';

const GiB = 1024 ** 3;

test('the workstation default grows with the backend and its memory', () => {
  const wasm = workstationArchitecture({ backend: 'wasm', systemBytes: 64 * GiB });
  const cpu = workstationArchitecture({ backend: 'cpu', systemBytes: 64 * GiB });
  const gpu = workstationArchitecture({ backend: 'tensorflow', systemBytes: 141 * GiB });
  assert.ok(wasm.estimate.bytes <= 0.9 * WASM_HEAP_BYTES, 'wasm stays inside its 4 GiB heap');
  assert.ok(wasm.estimate.bytes < cpu.estimate.bytes && cpu.estimate.bytes < gpu.estimate.bytes);
  assert.deepEqual(gpu.config.featuresPerStage, STSR.featuresPerStage);
  for (const c of [wasm, cpu, gpu]) {
    assert.equal(c.config.name, 'workstation');
    assert.deepEqual(c.config.strides, STSR.strides);
    assert.equal(c.config.numClasses, 13);
  }
  assert.throws(
    () => workstationArchitecture({ backend: 'cpu', systemBytes: 0.1 * GiB }),
    /no workstation configuration fits/,
  );
});

test('a run that would not fit is refused with a message that says what to change', () => {
  const e = estimateMemory(STSR, STSR.patchSize, 'wasm', 'train');
  assert.equal(e.fits, false);
  assert.match(e.advice ?? '', /stsr training on a 160×256×256 patch needs about \d+\.\d\d GiB/);
  assert.match(e.advice ?? '', /wasm heap is capped at 4 GiB/);
  assert.match(e.advice ?? '', /smaller patch/);
  assert.match(e.advice ?? '', /GPU backend/);
  assert.ok(estimateMemory(STSR, STSR.patchSize, 'tensorflow', 'infer', { systemBytes: 141 * GiB }).fits);
  assert.throws(() => estimateMemory(STSR, [100, 256, 256], 'cpu', 'infer'), /multiple of the total stride/);
});
