// Benchmark of U-Mamba2-SSL on synthetic phantoms with few labelled and more unlabelled cases: supervised only vs
// + stage 1 (DAE) vs + stage 2 (consistency) vs + stage 3 (pseudo labels), each arm with the same number of
// optimizer steps (2 samples each) from the same seed, then held-out Dice / IoU / NSD / IA (STSR metrics,
// image level and per label) side by side. A benchmark, not a test: it takes many minutes on a CPU.
// Stage settings are the reference ones (spec §3–4) except the DAE base LR (--dae-lr; the reference 5e-5 barely
// moves the weights in a few dozen steps) and the iteration counts.
// Usage: node --import tsx bench/ssl.ts [--steps 300] [--dae-steps 60] [--pl-steps 80] [--labeled 2]
//        [--unlabeled 8] [--test 4] [--seed 1] [--dae-lr 1e-3] [--size 48,48,32] [--arms supervised,+dae] [--json]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getArchitecture } from '../ml/config/architectures.js';
import { generatePhantom } from '../ml/data/phantom/index.js';
import type { Vec3 } from '../ml/data/io/volume.js';
import { describeSelection, selectBackend } from '../ml/runtime/backend.js';
import { createOps } from '../ml/runtime/ops/index.js';
import { prepareTrainingData } from '../ml/train/data.js';
import { ARMS, evaluateArm, trainArm, type Arm } from './ssl-arms.js';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}
const num = (name: string, fallback: number) => Number(arg(name, String(fallback)));

const ipe = 20;
const steps = Math.max(ipe, Math.round(num('steps', 300) / ipe) * ipe);
const daeSteps = Math.round(num('dae-steps', 60) / ipe) * ipe;
const plSteps = Math.round(num('pl-steps', 80) / ipe) * ipe;
const seed = num('seed', 1);
const size = arg('size', '48,48,32').split(',').map(Number) as Vec3;
const json = process.argv.includes('--json');
const arms = arg('arms', ARMS.join(',')).split(',') as Arm[];
if (arms.some((a) => !ARMS.includes(a))) throw new RangeError(`--arms: choose from ${ARMS.join(',')}`);
if (steps - daeSteps - plSteps < ipe)
  throw new RangeError(`--steps must exceed --dae-steps + --pl-steps by at least ${ipe} (stage 2 of arm 4)`);

// Four stages (8, 16, 32, 32 features; strides 1, 2, 2, [1,2,2]), one block each, a 16×32×32 patch: small enough
// for hundreds of CPU steps, large enough to learn the phantoms' teeth.
const architecture = getArchitecture('tiny', {
  name: 'bench',
  featuresPerStage: [8, 16, 32, 32],
  strides: [
    [1, 1, 1],
    [2, 2, 2],
    [2, 2, 2],
    [1, 2, 2],
  ],
  blocksPerStage: [1, 1, 1, 1],
  convsPerDecoderStage: [1, 1, 1],
  mamba: { dState: 8, dConv: 4, expand: 2, headdim: 16, quadraticMaxLen: 256, chunkSize: 64 },
  patchSize: [16, 32, 32],
});

const phantom = (s: number) => {
  const p = generatePhantom({ seed: s, size, spacing: [0.8, 0.8, 0.8], teeth: 6 });
  return { id: `phantom-${s}`, image: p.image, label: p.label };
};

const selection = await selectBackend();
const log = (line: string) => {
  if (!json) console.log(line);
};
log(`# ${describeSelection(selection)}`);
const nl = num('labeled', 2);
const nu = num('unlabeled', 8);
const nt = num('test', 4);
const labeled = Array.from({ length: nl }, (_, i) => phantom(1000 * seed + 1 + i));
const val = [phantom(1000 * seed + 100)];
const unlabeled = Array.from({ length: nu }, (_, i) => ({
  id: `scan-${i}`,
  image: phantom(1000 * seed + 200 + i).image,
}));
const test = Array.from({ length: nt }, (_, i) => phantom(1000 * seed + 500 + i));
const data = prepareTrainingData(labeled, val, { fingerprintSamples: 20000, unlabeled });
log(
  `# ${nl} labelled, ${nu} unlabelled, ${nt} held-out phantoms of ${size.join('×')}; ${steps} steps per arm (DAE ${daeSteps}, pseudo labels ${plSteps})`,
);

const outDir = mkdtempSync(join(tmpdir(), 'bench-ssl-'));
const setup = {
  architecture,
  data,
  ops: createOps(selection.name),
  outDir,
  steps,
  iterationsPerEpoch: ipe,
  daeSteps,
  pseudoLabelSteps: plSteps,
  daeLr: num('dae-lr', 1e-3),
  seed,
  log,
};
const rows: {
  arm: Arm;
  minutes: number;
  scores: Record<string, number>;
  perLabel: Record<string, number>;
}[] = [];
try {
  for (const arm of arms) {
    const t0 = performance.now();
    log(`# ${arm}`);
    const model = await trainArm(setup, arm);
    const minutes = (performance.now() - t0) / 60000;
    const r = await evaluateArm(model, data, test);
    model.dispose();
    const perLabel = Object.fromEntries(r.perLabel.map((l) => [`dice_${l.label}`, l.dice]));
    // the DAE run is shared: its time counts in the '+dae' arm only
    rows.push({ arm, minutes, scores: { ...r.scores }, perLabel });
    log(
      `  → Dice_Image ${r.scores.Dice_Image.toFixed(3)}, IA ${r.scores.IA.toFixed(3)} (${minutes.toFixed(1)} min training)`,
    );
  }
} finally {
  rmSync(outDir, { recursive: true, force: true });
}

if (json) {
  console.log(
    JSON.stringify({ steps, daeSteps, plSteps, seed, labeled: nl, unlabeled: nu, test: nt, rows }, null, 2),
  );
} else {
  const keys = [
    'Dice_Image',
    'IoU_Image',
    'NSD_Image',
    'Dice_Instance',
    'IoU_Instance',
    'NSD_Instance',
    'IA',
  ];
  const head = [
    'arm'.padEnd(14),
    ...keys.map((k) => k.padStart(13)),
    'tooth Dice'.padStart(11),
    'pulp Dice'.padStart(10),
    'train min'.padStart(10),
  ];
  console.log('\n' + head.join(' '));
  for (const r of rows) {
    console.log(
      [
        r.arm.padEnd(14),
        ...keys.map((k) => r.scores[k]!.toFixed(3).padStart(13)),
        (r.perLabel['dice_1'] ?? NaN).toFixed(3).padStart(11),
        (r.perLabel['dice_2'] ?? NaN).toFixed(3).padStart(10),
        r.minutes.toFixed(1).padStart(10),
      ].join(' '),
    );
  }
}
