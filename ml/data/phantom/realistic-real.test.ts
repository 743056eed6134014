// The realistic sample from the real DentalSegmentator label map, at the demo's downsampling factor.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readVolumeFile } from '../io/read-volume.js';
import { synthesiseFromAnatomy } from './realistic.js';
import { ANATOMY, anatomyLabelGrid, downsampleLabelGrid } from './anatomy.js';
import { MATERIAL } from './materials.js';
import { exposedPulpVoxels, statsWhere } from './test-support.js';

const FILE = fileURLToPath(
  new URL(
    '../../../test/fixtures/real/dental-anatomy/PostDentalSurgery_Segmentation.nii.gz',
    import.meta.url,
  ),
);

test('realistic sample from the real anatomy (downsample 2): geometry, labels, grey values', async () => {
  const anatomy = await readVolumeFile(FILE);
  assert.deepEqual(anatomy.dims, [360, 360, 330]);
  const s = synthesiseFromAnatomy(anatomy, { seed: 1, downsample: 2 });
  const reference = downsampleLabelGrid(anatomyLabelGrid(anatomy), 2);

  for (const v of [s.image, s.label]) {
    assert.deepEqual(v.dims, [180, 180, 165]);
    assert.deepEqual(v.spacing, [1, 1, 1]);
    assert.deepEqual(v.direction, anatomy.direction);
    assert.deepEqual(v.origin, reference.origin);
  }
  // The origin moves by a quarter millimetre along each axis (half a 0.5 mm voxel).
  const d = anatomy.direction;
  for (let c = 0; c < 3; c++) {
    const expected =
      (anatomy.origin[c] as number) + 0.25 * ((d[c] as number) + (d[3 + c] as number) + (d[6 + c] as number));
    assert.ok(Math.abs((s.image.origin[c] as number) - expected) < 1e-9);
  }

  const l = s.label.voxels;
  const a = reference.labels;
  let tooth = 0;
  let pulp = 0;
  for (let n = 0; n < l.length; n++) {
    const isTooth = a[n] === ANATOMY.upperTeeth || a[n] === ANATOMY.lowerTeeth;
    if ((l[n] !== 0) !== isTooth) assert.fail(`voxel ${n}: label ${l[n]} but anatomy ${a[n]}`);
    if (l[n] === 1) tooth++;
    else if (l[n] === 2) pulp++;
  }
  assert.ok(tooth > 5000, `tooth voxels ${tooth}`);
  const fraction = pulp / (tooth + pulp);
  assert.ok(
    fraction > 0.03 && fraction < 0.3,
    `pulp is a thin core: ${(100 * fraction).toFixed(1)} % of the teeth`,
  );
  assert.equal(exposedPulpVoxels(l, s.label.dims), 0);

  const m = s.materials.voxels;
  const img = s.image.voxels;
  const mean = (code: number): number => statsWhere(img, (n) => m[n] === code).mean;
  const order = [
    MATERIAL.enamel,
    MATERIAL.dentine,
    MATERIAL.cortex,
    MATERIAL.bone,
    MATERIAL.soft,
    MATERIAL.air,
  ].map(mean);
  for (let q = 1; q < order.length; q++)
    assert.ok((order[q - 1] as number) > (order[q] as number), `order ${order}`);
  assert.ok(mean(MATERIAL.canal) < mean(MATERIAL.bone), 'canal darker than bone');
  const toothMean = statsWhere(img, (n) => l[n] === 1).mean;
  const pulpMean = statsWhere(img, (n) => l[n] === 2).mean;
  assert.ok(pulpMean < toothMean - 300, `pulp ${pulpMean} vs tooth ${toothMean}`);
});
