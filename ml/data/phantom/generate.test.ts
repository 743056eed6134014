import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidVolume } from '../io/volume.js';
import { generatePhantom, type Phantom } from './generate.js';
import type { PhantomParams } from './params.js';
import { MATERIAL } from './materials.js';
import {
  countComponents,
  exposedPulpVoxels,
  labelComponents,
  sameBytes,
  statsWhere,
} from './test-support.js';

const SMALL: Omit<PhantomParams, 'seed'> = { size: [64, 64, 40], teeth: 6 };

/** Default phantoms, built once and shared by the tests below. */
const defaults = new Map<number, Phantom>();
function defaultPhantom(seed: number): Phantom {
  let p = defaults.get(seed);
  if (!p) {
    p = generatePhantom({ seed });
    defaults.set(seed, p);
  }
  return p;
}

test('image, label and materials share one grid, centred on the origin with LPS axes', () => {
  const p = generatePhantom({ seed: 1, size: [48, 40, 32], spacing: [0.5, 0.4, 0.3] });
  for (const v of [p.image, p.label, p.materials]) {
    assertValidVolume(v);
    assert.deepEqual(v.dims, [48, 40, 32]);
    assert.deepEqual(v.spacing, [0.5, 0.4, 0.3]);
    [-11.75, -7.8, -4.65].forEach((o, a) =>
      assert.ok(Math.abs((v.origin[a] as number) - o) < 1e-9, 'origin'),
    );
    assert.deepEqual(v.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1]);
  }
  assert.equal(p.image.dataType, 'int16');
  assert.equal(p.label.dataType, 'uint8');
  assert.notEqual(p.image.dims, p.label.dims, 'geometry arrays are not shared');
  const values = new Set(p.label.voxels);
  assert.deepEqual([...values].sort(), [0, 1, 2]);
});

test('same parameters give byte-identical volumes; another seed gives another layout', () => {
  const params: PhantomParams = { seed: 7, ...SMALL, artefacts: { metal: true, rings: true, cupping: 0.1 } };
  const a = generatePhantom(params);
  const b = generatePhantom(structuredClone(params));
  assert.ok(sameBytes(a.image.voxels, b.image.voxels));
  assert.ok(sameBytes(a.label.voxels, b.label.voxels));
  const c = generatePhantom({ ...params, seed: 8 });
  assert.ok(!sameBytes(a.label.voxels, c.label.voxels), 'labels differ');
  assert.ok(!sameBytes(a.image.voxels, c.image.voxels), 'images differ');
});

test('noise, blur and artefacts change the image but never the labels', () => {
  const base = generatePhantom({ seed: 4, ...SMALL });
  const other = generatePhantom({
    seed: 4,
    ...SMALL,
    noise: 0,
    blur: 0,
    artefacts: { metal: true, rings: true, cupping: 0.2 },
  });
  assert.ok(sameBytes(base.label.voxels, other.label.voxels));
  assert.ok(!sameBytes(base.image.voxels, other.image.voxels));
});

test('every tooth is its own connected component and pulp is enclosed by tooth', () => {
  const cases: Omit<PhantomParams, 'seed'>[] = [
    { jaw: 'both', teeth: 7 },
    { jaw: 'upper', teeth: 12, size: [80, 80, 48] },
    { size: [40, 36, 24], spacing: [0.5, 0.5, 0.5], teeth: 4 },
    { size: [40, 40, 24] },
    { size: [72, 60, 40], spacing: [0.3, 0.35, 0.5], teeth: 10, jaw: 'both' },
  ];
  for (const extra of [null, ...cases]) {
    for (const seed of [1, 2]) {
      const p = extra
        ? generatePhantom({ seed, ...extra, artefacts: { metal: seed === 2 } })
        : defaultPhantom(seed);
      const l = p.label.voxels;
      const what = `${JSON.stringify(extra)} seed ${seed}`;
      const expected = p.params.teeth * (p.params.jaw === 'both' ? 2 : 1);
      assert.equal(
        countComponents(p.label.dims, (n) => l[n] !== 0),
        expected,
        `${what}: teeth`,
      );
      assert.equal(exposedPulpVoxels(l, p.label.dims), 0, `${what}: exposed pulp`);
    }
  }
});

