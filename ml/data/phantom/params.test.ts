import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PHANTOM_DEFAULTS, resolvePhantomParams, type PhantomParams } from './params.js';
import { generatePhantom } from './generate.js';

test('defaults are filled in and the input is not aliased', () => {
  const size: [number, number, number] = [48, 40, 32];
  const p = resolvePhantomParams({ seed: 3, size });
  assert.deepEqual(p, {
    seed: 3,
    size: [48, 40, 32],
    spacing: [0.4, 0.4, 0.4],
    teeth: 8,
    noise: 50,
    blur: 0.3,
    jaw: 'lower',
    artefacts: { metal: false, cupping: 0, rings: false },
  });
  assert.notEqual(p.size, size);
  assert.deepEqual(PHANTOM_DEFAULTS.size, [96, 96, 64]);
  const q = resolvePhantomParams({ seed: 1, artefacts: { rings: true } });
  assert.deepEqual(q.artefacts, { metal: false, cupping: 0, rings: true });
});

test('bad parameters are rejected with a RangeError naming them', () => {
  const bad: [unknown, RegExp][] = [
    [{}, /seed must be a safe integer/],
    [{ seed: 1.5 }, /seed/],
    [{ seed: 1, size: [96, 96] }, /size must be an array of three numbers/],
    [{ seed: 1, size: [96, 96, 10] }, /size must be three integers in \[24, 1024\]/],
    [{ seed: 1, size: [96, 96.5, 64] }, /size/],
    [{ seed: 1, size: [-3, 96, 64] }, /size/],
    [{ seed: 1, spacing: [0.4, 0, 0.4] }, /spacing must be three numbers in \(0, 10\]/],
    [{ seed: 1, spacing: [0.4, 0.4, Number.NaN] }, /spacing/],
    [{ seed: 1, teeth: 0 }, /teeth must be an integer in \[1, 16\]/],
    [{ seed: 1, teeth: 17 }, /teeth/],
    [{ seed: 1, teeth: 2.5 }, /teeth/],
    [{ seed: 1, noise: -1 }, /noise must be a number in \[0, 1000\]/],
    [{ seed: 1, noise: Number.POSITIVE_INFINITY }, /noise/],
    [{ seed: 1, blur: 6 }, /blur must be a number in \[0, 5\]/],
    [{ seed: 1, jaw: 'middle' }, /jaw must be one of lower, upper, both/],
    [{ seed: 1, artefacts: { cupping: 0.9 } }, /artefacts.cupping/],
    [{ seed: 1, artefacts: { metal: 'yes' } }, /artefacts.metal must be a boolean/],
    [{ seed: 1, artefacts: { rings: 1 } }, /artefacts.rings must be a boolean/],
  ];
  for (const [params, message] of bad) {
    assert.throws(
      () => resolvePhantomParams(params as PhantomParams),
      (e: unknown) => {
        assert.ok(e instanceof RangeError, `${JSON.stringify(params)} should throw a RangeError`);
        assert.match(e.message, message);
        return true;
      },
    );
  }
});

test('too many teeth for the field of view is a clear RangeError', () => {
  assert.throws(
    () => generatePhantom({ seed: 1, size: [24, 24, 24], spacing: [0.4, 0.4, 0.4], teeth: 16 }),
    /phantom teeth: 16 teeth per jaw do not fit/,
  );
});
