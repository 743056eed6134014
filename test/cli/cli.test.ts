// The `cbct` binary end to end: phantom, info on the real files, init + import + list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';
import { cbct } from './run-cli.js';

const REAL = fileURLToPath(new URL('../fixtures/real/', import.meta.url));
const DENTAL = join(REAL, 'dental-anatomy/PostDentalSurgery_Segmentation.nii.gz');
const BODY = join(REAL, 'body-ct/example_ct_sm.nii.gz');
const SIRONA = join(REAL, 'scanner-header/sirona_multiframe.nii.gz');

interface Info {
  dims: number[];
  spacing: number[];
  origin: number[];
  direction: number[];
  dataType: string;
  min: number;
  max: number;
}

function info(path: string): Info {
  const r = cbct(['info', path, '--json']);
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Info;
}

function near(actual: number[], expected: number[], tol: number, what: string) {
  assert.equal(actual.length, expected.length, what);
  actual.forEach((a, i) =>
    assert.ok(Math.abs(a - expected[i]!) <= tol, `${what}[${i}] = ${a}, expected ${expected[i]}`),
  );
}

test('cbct info reports the true geometry of the real files', () => {
  const body = info(BODY);
  assert.deepEqual(body.dims, [122, 101, 30]);
  near(body.spacing, [3, 3, 3], 1e-6, 'body spacing');
  near(body.origin, [177.956, -11.319, 94.302], 1e-3, 'body origin (LPS)');
  near(body.direction, [-1, 0, 0, 0, -1, 0, 0, 0, 1], 1e-6, 'body direction');
  assert.equal(body.dataType, 'int16');
  assert.deepEqual([body.min, body.max], [-1100, 1207]);

  const dental = info(DENTAL);
  assert.deepEqual(dental.dims, [360, 360, 330]);
  near(dental.spacing, [0.5, 0.5, 0.5], 1e-6, 'dental spacing');
  near(dental.direction, [1, 0, 0, 0, 1, 0, 0, 0, 1], 1e-6, 'dental direction (LPS)');
  assert.equal(dental.dataType, 'int16');
  assert.deepEqual([dental.min, dental.max], [0, 5]);

  const sirona = info(SIRONA);
  assert.deepEqual(sirona.dims, [512, 512, 8]);
  near(sirona.spacing.slice(0, 2), [0.16, 0.16], 1e-4, 'sirona spacing');
  near(sirona.direction, [1, 0, 0, 0, 1, 0, 0, 0, -1], 1e-6, 'sirona direction (LPI)');
  assert.equal(sirona.dataType, 'uint16');
});

test('cbct phantom writes a seeded image/label pair that cbct info reads back', (t) => {
  const dir = tempDir(t);
  const img = join(dir, 'img.nii.gz');
  const lbl = join(dir, 'lbl.nii.gz');
  const r = cbct([
    'phantom',
    img,
    lbl,
    '--seed',
    '3',
    '--size',
    '48,40,32',
    '--spacing',
    '0.4',
    '--teeth',
    '5',
  ]);
  assert.equal(r.status, 0, r.stderr);
  const i = info(img);
  const l = info(lbl);
  assert.deepEqual(i.dims, [48, 40, 32]);
  near(i.spacing, [0.4, 0.4, 0.4], 1e-6, 'phantom spacing');
  assert.deepEqual(l.dims, i.dims);
  assert.deepEqual([l.min, l.max], [0, 2]);
  assert.equal(cbct(['phantom', img, lbl, '--size', '-3']).status, 1);
});

test('cbct import of the real files and 20 phantoms, then cbct list --json', (t) => {
  const dir = tempDir(t);
  const project = join(dir, 'project');
  assert.equal(cbct(['init', project, '--name', 'lab']).status, 0);
  const phantoms: string[] = [];
  for (let seed = 1; seed <= 20; seed++) {
    const img = join(dir, `ph-${seed}.nii.gz`);
    assert.equal(
      cbct([
        'phantom',
        img,
        join(dir, `ph-${seed}-label.nii.gz`),
        '--seed',
        String(seed),
        '--size',
        '40,40,24',
      ]).status,
      0,
    );
    phantoms.push(img);
  }
  const imported = cbct(['import', project, BODY, SIRONA, DENTAL, ...phantoms, '--split', 'unlabeled']);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stderr, /\[22\/23\]/, 'progress on stderr');
  const list = cbct(['list', project, '--json']);
  assert.equal(list.status, 0, list.stderr);
  const cases = JSON.parse(list.stdout) as {
    name: string;
    status: string;
    split: string;
    geometry: { dims: number[] };
  }[];
  assert.equal(cases.length, 23);
  assert.deepEqual(cases[0]?.geometry.dims, [122, 101, 30]);
  assert.deepEqual(cases[2]?.geometry.dims, [360, 360, 330]);
  assert.equal(cases[2]?.name, 'PostDentalSurgery_Segmentation');
  assert.ok(cases.every((c) => c.status === 'new' && c.split === 'unlabeled'));

  const junk = join(dir, 'junk.mha');
  writeFileSync(
    junk,
    'ObjectType = Image\nNDims = 3\nDimSize = 4 4 4\nElementType = MET_SHORT\nElementDataFile = LOCAL\n',
  );
  const bad = cbct(['import', project, junk]);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /junk\.mha/);
  assert.equal((JSON.parse(cbct(['list', project, '--json']).stdout) as unknown[]).length, 23);
  assert.equal(cbct(['frobnicate']).status, 2);
});

test('cbct model-info reports the reference parameter count and FLOPs', () => {
  const r = cbct(['model-info', '--config', 'stsr', '--json']);
  assert.equal(r.status, 0, r.stderr);
  const info = JSON.parse(r.stdout) as { parameters: number; patch: number[]; flops: number };
  assert.equal(info.parameters, 142134662);
  assert.deepEqual(info.patch, [160, 256, 256]);
  assert.ok(info.flops > 7e12 && info.flops < 7.3e12, `flops ${info.flops}`);
  const bad = cbct(['model-info', '--config', 'nope']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unknown architecture "nope" \(known: stsr, tiny, workstation\)/);
});
