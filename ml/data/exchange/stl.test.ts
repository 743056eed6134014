import assert from 'node:assert/strict';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Mat3, Vec3, Volume } from '../io/volume.js';
import { labelToStl, writeLabelStls } from './label-to-stl.js';
import { checkTriangleSoup } from './mesh-metrics.js';
import { parseBinaryStl } from './stl.js';
import { STSR_SCHEMA, smallPhantom, withTempDir } from './test-support.js';

const SPACING: Vec3 = [0.5, 0.4, 0.3];
const ORIGIN: Vec3 = [10, -5, 3];

function mask(
  inside: (i: number, j: number, k: number) => boolean,
  direction: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, 1],
) {
  const dims: Vec3 = [32, 32, 32];
  const voxels = new Uint8Array(32 ** 3);
  let count = 0;
  for (let k = 0, n = 0; k < 32; k++)
    for (let j = 0; j < 32; j++)
      for (let i = 0; i < 32; i++, n++) {
        if (!inside(i, j, k)) continue;
        voxels[n] = 3;
        count++;
      }
  const label: Volume = { dims, spacing: SPACING, origin: ORIGIN, direction, dataType: 'uint8', voxels };
  return { label, voxelVolume: count * SPACING[0] * SPACING[1] * SPACING[2] };
}

const cube = (i: number, j: number, k: number) => i >= 3 && i < 13 && j >= 4 && j < 14 && k >= 2 && k < 12;
const sphere = (i: number, j: number, k: number) => (i - 16) ** 2 + (j - 16) ** 2 + (k - 16) ** 2 <= 100;

function check(stl: Uint8Array) {
  const soup = parseBinaryStl(stl);
  const result = checkTriangleSoup(soup.vertices);
  assert.ok(result.triangles > 0);
  assert.equal(result.badEdges, 0, 'every edge is shared by exactly two triangles');
  assert.equal(result.flippedEdges, 0, 'neighbouring triangles are oriented consistently');
  return { ...result, header: soup.header };
}

test('STL of a cube mask: closed, outward, volume and bounding box in LPS world millimetres', () => {
  const { label, voxelVolume } = mask(cube);
  const mesh = check(labelToStl(label, 3, { name: 'Box' }));
  assert.match(mesh.header, /^CBCT Workbench label 3 Box SPACE=LPS$/);
  assert.ok(Math.abs(mesh.volume / voxelVolume - 1) < 0.02, `volume ${mesh.volume} vs ${voxelVolume} mm³`);
  // Voxels i 3…12, j 4…13, k 2…11: their outer faces, origin + (index ± ½)·spacing.
  const min = [10 + 2.5 * 0.5, -5 + 3.5 * 0.4, 3 + 1.5 * 0.3];
  const max = [10 + 12.5 * 0.5, -5 + 13.5 * 0.4, 3 + 11.5 * 0.3];
  mesh.min.forEach((x, a) => assert.ok(Math.abs(x - min[a]!) < 1e-5, `min[${a}] ${x} vs ${min[a]}`));
  mesh.max.forEach((x, a) => assert.ok(Math.abs(x - max[a]!) < 1e-5, `max[${a}] ${x} vs ${max[a]}`));
});

test('STL of a sphere mask: closed, volume within 2 % of the voxel volume, also smoothed', () => {
  const { label, voxelVolume } = mask(sphere);
  for (const smoothing of [0, 15]) {
    const mesh = check(labelToStl(label, 3, { smoothing }));
    assert.ok(
      Math.abs(mesh.volume / voxelVolume - 1) < 0.02,
      `smoothing ${smoothing}: ${mesh.volume} vs ${voxelVolume}`,
    );
    // Centre voxel 16 → world 10 + 16·0.5 = 18, radius ≈ 10.5 voxels.
    assert.ok(Math.abs((mesh.min[0] + mesh.max[0]) / 2 - 18) < 0.05);
  }
});

test('STL: oblique and left-handed grids keep outward normals; RAS negates x and y', () => {
  const [c, s] = [Math.cos(0.5), Math.sin(0.5)];
  const rotated: Mat3 = [c, s, 0, -s, c, 0, 0, 0, 1];
  const flipped: Mat3 = [1, 0, 0, 0, 1, 0, 0, 0, -1];
  const reference = check(labelToStl(mask(cube).label, 3));
  for (const direction of [rotated, flipped]) {
    const mesh = check(labelToStl(mask(cube, direction).label, 3));
    assert.ok(Math.abs(mesh.volume - reference.volume) < 1e-3, `volume ${mesh.volume} (positive = outward)`);
  }
  const ras = check(labelToStl(mask(cube).label, 3, { space: 'RAS' }));
  assert.match(ras.header, /SPACE=RAS$/);
  assert.ok(Math.abs(ras.volume - reference.volume) < 1e-3);
  assert.ok(Math.abs(ras.min[0] + reference.max[0]) < 1e-5 && Math.abs(ras.max[1] + reference.min[1]) < 1e-5);
  assert.ok(Math.abs(ras.min[2] - reference.min[2]) < 1e-5);
});

test('STL: labels touching the border or only diagonally are closed; an absent label gives an empty STL', () => {
  check(labelToStl(mask((i) => i < 5).label, 3));
  // Voxels touching only along edges or at corners (a 3-D checkerboard) still give a closed manifold.
  const board = (i: number, j: number, k: number) =>
    i > 4 && i < 12 && j > 4 && j < 12 && k > 4 && k < 12 && (i + j + k) % 2 === 0;
  check(labelToStl(mask(board).label, 3));
  const empty = parseBinaryStl(labelToStl(mask(cube).label, 7));
  assert.equal(empty.vertices.length, 0);
});

test('writeLabelStls writes one STL per label present into a new folder', async () => {
  await withTempDir(async (dir) => {
    const out = join(dir, 'meshes');
    const written = await writeLabelStls(smallPhantom(1).label, STSR_SCHEMA, out, { smoothing: 5 });
    assert.deepEqual(
      written.map((w) => [w.value, w.name]),
      [
        [1, 'Tooth'],
        [2, 'Pulp'],
      ],
    );
    assert.deepEqual((await readdir(out)).sort(), ['01_Tooth.stl', '02_Pulp.stl']);
    for (const w of written) check(new Uint8Array(await readFile(w.path)));
    await assert.rejects(
      writeLabelStls(smallPhantom(1).label, STSR_SCHEMA, out),
      /already exists and is not empty/,
    );
  });
});
