// Unit tests of connected-component labelling (6 / 26, masks and label maps) against union-find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectedComponents, filterComponents, type Connectivity } from './components.js';

const dims = [9, 7, 6] as const;
const N = 9 * 7 * 6;

/** Union-find over all neighbour pairs with equal non-zero values; ids renumbered in scan order. */
function brute(values: ArrayLike<number>, connectivity: Connectivity): Int32Array {
  const parent = Int32Array.from({ length: N }, (_, n) => n);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  const coords = (n: number) => [n % 9, Math.floor(n / 9) % 7, Math.floor(n / 63)] as const;
  for (let n = 0; n < N; n++) {
    for (let m = n + 1; m < N; m++) {
      if (values[n] === 0 || values[n] !== values[m]) continue;
      const [a, b, c] = coords(n);
      const [x, y, z] = coords(m);
      const d = [Math.abs(a - x), Math.abs(b - y), Math.abs(c - z)];
      if (Math.max(...d) > 1) continue;
      if (connectivity === 6 && d[0]! + d[1]! + d[2]! !== 1) continue;
      parent[find(n)] = find(m);
    }
  }
  const ids = new Int32Array(N);
  const idOfRoot = new Map<number, number>();
  for (let n = 0; n < N; n++) {
    if (values[n] === 0) continue;
    const root = find(n);
    if (!idOfRoot.has(root)) idOfRoot.set(root, idOfRoot.size + 1);
    ids[n] = idOfRoot.get(root)!;
  }
  return ids;
}

test('labels equal union-find components (6 and 26, masks and multi-label maps), sizes count them', () => {
  for (const [density, labels] of [
    [30, 1],
    [55, 1],
    [70, 3],
  ]) {
    const mask = Uint8Array.from({ length: N }, (_, i) => {
      const h = ((i * 2654435761) >>> 0) % 100;
      return h < density! ? 1 + (h % labels!) : 0;
    });
    const asInt16 = Int16Array.from(mask);
    for (const connectivity of [6, 26] as const) {
      const want = brute(mask, connectivity);
      for (const values of [mask, asInt16]) {
        const { labels: got, sizes } = connectedComponents(values, dims, connectivity);
        assert.deepEqual(got, want, `density ${density}, ${connectivity}-connectivity`);
        const count = new Array<number>(sizes.length).fill(0);
        for (const id of got) count[id]!++;
        count[0] = 0;
        assert.deepEqual(sizes, count);
      }
    }
  }
});

test('the default connectivity is 6; diagonal neighbours join only with 26', () => {
  const m = new Uint8Array(N);
  m[0] = 1;
  m[1 + 9 + 63] = 1; // corner neighbour of voxel 0
  assert.equal(connectedComponents(m, dims).sizes.length - 1, 2);
  assert.equal(connectedComponents(m, dims, 26).sizes.length - 1, 1);
});

test('a component larger than the initial queue is labelled whole', () => {
  const big = [60, 50, 30] as const; // 90 000 voxels, more than the queue's first 65 536
  const m = new Uint8Array(60 * 50 * 30).fill(1);
  m[0] = 0;
  m[1] = 2; // a one-voxel component of another value
  const { labels, sizes } = connectedComponents(m, big, 26);
  assert.deepEqual(sizes, [0, 1, 60 * 50 * 30 - 2]);
  assert.equal(labels[1], 1);
  assert.equal(labels[2], 2);
  assert.equal(connectedComponents(m, big).sizes[2], 60 * 50 * 30 - 2);
});

test('filterComponents keeps the components passing the test', () => {
  const m = new Uint8Array(N);
  [0, 1, 2, 40, 41, 200].forEach((n) => (m[n] = 1));
  const comps = connectedComponents(m, dims);
  assert.deepEqual(comps.sizes, [0, 3, 2, 1]);
  const { mask, kept } = filterComponents(comps, (size) => size >= 2);
  assert.equal(kept, 2);
  assert.deepEqual(
    [...mask.keys()].filter((n) => mask[n]),
    [0, 1, 2, 40, 41],
  );
});
