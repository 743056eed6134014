import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidVolume, type Vec3, type Volume } from '../io/volume.js';
import { synthesiseFromAnatomy } from './realistic.js';
import { ANATOMY } from './anatomy.js';
import { MATERIAL } from './materials.js';
import { exposedPulpVoxels, sameBytes, statsWhere } from './test-support.js';

/**
 * A small anatomy in DentalSegmentator labels: a mandible slab with a canal, a maxilla slab, three lower
 * and three upper cylindrical teeth with roots in the bone and crowns meeting between the jaws.
 */
function syntheticAnatomy(): Volume {
  const dims: Vec3 = [60, 48, 50];
  const voxels = new Int16Array(dims[0] * dims[1] * dims[2]);
  const set = (i: number, j: number, k: number, l: number): void => {
    voxels[i + dims[0] * (j + dims[1] * k)] = l;
  };
  for (let k = 0; k < dims[2]; k++) {
    for (let j = 0; j < dims[1]; j++) {
      for (let i = 0; i < dims[0]; i++) {
        const inSlab = i >= 8 && i < 52 && j >= 12 && j < 36;
        if (inSlab && k >= 2 && k < 20) set(i, j, k, ANATOMY.mandible);
        if (inSlab && k >= 32 && k < 48) set(i, j, k, ANATOMY.maxilla);
        if ((j - 30) ** 2 + (k - 8) ** 2 <= 2.5 && i >= 10 && i < 50) set(i, j, k, ANATOMY.canal);
        for (const ci of [18, 30, 42]) {
          if ((i - ci) ** 2 + (j - 22) ** 2 > 16) continue;
          if (k >= 8 && k <= 25) set(i, j, k, ANATOMY.lowerTeeth);
          if (k >= 27 && k <= 42) set(i, j, k, ANATOMY.upperTeeth);
        }
      }
    }
  }
  return {
    dims,
    spacing: [0.5, 0.5, 0.5],
    origin: [10, -20, 30],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, -1],
    dataType: 'int16',
    voxels,
  };
}

const ANATOMY_VOLUME = syntheticAnatomy();

test('the sample keeps the anatomy grid exactly', () => {
  const s = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 1 });
  for (const v of [s.image, s.label, s.materials]) {
    assertValidVolume(v);
    assert.deepEqual(v.dims, ANATOMY_VOLUME.dims);
    assert.deepEqual(v.spacing, ANATOMY_VOLUME.spacing);
    assert.deepEqual(v.origin, ANATOMY_VOLUME.origin);
    assert.deepEqual(v.direction, ANATOMY_VOLUME.direction);
  }
  assert.equal(s.image.dataType, 'int16');
  assert.equal(s.label.dataType, 'uint8');
  assert.equal(s.options.downsample, 1);
});

test('tooth and pulp labels come from the tooth masks only, pulp a thin enclosed core', () => {
  const s = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 2 });
  const a = ANATOMY_VOLUME.voxels;
  const l = s.label.voxels;
  let tooth = 0;
  let pulp = 0;
  for (let n = 0; n < l.length; n++) {
    const isTooth = a[n] === ANATOMY.upperTeeth || a[n] === ANATOMY.lowerTeeth;
    assert.equal(l[n] !== 0, isTooth, `voxel ${n}: label ${l[n]} vs anatomy ${a[n]}`);
    if (l[n] === 1) tooth++;
    if (l[n] === 2) pulp++;
  }
  assert.ok(pulp > 0, 'there is pulp');
  assert.ok(pulp / (tooth + pulp) < 0.3, `pulp is a core (${pulp} of ${tooth + pulp})`);
  assert.equal(exposedPulpVoxels(l, s.label.dims), 0);
  const wider = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 2, pulpFraction: 0.4 });
  const widerPulp = wider.label.voxels.filter((v) => v === 2).length;
  assert.ok(widerPulp > pulp, 'a smaller pulpFraction gives more pulp');
});

