// `cbct evaluate --dir`: a folder of ground truths against a folder of predictions, paired by case name and
// aggregated as the official STSR script does (`evaluateCases`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';
import { cbct } from './run-cli.js';
import { CoreError } from '../../electron/contract/errors.js';
import { caseNameOf, pairCaseFiles, scoreCase } from '../../electron/cli/evaluate-dir.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import type { Volume } from '../../ml/data/io/volume.js';
import { generatePhantom } from '../../ml/data/phantom/index.js';
import {
  evaluateCase,
  evaluateCases,
  type AggregateResult,
  type CaseResult,
} from '../../ml/metrics/index.js';

const SIZE: [number, number, number] = [32, 32, 24];

interface Case {
  name: string;
  gt: Volume;
  pred: Volume;
}

function withVoxels(v: Volume, voxels: Uint8Array): Volume {
  return { ...v, voxels };
}

/** The label shifted one voxel along x (voxel i takes the value of voxel i − 1). */
function shiftX(v: Volume): Volume {
  const [nx] = v.dims;
  const out = new Uint8Array(v.voxels.length);
  for (let idx = 0; idx < out.length; idx++) out[idx] = idx % nx === 0 ? 0 : (v.voxels[idx - 1] as number);
  return withVoxels(v, out);
}

/**
 * Three cases: a and b predicted exactly; c has a tooth-only ground truth (pulp merged into tooth: one label
 * instead of two, so instance pooling weighs it less than a per-case mean would) and a shifted prediction.
 */
function makeCases(): Case[] {
  const label = (seed: number) =>
    generatePhantom({ seed, size: SIZE, spacing: [0.5, 0.5, 0.5], teeth: 4, noise: 0 }).label;
  const a = label(1);
  const b = label(2);
  const c = withVoxels(
    label(3),
    Uint8Array.from(label(3).voxels, (x) => (x > 0 ? 1 : 0)),
  );
  return [
    { name: 'case-a', gt: a, pred: a },
    { name: 'case-b', gt: b, pred: b },
    { name: 'case-c', gt: c, pred: shiftX(c) },
  ];
}

/** Writes the cases (case-b's ground truth as NRRD: pairing ignores the format) plus a stray prediction. */
async function writeCases(dir: string, cases: Case[]) {
  const gtDir = join(dir, 'gt');
  const predDir = join(dir, 'pred');
  mkdirSync(gtDir);
  mkdirSync(predDir);
  for (const c of cases) {
    await writeVolumeFile(c.gt, join(gtDir, `${c.name}${c.name === 'case-b' ? '.nrrd' : '.nii.gz'}`));
    await writeVolumeFile(c.pred, join(predDir, `${c.name}.nii.gz`));
  }
  await writeVolumeFile(cases[0]!.pred, join(predDir, 'stray.nii.gz'));
  writeFileSync(join(gtDir, 'notes.txt'), 'not an image\n');
  return { gtDir, predDir };
}

interface DirJson {
  cases: ({ case: string } & CaseResult)[];
  aggregate: Omit<AggregateResult, 'perCase'>;
}

test('cbct evaluate --dir scores every case and aggregates exactly as evaluateCases', async (t) => {
  const cases = makeCases();
  const { gtDir, predDir } = await writeCases(tempDir(t), cases);

  const r = cbct(['evaluate', '--dir', gtDir, predDir, '--json']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /warning: prediction "stray".*no ground truth.*skipped/);
  const out = JSON.parse(r.stdout) as DirJson;

  assert.deepEqual(
    out.cases.map((c) => c.case),
    ['case-a', 'case-b', 'case-c'],
  );
  const dice = out.cases.map((c) => c.image?.dice);
  assert.deepEqual(dice.slice(0, 2), [1, 1]);
  assert.ok(dice[2]! < 1 && dice[2]! > 0.5, `shifted case Dice ${dice[2]}`);
  cases.forEach((c, i) =>
    assert.deepEqual(out.cases[i], { case: c.name, ...evaluateCase(c.gt, c.pred, { id: c.name }) }),
  );

  const { perCase: _perCase, ...expected } = evaluateCases(
    cases.map((c) => ({ id: c.name, gt: c.gt, pred: c.pred })),
  );
  assert.deepEqual(out.aggregate, expected);
  assert.equal(out.aggregate.cases, 3);
  assert.equal(out.aggregate.instancePairs, 5); // 2 + 2 + 1 labels: pooled, not averaged per case
  const perCaseMean =
    out.cases
      .map((c) => c.instances.reduce((s, x) => s + x.dice, 0) / c.instances.length)
      .reduce((s, x) => s + x, 0) / out.cases.length;
  assert.ok(
    Math.abs(out.aggregate.scores.Dice_Instance - perCaseMean) > 1e-3,
    `pooled ${out.aggregate.scores.Dice_Instance} vs per-case mean ${perCaseMean}`,
  );

  const text = cbct(['evaluate', '--dir', gtDir, predDir, '--tolerance', '2']);
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.trimEnd().split('\n');
  assert.match(lines[0]!, /^case\s+Dice\s+IoU\s+NSD\s+IA$/);
  assert.match(lines[1]!, /^case-a\s+1\.0000\s+1\.0000\s+1\.0000\s+1\.0000$/);
  assert.match(lines[3]!, new RegExp(`^case-c\\s+${dice[2]!.toFixed(4).replace('.', '\\.')}\\s`));
  assert.match(lines[4]!, /^aggregate \(3 cases, 5 case-label pairs\): Dice_Image /);
  assert.ok(lines[4]!.includes(`Dice_Instance ${expected.scores.Dice_Instance.toFixed(4)}`), lines[4]);
  assert.ok(lines[4]!.includes(`All_Average ${expected.scores.All_Average.toFixed(4)}`), lines[4]);
  assert.equal(lines.length, 5);
});

