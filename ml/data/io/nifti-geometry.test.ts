import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRng } from '../../util/rng.js';
import { geometryFromNifti, niftiTransformFields } from './nifti-geometry.js';
import type { NiftiHeader } from './nifti-header.js';
import { assertSameGeometry, obliqueDirection } from './test-support.js';
import { voxelToWorld, type Mat3, type Vec3 } from './volume.js';

function header(fields: Partial<NiftiHeader>): NiftiHeader {
  return {
    version: 1,
    littleEndian: true,
    dim: [3, 4, 4, 4, 1, 1, 1, 1],
    datatype: 4,
    bitpix: 16,
    pixdim: [1, 1, 1, 1, 1, 1, 1, 1],
    voxOffset: 352,
    sclSlope: 1,
    sclInter: 0,
    xyztUnits: 2,
    descrip: '',
    qformCode: 0,
    sformCode: 0,
    quatern: [0, 0, 0],
    qoffset: [0, 0, 0],
    srow: [
      [1, 0, 0, 0],
      [0, 1, 0, 0],
      [0, 0, 1, 0],
    ],
    magic: 'n+1\0',
    ...fields,
  };
}

/** Header fields as a float32 NIfTI-1 file would hold them. */
function asFloat32(h: NiftiHeader): NiftiHeader {
  const f = (xs: readonly number[]) => xs.map((x) => Math.fround(x));
  return {
    ...h,
    pixdim: f(h.pixdim),
    quatern: f(h.quatern) as Vec3,
    qoffset: f(h.qoffset) as Vec3,
    srow: h.srow.map((r) => f(r)) as NiftiHeader['srow'],
  };
}

function randomRotation(seed: number, improper: boolean): Mat3 {
  const rng = createRng(seed);
  const q = [rng.normal(), rng.normal(), rng.normal(), rng.normal()];
  const n = Math.hypot(...q);
  const [a, b, c, d] = q.map((x) => x / n) as [number, number, number, number];
  const rows = [
    [a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c)],
    [2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b)],
    [2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b],
  ];
  const sign = improper ? -1 : 1;
  return [0, 1, 2].flatMap((col) => [0, 1, 2].map((r) => rows[r]![col]! * (col === 1 ? sign : 1))) as Mat3;
}

