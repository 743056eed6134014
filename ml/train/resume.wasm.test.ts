// Resuming continues the same seeded trajectory: a run interrupted (cancelled) at N/2 = 3 steps — in the middle
// of an epoch — and resumed from its 'latest' checkpoint in a separate Node process ends with weights identical
// bit for bit to the uninterrupted run's (the wasm backend is deterministic single-threaded), with the same
// epoch history (losses, validation pseudo Dice, EMA) and the same 'best' checkpoint. Full augmentation,
// foreground oversampling and 2-step accumulation are on, so every random stream is exercised.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { createOps } from '../runtime/ops/index.js';
import { loadCheckpoint } from './checkpoint.js';
import { namedBits, useWasm } from './testing/fixtures.js';
import { RESUME_ARCH, RESUME_CONFIG, resumeData } from './testing/resume-setup.js';
import { readResumePoint } from './training-checkpoint.js';
import { runTraining } from './trainer.js';

const root = mkdtempSync(join(tmpdir(), 'resume-'));
before(useWasm);
after(() => rmSync(root, { recursive: true, force: true }));

test('interrupted at N/2 and resumed in a fresh process = uninterrupted, bit for bit', async () => {
  const N = RESUME_CONFIG.epochs * RESUME_CONFIG.iterationsPerEpoch;
  const data = resumeData();
  const common = { architecture: RESUME_ARCH, config: RESUME_CONFIG, data, ops: createOps('wasm') };

  const dirA = join(root, 'uninterrupted');
  const a = await runTraining({ ...common, outDir: dirA });
  assert.equal(a.status, 'completed');
  assert.equal(a.state.iteration, N);

  const dirB = join(root, 'interrupted');
  const abort = new AbortController();
  const b = await runTraining({
    ...common,
    outDir: dirB,
    signal: abort.signal,
    onProgress: (p) => {
      if (p.iteration === N / 2) abort.abort();
    },
  });
  assert.equal(b.status, 'cancelled');
  assert.equal(readResumePoint(dirB).state.iteration, N / 2);
  assert.equal(readResumePoint(dirB).state.epochLoss.count, 1, 'interrupted in the middle of an epoch');
  b.model.dispose();

  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./testing/resume-child.ts', import.meta.url)), dirB],
    { encoding: 'utf8' },
  );
  assert.equal(child.status, 0, child.stderr);
  const report = JSON.parse(child.stdout.trim().split('\n').pop()!) as { status: string; iteration: number };
  assert.deepEqual(report, { status: 'completed', iteration: N, resumedFrom: N / 2 });

  const finalA = loadCheckpoint(dirA, 'final');
  const finalB = loadCheckpoint(dirB, 'final');
  const bitsA = namedBits(finalA.tensors);
  const bitsB = namedBits(finalB.tensors);
  assert.equal(finalA.manifest.weightsSha256, finalB.manifest.weightsSha256, 'final weights differ');
  for (const [n, v] of bitsA) assert.deepEqual(bitsB.get(n), v, n);
  // the in-memory model of run A is what it saved
  assert.deepEqual(namedBits(a.model.params), bitsA);
  const histA = readResumePoint(dirA).state;
  const histB = readResumePoint(dirB).state;
  assert.deepEqual(histB.history, histA.history);
  assert.deepEqual(histB.ema, histA.ema);
  assert.deepEqual(histB.dataRng, histA.dataRng);
  assert.equal(
    loadCheckpoint(dirB, 'best').manifest.weightsSha256,
    loadCheckpoint(dirA, 'best').manifest.weightsSha256,
  );
  // optimizer state too
  const optA = readResumePoint(dirA).optimizerState;
  const optB = readResumePoint(dirB).optimizerState;
  assert.equal(optA.size, finalA.tensors.size);
  for (const [n, t] of optA) assert.deepEqual(optB.get(n)!.values, t.values, n);
  a.model.dispose();
});