test('cbct evaluate --dir refuses missing predictions, empty folders and unreadable files, naming the case', async (t) => {
  const dir = tempDir(t);
  const { gtDir, predDir } = await writeCases(dir, makeCases());

  rmSync(join(predDir, 'case-b.nii.gz'));
  const missing = cbct(['evaluate', '--dir', gtDir, predDir]);
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /\(invalid-input\): no prediction in .* for ground-truth case "case-b"/);
  assert.equal(missing.stdout, '');

  writeFileSync(join(predDir, 'case-b.nii.gz'), 'not a NIfTI file at all, just some text');
  const broken = cbct(['evaluate', '--dir', gtDir, predDir, '--json']);
  assert.equal(broken.status, 1);
  assert.match(broken.stderr, /error \(invalid-input\): case "case-b": .*case-b\.nii\.gz/);

  const empty = join(dir, 'empty');
  mkdirSync(empty);
  const none = cbct(['evaluate', '--dir', gtDir, empty]);
  assert.equal(none.status, 1);
  assert.match(none.stderr, /\(invalid-input\): prediction folder .*empty holds no image files/);

  const negative = cbct(['evaluate', '--dir', gtDir, predDir, '--tolerance=-1']);
  assert.equal(negative.status, 1);
  assert.match(negative.stderr, /\(invalid-input\): --tolerance must be ≥ 0 mm/);
});

test('case names drop the image extension; duplicates and unscorable pairs are errors naming the case', async (t) => {
  assert.equal(caseNameOf('STS_017.nii.gz'), 'STS_017');
  assert.equal(caseNameOf('a.b.NII'), 'a.b');
  assert.equal(caseNameOf('x.mhd'), 'x');
  assert.equal(caseNameOf('x.nhdr'), 'x');
  assert.equal(caseNameOf('x.raw'), null);
  assert.equal(caseNameOf('.nii.gz'), null);
  assert.equal(caseNameOf('._x.nii.gz'), null);

  const dir = tempDir(t);
  const gtDir = join(dir, 'gt');
  const predDir = join(dir, 'pred');
  mkdirSync(gtDir);
  mkdirSync(predDir);
  const [a] = makeCases();
  await writeVolumeFile(a!.gt, join(gtDir, 'one.nii.gz'));
  await writeVolumeFile(a!.gt, join(predDir, 'one.mha'));
  const warnings: string[] = [];
  assert.deepEqual(await pairCaseFiles(gtDir, predDir, (m) => warnings.push(m)), [
    { case: 'one', gt: join(gtDir, 'one.nii.gz'), pred: join(predDir, 'one.mha') },
  ]);
  assert.deepEqual(warnings, []);
  await writeVolumeFile(a!.gt, join(predDir, 'one.nii'));
  await assert.rejects(pairCaseFiles(gtDir, predDir), /two files for case "one"/);

  const bad = { dims: [2, 2, 2] as const, spacing: [1, 1, 1] as const, voxels: new Uint8Array(7) };
  assert.throws(
    () => scoreCase('case-x', a!.gt, bad),
    (e: unknown) =>
      e instanceof CoreError && e.kind === 'invalid-input' && /^case "case-x": /.test(e.message),
  );
});
