// Metrics on a real label map: the nnU-Net body-mask fixture (uint8, 122×101×30, 3 mm) against itself moved by
// one voxel along each axis, checked against the independent test reference (testing/brute-force-nsd.ts) and
// against values produced by the official evaluation code during development (numbers only; that code is
// not part of this repository).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readVolumeFile } from '../data/io/read-volume.js';
import { evaluateCase } from './evaluate-case.js';
import { bruteNsd, windowedNsd } from './testing/brute-force-nsd.js';
import { shifted, type Dims } from './testing/shapes.js';

const FIXTURE = new URL('../../test/fixtures/real/body-ct/example_ct_sm_T300_output.nii.gz', import.meta.url)
  .pathname;

// [shift, Dice, IoU, NSD] from the official compute_metrics.py / SurfaceDice.py (spacing 3 mm, τ = 2 mm)
const OFFICIAL_3MM: [Dims, number, number, number][] = [
  [[1, 0, 0], 0.9885459831573319, 0.9773513839444274, 0.8436252628806081],
  [[-1, 0, 0], 0.9885459831573319, 0.9773513839444274, 0.8436252628806081],
  [[0, 1, 0], 0.9860479882368667, 0.9724799367203335, 0.799298496399143],
  [[0, -1, 0], 0.9860479882368667, 0.9724799367203335, 0.799298496399143],
  [[0, 0, 1], 0.9808670760815092, 0.9624525447673183, 0.682552106441835],
  [[0, 0, -1], 0.9814360353813825, 0.9635487504693563, 0.692516183774071],
];
// the same map with spacing (1.1, 0.7, 1.3) mm moved by two voxels
const OFFICIAL_ANISO: [Dims, number, number, number][] = [
  [[2, 0, 0], 0.9771003208127256, 0.9552259529390625, 0.9615658706463336],
  [[0, 2, 0], 0.9720959764737335, 0.9457069475600637, 1.0],
  [[0, 0, 2], 0.9612032101730349, 0.9253043709666688, 0.7537376523522067],
];

const close = (a: number, b: number, eps: number, what: string) =>
  assert.ok(Math.abs(a - b) <= eps, `${what}: ${a} vs ${b}`);

test('body mask vs itself moved by one voxel (3 mm): reference and official values', async () => {
  const gt = await readVolumeFile(FIXTURE);
  assert.deepEqual(gt.dims, [122, 101, 30]);
  const dims = gt.dims as Dims;
  const spacing = gt.spacing as Dims;
  for (const [by, dice, iou, nsd] of OFFICIAL_3MM) {
    const moved = shifted(gt.voxels, dims, by);
    const r = evaluateCase(gt, { dims, spacing, voxels: moved });
    let g = 0;
    let p = 0;
    let both = 0;
    for (let n = 0; n < moved.length; n++) {
      const a = (gt.voxels[n] as number) > 0 ? 1 : 0;
      const b = (moved[n] as number) > 0 ? 1 : 0;
      g += a;
      p += b;
      both += a & b;
    }
    assert.equal(r.image!.dice, (2 * both) / (g + p));
    assert.equal(r.image!.iou, both / (g + p - both));
    close(r.image!.nsd, windowedNsd(gt.voxels, moved, dims, spacing, 2), 1e-9, `NSD ${by} vs reference`);
    close(r.image!.dice!, dice, 1e-12, `Dice ${by} vs official`);
    close(r.image!.iou, iou, 1e-12, `IoU ${by} vs official`);
    close(r.image!.nsd, nsd, 1e-9, `NSD ${by} vs official`);
    // one label (1): instance values equal the image values, IA 1
    assert.deepEqual(
      r.instances.map((x) => x.label),
      [1],
    );
    close(r.instances[0]!.nsd, nsd, 1e-9, 'instance NSD');
    assert.equal(r.ia, 1);
  }
});

test('body mask with anisotropic spacing moved by two voxels: reference and official values', async () => {
  const vol = await readVolumeFile(FIXTURE);
  const dims = vol.dims as Dims;
  const spacing: Dims = [1.1, 0.7, 1.3];
  const gt = { dims, spacing, voxels: vol.voxels };
  for (const [by, dice, iou, nsd] of OFFICIAL_ANISO) {
    const moved = shifted(vol.voxels, dims, by);
    const r = evaluateCase(gt, { dims, spacing, voxels: moved });
    close(r.image!.nsd, windowedNsd(vol.voxels, moved, dims, spacing, 2), 1e-9, `NSD ${by} vs reference`);
    close(r.image!.dice!, dice, 1e-12, `Dice ${by}`);
    close(r.image!.iou, iou, 1e-12, `IoU ${by}`);
    close(r.image!.nsd, nsd, 1e-9, `NSD ${by} vs official`);
  }
});

test('a block of the body mask: all-pairs reference at several tolerances', async () => {
  const vol = await readVolumeFile(FIXTURE);
  const full = vol.dims as Dims;
  // 28×24×10 block across the body outline (both inside and outside voxels)
  const dims: Dims = [28, 24, 10];
  const at: Dims = [0, 38, 10];
  const block = new Uint8Array(dims[0] * dims[1] * dims[2]);
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++)
        block[i + dims[0] * (j + dims[1] * k)] = vol.voxels[
          i + at[0] + full[0] * (j + at[1] + full[1] * (k + at[2]))
        ] as number;
  const fg = block.reduce((s, x) => s + x, 0);
  assert.ok(fg > 500 && fg < block.length - 500, `block holds an outline (${fg} of ${block.length})`);
  const spacing: Dims = [0.9, 1.2, 2.1];
  const moved = shifted(block, dims, [1, -1, 1]);
  const values = [1, 2, 3].map((tolerance) => {
    const r = evaluateCase({ dims, spacing, voxels: block }, { dims, spacing, voxels: moved }, { tolerance });
    close(r.image!.nsd, bruteNsd(block, moved, dims, spacing, tolerance), 1e-9, `τ=${tolerance}`);
    return r.image!.nsd;
  });
  assert.ok(values[0]! < values[1]! && values[1]! < values[2]!, `${values}`);
});
