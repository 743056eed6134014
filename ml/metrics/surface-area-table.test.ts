import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cornerBit, surfelAreaTable } from './surface-area-table.js';
import { surfaceDistances } from './surface-distance.js';
import { labelMap, paintBox } from './testing/shapes.js';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} vs ${b}`);

test('no surface for empty and full cells; complement codes share their surface', () => {
  for (const s of [
    [1, 1, 1],
    [0.25, 0.4, 1.3],
  ] as [number, number, number][]) {
    const t = surfelAreaTable(s);
    assert.equal(t[0], 0);
    assert.equal(t[255], 0);
    for (let c = 1; c < 255; c++) {
      assert.ok((t[c] as number) > 0, `code ${c}`);
      close(t[c] as number, t[255 - c] as number);
    }
  }
});

test('hand-computed cells, isotropic and anisotropic', () => {
  const [sx, sy, sz] = [0.7, 1.1, 2.0];
  const iso = surfelAreaTable([1, 1, 1]);
  const an = surfelAreaTable([sx, sy, sz]);
  const one = cornerBit(1, 1, 1);
  // one corner: triangle through three edge midpoints
  close(iso[one] as number, Math.sqrt(3) / 8);
  close(an[one] as number, Math.sqrt((sy * sz) ** 2 + (sx * sz) ** 2 + (sx * sy) ** 2) / 8);
  // two corners along i: rectangle sx × half the j–k diagonal
  const edgeI = cornerBit(0, 0, 0) | cornerBit(1, 0, 0);
  close(an[edgeI] as number, (sx * Math.hypot(sy, sz)) / 2);
  // a whole face (normal k): flat square sx × sy
  const faceK = cornerBit(0, 0, 0) | cornerBit(1, 0, 0) | cornerBit(0, 1, 0) | cornerBit(1, 1, 0);
  close(an[faceK] as number, sx * sy);
  // two diagonal corners of a face: two separate triangles
  close(iso[cornerBit(0, 0, 0) | cornerBit(1, 1, 0)] as number, Math.sqrt(3) / 4);
  // three corners in an L (code 7 in the reference's bit order): non-planar pentagon, classic fan
  // = triangle of area 1/2 in the plane through the three cut edges + √3/4 + √3/8
  assert.equal(cornerBit(1, 1, 1) | cornerBit(0, 1, 1) | cornerBit(1, 0, 1), 7);
  close(iso[7] as number, 0.5 + Math.sqrt(3) / 4 + Math.sqrt(3) / 8);
  // tripod (corner + its 3 neighbours): regular hexagon of side √2/2
  const tripod = cornerBit(0, 0, 0) | cornerBit(1, 0, 0) | cornerBit(0, 1, 0) | cornerBit(0, 0, 1);
  close(iso[tripod] as number, ((3 * Math.sqrt(3)) / 2) * 0.5);
});

test('total area of a box: flat faces, chamfered edges and corners', () => {
  const dims: [number, number, number] = [7, 8, 9];
  const [a, b, c] = [3, 4, 5];
  for (const [sx, sy, sz] of [
    [1, 1, 1],
    [0.3, 0.5, 1.25],
  ] as [number, number, number][]) {
    const m = labelMap(dims, [sx, sy, sz]);
    paintBox(m, [1, 2, 2], [a, b + 1, c + 1]);
    const d = surfaceDistances(
      { voxels: m.voxels, label: null },
      { voxels: m.voxels, label: null },
      dims,
      [sx, sy, sz],
      {
        min: [1, 2, 2],
        max: [a, b + 1, c + 1],
      },
    );
    const total = d.gt.area.reduce((s, x) => s + x, 0);
    const faces =
      2 * ((a - 1) * (b - 1) * sx * sy + (b - 1) * (c - 1) * sy * sz + (a - 1) * (c - 1) * sx * sz);
    const edges =
      4 *
      (((a - 1) * sx * Math.hypot(sy, sz)) / 2 +
        ((b - 1) * sy * Math.hypot(sx, sz)) / 2 +
        ((c - 1) * sz * Math.hypot(sx, sy)) / 2);
    const corners = Math.sqrt((sy * sz) ** 2 + (sx * sz) ** 2 + (sx * sy) ** 2);
    close(total, faces + edges + corners, 1e-9);
  }
});
