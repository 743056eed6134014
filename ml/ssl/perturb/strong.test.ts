// The strong view's perturbations (spec §3.5, the `_saug` values): each applies with its probability and draws its
// parameters from the specified laws (checked over many draws on a small patch).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Shape3 } from '../../data/preprocess/layout.js';
import { createRng } from '../../util/rng.js';
import { STRONG_DEFAULTS, noStrongAugmentation, resolveStrongAugment } from './strong-config.js';
import { strongView, type StrongRecord } from './strong.js';

const shape: Shape3 = [6, 6, 6];
const near = (got: number, want: number, tol: number, what: string) =>
  assert.ok(Math.abs(got - want) < tol, `${what}: ${got.toFixed(3)} vs ${want}`);

test('strong perturbations: probabilities and parameter laws over 3000 draws', () => {
  const rng = createRng(11);
  const x = Float32Array.from({ length: 216 }, () => rng.uniform(-1, 2));
  const records: StrongRecord[] = [];
  const N = 3000;
  for (let i = 0; i < N; i++) records.push(strongView(x, shape, STRONG_DEFAULTS, rng).record);
  const freq = (f: (r: StrongRecord) => boolean) => records.filter(f).length / N;
  const tol = 0.035; // > 3.5 binomial standard deviations at N = 3000
  near(
    freq((r) => r.smoothing === 'median'),
    0.5,
    tol,
    'median branch chosen',
  );
  near(
    freq((r) => r.medianSize !== null),
    0.25,
    tol,
    'median applied',
  );
  near(
    freq((r) => r.blurSigmas !== null),
    0.25,
    tol,
    'blur applied',
  );
  near(
    freq((r) => r.noiseStd !== null),
    0.5,
    tol,
    'noise',
  );
  near(
    freq((r) => r.brightness !== null),
    0.5,
    tol,
    'brightness',
  );
  near(
    freq((r) => r.contrast !== null),
    0.5,
    tol,
    'contrast',
  );
  near(
    freq((r) => r.contrast?.preserveRange === true),
    0.25,
    tol,
    'contrast preserving range',
  );
  near(
    freq((r) => r.lowResolutionZoom !== null),
    0.7,
    tol,
    'low resolution',
  );
  near(
    freq((r) => r.gammaInverted !== null),
    0.2,
    tol,
    'inverted gamma',
  );
  near(
    freq((r) => r.gamma !== null),
    0.5,
    tol,
    'gamma',
  );
  near(
    freq((r) => r.blankBoxes.length > 0),
    0.7,
    tol,
    'blank rectangles',
  );
  near(
    freq((r) => r.sharpen !== null),
    0.5,
    tol,
    'sharpening',
  );

  const vals = <T>(f: (r: StrongRecord) => T | null) => records.map(f).filter((v): v is T => v !== null);
  assert.deepEqual([...new Set(vals((r) => r.medianSize))].sort(), [2, 3, 4, 5, 6, 7]);
  const sig = vals((r) => r.blurSigmas).flat();
  assert.ok(Math.min(...sig) >= 0.3 && Math.max(...sig) <= 1.5);
  const std = vals((r) => r.noiseStd);
  assert.ok(Math.min(...std) >= 0 && Math.max(...std) <= 0.1);
  for (const [name, v] of [
    ['brightness', vals((r) => r.brightness)],
    ['contrast', vals((r) => r.contrast?.factor ?? null)],
  ] as const) {
    assert.ok(Math.min(...v) >= 0.5 && Math.max(...v) <= 1.5, name);
    near(v.filter((f) => f < 1).length / v.length, 0.5, 0.05, `${name}: half below 1`);
  }
  for (const [name, v] of [
    ['gamma', vals((r) => r.gamma)],
    ['inverted gamma', vals((r) => r.gammaInverted)],
  ] as const) {
    assert.ok(Math.min(...v) >= 0.7 && Math.max(...v) <= 1.5, name);
    near(v.filter((g) => g < 1).length / v.length, 0.5, 0.08, `${name}: half below 1`);
  }
  const zoom = vals((r) => r.lowResolutionZoom);
  assert.ok(Math.min(...zoom) >= 0.25 && Math.max(...zoom) <= 1);
  near(zoom.reduce((a, v) => a + v, 0) / zoom.length, 0.625, 0.02, 'mean zoom');
  const counts = new Set(records.map((r) => r.blankBoxes.length).filter((c) => c > 0));
  assert.deepEqual([...counts].sort(), [1, 2, 3, 4]);
  const s = vals((r) => r.sharpen);
  assert.ok(Math.min(...s) >= 0.1 && Math.max(...s) <= 1);
});

test('the strong view leaves its input alone; everything off = identity; bad settings are refused', () => {
  const rng = createRng(2);
  const x = Float32Array.from({ length: 216 }, () => rng.uniform(-1, 1));
  const copy = Float32Array.from(x);
  const off = strongView(x, shape, resolveStrongAugment(noStrongAugmentation()), createRng(3));
  assert.deepEqual(off.data, x);
  strongView(x, shape, STRONG_DEFAULTS, createRng(4));
  assert.deepEqual(x, copy);
  assert.throws(() => resolveStrongAugment({ noise: { probability: 2 } }), /noise/);
  assert.throws(() => resolveStrongAugment({ smoothing: { medianSize: [2.5, 7] } }), /medianSize/);
});
