// Bootstrap tooth/pulp proposal on seeded phantoms, odd inputs and a full-size scan.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Vec3, Volume } from '../../data/io/volume.js';
import { generatePhantom, type PhantomParams } from '../../data/phantom/index.js';
import { evaluateCase } from '../../metrics/index.js';
import { proposeTeethAndPulp, superiorAxis } from './index.js';

/** Dice of (a ∈ set) vs (b ∈ set) over two label arrays. */
function dice(a: ArrayLike<number>, b: ArrayLike<number>, pick: (v: number) => boolean): number {
  let both = 0;
  let na = 0;
  let nb = 0;
  for (let n = 0; n < a.length; n++) {
    const x = pick(a[n]!);
    const y = pick(b[n]!);
    if (x && y) both++;
    if (x) na++;
    if (y) nb++;
  }
  return na + nb === 0 ? 1 : (2 * both) / (na + nb);
}

function assertSameGeometry(label: Volume, image: Volume): void {
  assert.deepEqual(label.dims, image.dims);
  assert.deepEqual(label.spacing, image.spacing);
  assert.deepEqual(label.origin, image.origin);
  assert.deepEqual(label.direction, image.direction);
  assert.equal(label.dataType, 'uint8');
  assert.ok(label.voxels instanceof Uint8Array);
  assert.equal(label.voxels.length, image.voxels.length);
  assert.ok(label.voxels.every((v) => v <= 2));
}

const phantomCases: [string, PhantomParams, number, number][] = [
  // name, parameters, minimum tooth Dice, minimum pulp Dice
  ['default', { seed: 1 }, 0.85, 0.6],
  ['noisy (σ 200)', { seed: 3, noise: 200 }, 0.83, 0.6],
  ['very noisy (σ 300)', { seed: 11, noise: 300 }, 0.8, 0.6],
  ['anisotropic 0.5×0.5×0.8 mm', { seed: 4, size: [80, 80, 48], spacing: [0.5, 0.5, 0.8] }, 0.9, 0.8],
];

for (const [name, params, minTooth, minPulp] of phantomCases) {
  test(`phantom ${name}: tooth Dice ≥ ${minTooth}, pulp Dice ≥ ${minPulp}, input geometry`, () => {
    const ph = generatePhantom(params);
    const { label, report } = proposeTeethAndPulp(ph.image);
    assertSameGeometry(label, ph.image);
    const scores = evaluateCase(ph.label, label);
    const tooth = scores.image!.dice!;
    const pulp = scores.instances.find((s) => s.label === 2)?.dice ?? 0;
    assert.ok(tooth >= minTooth, `tooth Dice ${tooth.toFixed(3)}`);
    assert.ok(pulp >= minPulp, `pulp Dice ${pulp.toFixed(3)}`);
    assert.equal(report.empty, null);
    assert.equal(report.leak?.detected, true);
    const t = report.thresholds!;
    assert.ok(t.otsu[0] < t.otsu[1] && t.otsu[1] < t.otsu[2] && t.otsu[2] < t.otsu[3]);
    assert.ok(t.boneMode < t.tooth && t.tooth < t.pulp && t.pulp < t.toothLevel);
    assert.ok(report.components.teethKept >= 1 && report.components.pulpKept >= 1);
  });
}

test('any axis order: the proposal follows the data when the superior axis is axis 0', () => {
  const ph = generatePhantom({ seed: 7 });
  const [nx, ny, nz] = ph.image.dims;
  // New axes (a, b, c) = old (k, i, j); the direction columns are permuted the same way.
  const permute = <T extends Volume['voxels']>(src: T): T => {
    const out = new (src.constructor as new (n: number) => T)(src.length);
    for (let k = 0; k < nz; k++)
      for (let j = 0; j < ny; j++)
        for (let i = 0; i < nx; i++) out[k + nz * (i + nx * j)] = src[i + nx * (j + ny * k)]!;
    return out;
  };
  const d = ph.image.direction;
  const image: Volume = {
    ...ph.image,
    dims: [nz, nx, ny],
    spacing: [ph.image.spacing[2], ph.image.spacing[0], ph.image.spacing[1]],
    direction: [d[6], d[7], d[8], d[0], d[1], d[2], d[3], d[4], d[5]],
    voxels: permute(ph.image.voxels),
  };
  assert.equal(superiorAxis(image.direction), 0);
  const original = proposeTeethAndPulp(ph.image);
  const permuted = proposeTeethAndPulp(image);
  assert.equal(permuted.report.sliceAxis, 0);
  assertSameGeometry(permuted.label, image);
  const back = permute(original.label.voxels);
  assert.ok(dice(back, permuted.label.voxels, (v) => v > 0) > 0.99);
  assert.ok(dice(back, permuted.label.voxels, (v) => v === 2) > 0.95);
});