describe('NIfTI geometry', () => {
  it('qform: a 90° turn about z, with RAS → LPS', () => {
    const s = Math.SQRT1_2;
    const g = geometryFromNifti(
      'q.nii',
      header({ qformCode: 1, quatern: [0, 0, s], qoffset: [10, 20, 30], pixdim: [1, 2, 3, 4, 1, 1, 1, 1] }),
    );
    assert.deepEqual(g.spacing, [2, 3, 4]);
    assert.deepEqual(g.origin, [-10, -20, 30]);
    const round = g.direction.map((x) => Math.round(x * 1e12) / 1e12 + 0);
    // Axis i runs RAS +y (LPS −y); axis j runs RAS −x (LPS +x); axis k runs +z.
    assert.deepEqual(round, [0, -1, 0, 1, 0, 0, 0, 0, 1]);
    // Voxel (1, 0, 0): RAS (10, 22, 30) → LPS (−10, −22, 30).
    const w = voxelToWorld(g, 1, 0, 0).map((x) => Math.round(x * 1e9) / 1e9);
    assert.deepEqual(w, [-10, -22, 30]);
  });

  it('qform: qfac = pixdim[0] = −1 flips the third axis; the identity quaternion is RAS axes', () => {
    const g = geometryFromNifti('q.nii', header({ qformCode: 2, pixdim: [-1, 1, 1, 1, 1, 1, 1, 1] }));
    assert.deepEqual(g.direction, [-1, 0, 0, 0, -1, 0, 0, 0, -1]);
  });

  it('qform: a 180° quaternion (b² + c² + d² = 1) is renormalised with a = 0', () => {
    const g = geometryFromNifti('q.nii', header({ qformCode: 1, quatern: [0, 0, 1.0000001] }));
    const round = g.direction.map((x) => Math.round(x * 1e6) / 1e6 + 0);
    assert.deepEqual(round, [1, 0, 0, 0, 1, 0, 0, 0, 1]); // RAS diag(−1, −1, 1) is LPS identity
  });

  it('the sform wins over the qform when sform_code > 0; spacing is the column norm', () => {
    // The body-CT fixture's sform offset, as float32.
    const [x, y, z] = [-177.95633, 11.319, 94.30176].map(Math.fround) as Vec3;
    const g = geometryFromNifti(
      's.nii',
      header({
        sformCode: 2,
        qformCode: 1,
        quatern: [0, 0, 1],
        pixdim: [1, 9, 9, 9, 1, 1, 1, 1],
        srow: [
          [3, 0, 0, x],
          [0, 3, 0, y],
          [0, 0, 3, z],
        ],
      }),
    );
    assert.deepEqual(g.spacing, [3, 3, 3]);
    assert.deepEqual(g.origin, [-x, -y, z]);
    assert.deepEqual(g.direction, [-1, 0, 0, 0, -1, 0, 0, 0, 1]);
  });

  it('no sform or qform: ITK-style fallback of |pixdim| spacing, identity LPS direction, zero origin', () => {
    const g = geometryFromNifti('f.nii', header({ pixdim: [0, 0.5, -0.25, 2, 0, 0, 0, 0] }));
    assert.deepEqual(g, {
      spacing: [0.5, 0.25, 2],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
  });

  it('spatial units in metres or micrometres become millimetres', () => {
    const m = geometryFromNifti(
      'm.nii',
      header({ xyztUnits: 1, pixdim: [1, 0.0005, 0.0005, 0.001, 1, 1, 1, 1] }),
    );
    assert.deepEqual(
      m.spacing.map((x) => Math.round(x * 1e6) / 1e6),
      [0.5, 0.5, 1],
    );
    const um = geometryFromNifti(
      'u.nii',
      header({ xyztUnits: 3 | 8, pixdim: [1, 500, 500, 1000, 1, 1, 1, 1] }),
    );
    assert.deepEqual(um.spacing, [0.5, 0.5, 1]);
  });

  it('writer: LPS identity is RAS diag(−1, −1, 1) = quaternion (0, 0, 1), as the dental fixture stores it', () => {
    const f = niftiTransformFields({
      spacing: [0.5, 0.5, 0.5],
      origin: [0, 0, 0],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    });
    assert.deepEqual(f.quatern, [0, 0, 1]);
    assert.equal(f.pixdim[0], 1);
    assert.deepEqual(f.srow, [
      [-0.5, 0, 0, 0],
      [0, -0.5, 0, 0],
      [0, 0, 0.5, 0],
    ]);
    assert.equal(f.qformCode, 1);
    assert.equal(f.sformCode, 1);
  });

  it('writer: an LPI direction (left-handed in RAS) is stored with qfac −1', () => {
    const f = niftiTransformFields({
      spacing: [0.16, 0.16, 0.16],
      origin: [1, 2, 3],
      direction: [1, 0, 0, 0, 1, 0, 0, 0, -1],
    });
    assert.equal(f.pixdim[0], -1);
    assert.deepEqual(f.qoffset, [-1, -2, 3]);
  });

  it('writer: sform and qform describe the same geometry (so ITK, Slicer and nibabel agree), for many rotations', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const geometry = {
        spacing: [0.2 + seed / 50, 0.3, 1.25] as Vec3,
        origin: [seed * 1.5, -seed, 100 - seed] as Vec3,
        direction: randomRotation(seed, seed % 2 === 0),
      };
      const written = asFloat32(header({ ...niftiTransformFields(geometry) }));
      assert.equal(written.qformCode, 1);
      const viaSform = geometryFromNifti('w.nii', written);
      const viaQform = geometryFromNifti('w.nii', { ...written, sformCode: 0 });
      assertSameGeometry(viaSform, geometry, 1e-5);
      assertSameGeometry(viaQform, geometry, 1e-5);
    }
  });

  it('writer: a sheared direction cannot be a quaternion, so only the sform is written', () => {
    const sheared: Mat3 = [1, 0, 0, Math.SQRT1_2, Math.SQRT1_2, 0, 0, 0, 1];
    const f = niftiTransformFields({ spacing: [1, 1, 1], origin: [0, 0, 0], direction: sheared });
    assert.equal(f.qformCode, 0);
    assert.equal(f.sformCode, 1);
    const g = geometryFromNifti('s.nii', header({ ...f }));
    assertSameGeometry(g, { spacing: [1, 1, 1], origin: [0, 0, 0], direction: sheared }, 1e-12);
  });

  it('writer: the oblique test direction survives sform and qform', () => {
    const geometry = {
      spacing: [0.3, 0.25, 1.7] as Vec3,
      origin: [-12.5, 98.75, 3] as Vec3,
      direction: obliqueDirection(),
    };
    const f = asFloat32(header({ ...niftiTransformFields(geometry) }));
    assertSameGeometry(geometryFromNifti('o.nii', f), geometry, 1e-6);
    assertSameGeometry(geometryFromNifti('o.nii', { ...f, sformCode: 0 }), geometry, 1e-6);
  });
});