test('tissues are ordered and placed: air outside the body, enamel only on crowns, canal dark', () => {
  const s = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 3, bodyMargin: 2 });
  const m = s.materials.voxels;
  const img = s.image.voxels;
  const mean = (code: number): number => statsWhere(img, (n) => m[n] === code).mean;
  const [air, soft, bone, cortex, dentine, enamel, canal] = [
    MATERIAL.air,
    MATERIAL.soft,
    MATERIAL.bone,
    MATERIAL.cortex,
    MATERIAL.dentine,
    MATERIAL.enamel,
    MATERIAL.canal,
  ].map(mean) as number[];
  const pulp = statsWhere(img, (n) => s.label.voxels[n] === 2).mean;
  const tooth = statsWhere(img, (n) => s.label.voxels[n] === 1).mean;
  const order = [enamel, dentine, cortex, bone, soft, air] as number[];
  for (let q = 1; q < order.length; q++)
    assert.ok((order[q - 1] as number) > (order[q] as number), `order ${order}`);
  assert.ok((canal as number) < (bone as number), 'canal darker than bone');
  assert.ok(pulp < tooth - 300, `pulp ${pulp} vs tooth ${tooth}`);
  assert.equal(m[0], MATERIAL.air, 'the corner is air');
  const [nx, ny] = s.materials.dims;
  // 1 mm beside the bone slab (i = 8 − 2) is inside the 2 mm body margin, 3 mm beside it is not.
  assert.equal(m[6 + nx * (24 + ny * 10)], MATERIAL.soft);
  assert.equal(m[2 + nx * (24 + ny * 10)], MATERIAL.air);
  // Enamel never touches bone: it lies on the crowns.
  for (let n = 0; n < m.length; n++) {
    if (m[n] !== MATERIAL.enamel) continue;
    for (const d of [1, nx, nx * ny]) {
      for (const q of [n - d, n + d]) assert.ok(m[q] !== MATERIAL.bone && m[q] !== MATERIAL.cortex);
    }
  }
  assert.ok(m.some((c) => c === MATERIAL.enamel));
});

test('the same anatomy and seed give identical bytes; the seed changes only the image', () => {
  const a = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 4, rings: true });
  const b = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 4, rings: true });
  const c = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 5, rings: true });
  assert.ok(sameBytes(a.image.voxels, b.image.voxels));
  assert.ok(sameBytes(a.label.voxels, b.label.voxels));
  assert.ok(!sameBytes(a.image.voxels, c.image.voxels));
  assert.ok(sameBytes(a.label.voxels, c.label.voxels));
});

test('downsampling by 2 halves the grid around the same physical extent', () => {
  const s = synthesiseFromAnatomy(ANATOMY_VOLUME, { seed: 1, downsample: 2 });
  for (const v of [s.image, s.label]) {
    assert.deepEqual(v.dims, [30, 24, 25]);
    assert.deepEqual(v.spacing, [1, 1, 1]);
    assert.deepEqual(v.origin, [10.25, -19.75, 29.75]);
    assert.deepEqual(v.direction, ANATOMY_VOLUME.direction);
  }
  const labels = new Set(s.label.voxels);
  assert.ok(labels.has(1) && labels.has(2), 'teeth and pulp survive');
  assert.equal(exposedPulpVoxels(s.label.voxels, s.label.dims), 0);
});

test('bad anatomy values and options are RangeErrors', () => {
  const bad = structuredClone(ANATOMY_VOLUME);
  (bad.voxels as Int16Array)[5] = 7;
  assert.throws(
    () => synthesiseFromAnatomy(bad, { seed: 1 }),
    /value 7 at voxel 5; expected DentalSegmentator labels/,
  );
  const fractional: Volume = {
    ...ANATOMY_VOLUME,
    dataType: 'float32',
    voxels: new Float32Array(60 * 48 * 50).fill(1.5),
  };
  assert.throws(() => synthesiseFromAnatomy(fractional, { seed: 1 }), RangeError);
  const options: [object, RegExp][] = [
    [{}, /seed must be a safe integer/],
    [{ seed: 1, downsample: 0 }, /downsample must be an integer in \[1, 8\]/],
    [{ seed: 1, downsample: 1.5 }, /downsample/],
    [{ seed: 1, noise: -2 }, /noise must be a number in \[0, 1000\]/],
    [{ seed: 1, pulpFraction: 1 }, /pulpFraction/],
    [{ seed: 1, rings: 'no' }, /rings must be a boolean/],
  ];
  for (const [o, message] of options) {
    assert.throws(
      () => synthesiseFromAnatomy(ANATOMY_VOLUME, o as { seed: number }),
      (e: unknown) => {
        assert.ok(e instanceof RangeError);
        assert.match(e.message, message);
        return true;
      },
    );
  }
});