test('default phantoms give every tooth a pulp', () => {
  for (const seed of [1, 2]) {
    const p = defaultPhantom(seed);
    const l = p.label.voxels;
    const { ids, count } = labelComponents(p.label.dims, (n) => l[n] !== 0);
    const withPulp = new Set<number>();
    for (let n = 0; n < l.length; n++) if (l[n] === 2) withPulp.add(ids[n] as number);
    assert.equal(count, 8);
    assert.equal(withPulp.size, 8, `seed ${seed}: teeth with pulp`);
  }
});

test('grey values are ordered: enamel > dentine > bone > soft tissue > air, pulp well below tooth', () => {
  for (const seed of [1, 2]) {
    const p = defaultPhantom(seed);
    const m = p.materials.voxels;
    const l = p.label.voxels;
    const img = p.image.voxels;
    const mean = (mask: (n: number) => boolean): number => statsWhere(img, mask).mean;
    const enamel = mean((n) => m[n] === MATERIAL.enamel);
    const dentine = mean((n) => m[n] === MATERIAL.dentine);
    const tooth = mean((n) => l[n] === 1);
    const pulp = mean((n) => l[n] === 2);
    const bone = mean((n) => m[n] === MATERIAL.bone || m[n] === MATERIAL.cortex);
    const soft = mean((n) => m[n] === MATERIAL.soft);
    const air = mean((n) => m[n] === MATERIAL.air);
    assert.ok(enamel > dentine && dentine > bone && tooth > bone, `${enamel} > ${dentine} > ${bone}`);
    assert.ok(bone > soft + 400 && soft > air + 700, `${bone} > ${soft} > ${air}`);
    assert.ok(pulp < tooth - 400, `pulp ${pulp} vs tooth ${tooth}`);
  }
});

test('the noise parameter sets the standard deviation in flat air', () => {
  const cornerStd = (noise: number): number => {
    const p = generatePhantom({ seed: 5, ...SMALL, noise });
    const [nx, ny] = p.image.dims;
    const corner = (n: number): boolean => n % nx < 5 && Math.floor(n / nx) % ny < 5;
    const s = statsWhere(p.image.voxels, corner);
    assert.ok(Math.abs(s.mean + 1000) < Math.max(3, noise / 5), `air mean ${s.mean}`);
    return s.std;
  };
  assert.ok(cornerStd(0) < 0.5);
  for (const noise of [20, 80]) {
    const std = cornerStd(noise);
    assert.ok(Math.abs(std - noise) < 0.1 * noise, `noise ${noise}: std ${std}`);
  }
});

test('artefacts: metal is bright and streaks, cupping darkens the centre, rings add structure', () => {
  const plain = generatePhantom({ seed: 6, ...SMALL, noise: 0 });
  const m = plain.materials.voxels;
  const soft = (n: number): boolean => m[n] === MATERIAL.soft;
  const base = statsWhere(plain.image.voxels, soft);

  const metal = generatePhantom({ seed: 6, ...SMALL, noise: 0, artefacts: { metal: true } });
  const metalVoxels = metal.materials.voxels.filter((c) => c === MATERIAL.metal).length;
  assert.ok(metalVoxels > 0, 'a filling is drawn');
  let max = -Infinity;
  for (const v of metal.image.voxels) max = Math.max(max, v);
  assert.ok(max > 3000, `metal is bright (${max})`);
  assert.ok(statsWhere(metal.image.voxels, soft).std > base.std + 20, 'streaks add variation to soft tissue');

  const [nx, ny] = plain.image.dims;
  const central = (n: number): boolean =>
    soft(n) && Math.abs((n % nx) - nx / 2) < 6 && Math.abs((Math.floor(n / nx) % ny) - ny / 2) < 6;
  const cupped = generatePhantom({ seed: 6, ...SMALL, noise: 0, artefacts: { cupping: 0.2 } });
  const drop = statsWhere(plain.image.voxels, central).mean - statsWhere(cupped.image.voxels, central).mean;
  assert.ok(drop > 150, `cupping lowers the centre by ${drop}`);

  const rings = generatePhantom({ seed: 6, ...SMALL, noise: 0, artefacts: { rings: true } });
  assert.ok(statsWhere(rings.image.voxels, soft).std > base.std + 5, 'rings add variation');
});
