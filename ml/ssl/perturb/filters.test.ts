// Strong-view filters against direct computations: median filter (scipy semantics: reflect boundary, even windows
// leaning backwards, upper median), sharpening (7-point kernel, replicate padding), blank boxes inside the patch.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Shape3 } from '../../data/preprocess/layout.js';
import { createRng } from '../../util/rng.js';
import { drawBlankBoxes, fillBoxes, medianFilter, sharpen } from './filters.js';

const random = (n: number, seed: number) => {
  const rng = createRng(seed);
  return Float32Array.from({ length: n }, () => Math.round(rng.uniform(-50, 50)) / 10);
};
const reflect = (i: number, n: number) => {
  while (i < 0 || i >= n) i = i < 0 ? -i - 1 : 2 * n - i - 1;
  return i;
};

test('median filter = brute force with scipy reflect boundary and rank ⌊n/2⌋, sizes 1…5', () => {
  const shape: Shape3 = [5, 6, 4];
  const x = random(120, 1);
  for (const size of [1, 2, 3, 4, 5]) {
    const got = medianFilter(x, shape, size);
    const before = Math.floor(size / 2);
    for (let a = 0; a < 5; a++)
      for (let b = 0; b < 6; b++)
        for (let c = 0; c < 4; c++) {
          const w: number[] = [];
          for (let i = 0; i < size; i++)
            for (let j = 0; j < size; j++)
              for (let k = 0; k < size; k++)
                w.push(
                  x[
                    (reflect(a - before + i, 5) * 6 + reflect(b - before + j, 6)) * 4 +
                      reflect(c - before + k, 4)
                  ]!,
                );
          w.sort((p, q) => p - q);
          assert.equal(
            got[(a * 6 + b) * 4 + c],
            w[Math.floor(w.length / 2)],
            `size ${size} at ${a},${b},${c}`,
          );
        }
  }
});

test('sharpening adds s·(6x − Σ face neighbours) with replicate padding', () => {
  const shape: Shape3 = [3, 4, 5];
  const x = random(60, 2);
  const at = (a: number, b: number, c: number) =>
    x[(Math.min(2, Math.max(0, a)) * 4 + Math.min(3, Math.max(0, b))) * 5 + Math.min(4, Math.max(0, c))]!;
  const y = sharpen(x, shape, 0.4);
  for (let a = 0; a < 3; a++)
    for (let b = 0; b < 4; b++)
      for (let c = 0; c < 5; c++) {
        const v = at(a, b, c);
        const lap =
          6 * v -
          at(a - 1, b, c) -
          at(a + 1, b, c) -
          at(a, b - 1, c) -
          at(a, b + 1, c) -
          at(a, b, c - 1) -
          at(a, b, c + 1);
        assert.ok(Math.abs(y[(a * 4 + b) * 5 + c]! - (v + 0.4 * lap)) < 1e-5);
      }
});

test('blank boxes: sides randint(max(1, P//10), P//3) per axis, inside the patch, filled with the value', () => {
  const shape: Shape3 = [160, 256, 256];
  const rng = createRng(3);
  const seen = [new Set<number>(), new Set<number>(), new Set<number>()];
  for (let i = 0; i < 3000; i++)
    for (const box of drawBlankBoxes(shape, 1, rng))
      box.size.forEach((s, a) => {
        seen[a]!.add(s);
        assert.ok(box.lower[a]! >= 0 && box.lower[a]! + s <= shape[a]!);
      });
  assert.deepEqual([Math.min(...seen[0]!), Math.max(...seen[0]!)], [16, 52]);
  assert.deepEqual([Math.min(...seen[1]!), Math.max(...seen[1]!)], [25, 84]);
  const small: Shape3 = [4, 4, 4];
  const x = new Float32Array(64).fill(1);
  fillBoxes(x, small, [{ lower: [1, 0, 2], size: [2, 1, 2] }], 0);
  assert.equal(x.filter((v) => v === 0).length, 4);
  assert.equal(x[(1 * 4 + 0) * 4 + 2], 0);
});
