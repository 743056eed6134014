import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundsOf, pathOf, thin, tickLabel } from './chart-geometry.js';

test('bounds cover every series, widen a flat range and may start at zero', () => {
  const s = [
    {
      name: 'a',
      points: [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
      ],
    },
    { name: 'b', points: [{ x: 0, y: 3 }] },
  ];
  assert.deepEqual(boundsOf(s), { x0: 0, x1: 3, y0: 2, y1: 4 });
  assert.deepEqual(boundsOf(s, true), { x0: 0, x1: 3, y0: 0, y1: 4 });
  const flat = boundsOf([{ name: 'f', points: [{ x: 5, y: 1 }] }]);
  assert.ok(flat && flat.y1 > flat.y0 && flat.x1 > flat.x0);
  assert.equal(boundsOf([{ name: 'e', points: [] }]), null);
});

test('a path maps the bounds to the box with y up', () => {
  const b = { x0: 0, x1: 10, y0: 0, y1: 1 };
  assert.equal(
    pathOf(
      [
        { x: 0, y: 0 },
        { x: 10, y: 1 },
      ],
      b,
      100,
      50,
    ),
    'M0.0 50.0 L100.0 0.0',
  );
});

test('thinning keeps the ends and at most the asked count', () => {
  const pts = Array.from({ length: 1000 }, (_, i) => ({ x: i, y: i }));
  const t = thin(pts, 50);
  assert.equal(t.length, 50);
  assert.deepEqual(t[0], { x: 0, y: 0 });
  assert.deepEqual(t.at(-1), { x: 999, y: 999 });
  assert.equal(thin(pts.slice(0, 10), 50).length, 10);
});

test('tick labels are short', () => {
  assert.equal(tickLabel(0.5), '0.5');
  assert.equal(tickLabel(1234), '1234');
  assert.equal(tickLabel(0.0001), '1.0e-4');
  assert.equal(tickLabel(0), '0');
});
