import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRng } from '../../util/rng.js';
import type { Shape3 } from '../preprocess/layout.js';
import { flatIndex, shapeSize } from '../preprocess/layout.js';
import { applySpatial, sampleSpatialParams, spatialMatrix } from './spatial.js';
import { AUGMENT_DEFAULTS } from './config.js';

function fill<T extends Float32Array | Uint8Array>(
  Ctor: new (n: number) => T,
  s: Shape3,
  f: (a: number, b: number, c: number) => number,
): T {
  const v = new Ctor(shapeSize(s));
  for (let a = 0; a < s[0]; a++)
    for (let b = 0; b < s[1]; b++) for (let c = 0; c < s[2]; c++) v[flatIndex(s, a, b, c)] = f(a, b, c);
  return v;
}

test('without rotation or scaling the patch is the centre crop ⌊S/2⌋ − ⌊P/2⌋', () => {
  const s: Shape3 = [9, 10, 7];
  const data = fill(Float32Array, s, (a, b, c) => 100 * a + 10 * b + c);
  const label = fill(Uint8Array, s, (a, b, c) => (a + b + c) % 3);
  const out = applySpatial({ data, label, shape: s }, [5, 4, 7], { angles: null, scale: null });
  // starts: 4 − 2 = 2, 5 − 2 = 3, 3 − 3 = 0
  assert.deepEqual(
    out.data,
    fill(Float32Array, [5, 4, 7], (a, b, c) => 100 * (a + 2) + 10 * (b + 3) + c),
  );
  assert.deepEqual(
    out.label,
    fill(Uint8Array, [5, 4, 7], (a, b, c) => (a + 2 + b + 3 + c) % 3),
  );
});

test('a 90° rotation about D0 turns a labelled L-shape exactly (image and labels)', () => {
  const s: Shape3 = [3, 7, 7];
  const inL = (b: number, c: number) => (c === 1 && b >= 1 && b <= 5) || (b === 5 && c >= 1 && c <= 4);
  const label = fill(Uint8Array, s, (_a, b, c) => (inL(b, c) ? 2 : 0));
  const data = fill(Float32Array, s, (a, b, c) => (inL(b, c) ? 10 : 0) + a);
  const params = { angles: [0, 0, Math.PI / 2] as [number, number, number], scale: null };
  // Rz(90°) in grid_sample's (x, y, z) = (D2, D1, D0): source (D1, D2) offset = (−q2, q1)
  assert.deepEqual(
    spatialMatrix(params).map((x) => Math.round(x) + 0),
    [1, 0, 0, 0, 0, -1, 0, 1, 0],
  );
  for (const labelInterpolation of ['linear', 'nearest'] as const) {
    const out = applySpatial({ data, label, shape: s }, s, params, { labelInterpolation });
    assert.deepEqual(
      out.label,
      fill(Uint8Array, s, (_a, b, c) => (inL(6 - c, b) ? 2 : 0)),
    );
    const want = fill(Float32Array, s, (a, b, c) => (inL(6 - c, b) ? 10 : 0) + a);
    for (let n = 0; n < want.length; n++) assert.ok(Math.abs(out.data[n]! - want[n]!) < 1e-5);
  }
});

test('scaling by 2 samples a twice larger region: a ramp doubles its slope; outside is zero', () => {
  const s: Shape3 = [21, 21, 21];
  const ramp = (a: number, b: number, c: number) => a + 2 * b + 3 * c;
  const data = fill(Float32Array, s, ramp);
  const out = applySpatial({ data, shape: s }, [5, 5, 5], { angles: null, scale: 2 });
  const want = fill(Float32Array, [5, 5, 5], (a, b, c) =>
    ramp(10 + 2 * (a - 2), 10 + 2 * (b - 2), 10 + 2 * (c - 2)),
  );
  for (let n = 0; n < want.length; n++) assert.ok(Math.abs(out.data[n]! - want[n]!) < 1e-4);
  // a 1.4× zoom-out of a 6³ source into a 6³ patch reaches beyond the source: corners are zero / background
  const small: Shape3 = [6, 6, 6];
  const ones = applySpatial(
    { data: new Float32Array(216).fill(1), label: new Uint8Array(216).fill(3), shape: small },
    small,
    { angles: null, scale: 1.4 },
  );
  assert.equal(ones.data[0], 0);
  assert.equal(ones.label![0], 3); // no label has any weight there: the lowest label of the source (only 3)
  assert.ok(Math.abs(ones.data[flatIndex(small, 3, 3, 3)]! - 1) < 1e-6);
});

test('spatial parameters follow the configured probabilities and ranges', () => {
  const rng = createRng(3);
  let rot = 0;
  let scale = 0;
  const n = 4000;
  for (let t = 0; t < n; t++) {
    const p = sampleSpatialParams(AUGMENT_DEFAULTS.spatial, rng);
    if (p.angles) {
      rot++;
      assert.ok(p.angles.every((x) => Math.abs(x) <= Math.PI / 6));
    }
    if (p.scale !== null) {
      scale++;
      assert.ok(p.scale >= 0.7 && p.scale <= 1.4);
    }
  }
  assert.ok(Math.abs(rot / n - 0.2) < 0.026, `rotation rate ${rot / n}`);
  assert.ok(Math.abs(scale / n - 0.2) < 0.026, `scaling rate ${scale / n}`);
});
