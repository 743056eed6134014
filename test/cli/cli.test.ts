// The `cbct` binary end to end: phantom, info on the real files, init + import + list.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir } from '../helpers/temp.js';
import { writePhantomFiles } from '../helpers/scans.js';
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

test('cbct import of the real files and 20 phantoms, then cbct list --json', async (t) => {
  const dir = tempDir(t);
  const project = join(dir, 'project');
  assert.equal(cbct(['init', project, '--name', 'lab']).status, 0);
  // Written in-process (cbct phantom itself is tested above) to keep the suite fast.
  const seeds = Array.from({ length: 20 }, (_, i) => i + 1);
  const phantoms = (await writePhantomFiles(dir, seeds, [40, 40, 24])).map((p) => p.path);
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

test('cbct import-label, export-label and export-nnunet', (t) => {
  const dir = tempDir(t);
  const project = join(dir, 'project');
  const img = join(dir, 'img.nii.gz');
  const lbl = join(dir, 'lbl.nii.gz');
  assert.equal(cbct(['phantom', img, lbl, '--seed', '9', '--size', '40,40,24']).status, 0);
  assert.equal(cbct(['init', project]).status, 0);
  assert.equal(cbct(['import', project, img, '--split', 'train']).status, 0);
  const imported = cbct(['import-label', project, '1', lbl, '--author', 'lab']);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /label version 1 \(source import\)/);
  const out = join(dir, 'exported.nii.gz');
  assert.equal(cbct(['export-label', project, '1', out]).status, 0);
  assert.deepEqual(info(out).dims, [40, 40, 24]);
  const nn = cbct(['export-nnunet', project, join(dir, 'raw'), '--id', '7', '--name', 'Teeth']);
  assert.equal(nn.status, 0, nn.stderr);
  assert.match(nn.stdout, /Dataset007_Teeth/);
  const bad = cbct(['export-label', project, '1', join(dir, 'x.seg.dcm'), '--format', 'dicom-seg']);
  assert.equal(bad.status, 1);
  assert.match(bad.stderr, /unsupported.*DICOM-sourced/);
});

test('cbct segment --bootstrap writes a label on the input grid; cbct evaluate scores it', (t) => {
  const dir = tempDir(t);
  const img = join(dir, 'img.nii.gz');
  const lbl = join(dir, 'lbl.nii.gz');
  const out = join(dir, 'pred.nii.gz');
  assert.equal(
    cbct(['phantom', img, lbl, '--seed', '4', '--size', '64,64,40', '--spacing', '0.4']).status,
    0,
  );
  const seg = cbct(['segment', '--bootstrap', img, out]);
  assert.equal(seg.status, 0, seg.stderr);
  const a = info(img);
  const b = info(out);
  assert.deepEqual([b.dims, b.spacing, b.origin, b.direction], [a.dims, a.spacing, a.origin, a.direction]);
  const ev = cbct(['evaluate', lbl, out, '--json']);
  assert.equal(ev.status, 0, ev.stderr);
  const r = JSON.parse(ev.stdout) as { image: { dice: number } };
  assert.ok(r.image.dice > 0.7, `bootstrap Dice ${r.image.dice}`);
  const self = JSON.parse(cbct(['evaluate', lbl, lbl, '--json']).stdout) as {
    image: { dice: number; nsd: number };
  };
  assert.deepEqual([self.image.dice, self.image.nsd], [1, 1]);
});