test('blank, constant and all-NaN scans give an empty proposal', () => {
  const geometry = {
    dims: [20, 16, 12] as Vec3,
    spacing: [0.3, 0.3, 0.5] as Vec3,
    origin: [1, 2, 3] as Vec3,
  };
  const direction: Volume['direction'] = [0, 1, 0, -1, 0, 0, 0, 0, 1];
  const n = 20 * 16 * 12;
  const cases: [string, Volume, string][] = [
    ['zeros', { ...geometry, direction, dataType: 'int16', voxels: new Int16Array(n) }, 'constant image'],
    [
      'constant',
      { ...geometry, direction, dataType: 'float32', voxels: new Float32Array(n).fill(812.5) },
      'constant image',
    ],
    [
      'NaN',
      { ...geometry, direction, dataType: 'float32', voxels: new Float32Array(n).fill(NaN) },
      'no finite voxels',
    ],
    [
      'two values',
      {
        ...geometry,
        direction,
        dataType: 'uint8',
        voxels: Uint8Array.from({ length: n }, (_, i) => (i % 7 ? 0 : 255)),
      },
      'no tooth-bright seeds',
    ],
  ];
  for (const [name, image, why] of cases) {
    const { label, report } = proposeTeethAndPulp(image);
    assertSameGeometry(label, image);
    assert.ok(
      label.voxels.every((v) => v === 0),
      name,
    );
    assert.equal(report.empty, why, name);
  }
});

test('float scans with NaN and ±Infinity voxels', () => {
  const ph = generatePhantom({ seed: 1 });
  const voxels = Float32Array.from(ph.image.voxels);
  // Sparse invalid voxels (one in 997), as a broken reconstruction might leave.
  let bad = 0;
  for (let n = 0; n < voxels.length; n += 997, bad++)
    voxels[n] = bad % 3 === 0 ? NaN : bad % 3 === 1 ? Infinity : -Infinity;
  const image: Volume = { ...ph.image, dataType: 'float32', voxels };
  const { label, report } = proposeTeethAndPulp(image);
  assertSameGeometry(label, image);
  assert.equal(report.nonFiniteVoxels, bad);
  const t = report.thresholds!;
  assert.ok([...t.otsu, t.boneMode, t.tooth, t.pulp, t.toothLevel].every(Number.isFinite));
  assert.ok(dice(ph.label.voxels, label.voxels, (v) => v > 0) >= 0.8);
});

test('a full-size 360×360×330 scan keeps its geometry and quality (speed: npm run bench:bootstrap)', () => {
  // The default phantom (96×96×64 at 0.4 mm) tiled periodically to 360×360×330 at the same spacing: a
  // realistic field of view (144×144×132 mm) full of teeth and bone.
  const ph = generatePhantom({ seed: 1 });
  const src = ph.image.dims;
  const dims: Vec3 = [360, 360, 330];
  const voxels = new Int16Array(dims[0] * dims[1] * dims[2]);
  const gt = new Uint8Array(voxels.length);
  let n = 0;
  for (let k = 0; k < dims[2]; k++)
    for (let j = 0; j < dims[1]; j++)
      for (let i = 0; i < dims[0]; i++, n++) {
        const m = (i % src[0]) + src[0] * ((j % src[1]) + src[1] * (k % src[2]));
        voxels[n] = ph.image.voxels[m]!;
        gt[n] = ph.label.voxels[m]!;
      }
  const image: Volume = { ...ph.image, dims, voxels };
  const { label } = proposeTeethAndPulp(image);
  assertSameGeometry(label, image);
  assert.ok(dice(gt, label.voxels, (v) => v > 0) >= 0.8);
});
