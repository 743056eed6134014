// Half-precision conversion: exact values, rounding to nearest even, subnormals, overflow, NaN.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fromHalf, toHalf } from './half.js';

test('float ↔ half bits', () => {
  const cases: [number, number][] = [
    [0, 0x0000],
    [-0, 0x8000],
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff],
    [2 ** -24, 0x0001], // smallest subnormal
    [2 ** -14, 0x0400], // smallest normal
    [70000, 0x7c00], // overflow → Inf
    [-Infinity, 0xfc00],
  ];
  for (const [v, bits] of cases) {
    assert.equal(toHalf(v), bits, `toHalf(${v})`);
    assert.equal(
      Object.is(fromHalf(bits), v) || (v > 65504 && fromHalf(bits) === Infinity),
      true,
      `fromHalf(${bits})`,
    );
  }
  // 1 + 2^-11 is exactly between 1 and 1 + 2^-10: ties to even (1); 1 + 3·2^-11 rounds up to 1 + 2^-9.
  assert.equal(toHalf(1 + 2 ** -11), 0x3c00);
  assert.equal(toHalf(1 + 3 * 2 ** -11), 0x3c02);
  assert.equal(toHalf(2 ** -26), 0, 'below half the smallest subnormal → 0');
  assert.ok(Number.isNaN(fromHalf(toHalf(NaN))));
  // Every finite half value survives a round trip.
  for (let h = 0; h < 0x7c00; h++) assert.equal(toHalf(fromHalf(h)), h);
});
