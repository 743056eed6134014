// Sliding-window inference benchmark: voxels per second with and without mirroring TTA (axes 1, 2) on the
// workstation configuration of the active backend, and peak memory (process RSS from the OS, the tensors' peak
// during one tile's forward pass from tf.profile, the accumulation window, and the wasm heap on wasm).
// Each variant runs in its own child process so that its peak RSS is its own. Weights are random (speed does not
// depend on them); the scan is synthetic and already at the target spacing (pre-processing is timed separately).
// Usage:
//   node --import tsx bench/infer.ts [--mode train|infer] [--size D0xD1xD2] [--step 0.5] [--accumulator auto]
//                                    [--backend tensorflow|wasm|cpu] [--json]
// --mode train (default): the network this machine would train (ml/config/workstation.ts, mode 'train'); infer:
// the largest network whose inference fits (e.g. for a model trained on a GPU machine). --size: pre-processed
// volume (network order), default 1.5 × the patch per axis (2×2×2 tiles at step 0.5).
import { spawnSync } from 'node:child_process';
import { totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { modelInfo } from '../ml/config/model-info.js';
import { workstationArchitecture } from '../ml/config/workstation.js';
import type { Vec3, Volume } from '../ml/data/io/volume.js';
import type { Shape3 } from '../ml/data/preprocess/layout.js';
import type { PreprocessPlan } from '../ml/data/preprocess/plan.js';
import { modelPredictor, segmentVolume } from '../ml/infer/index.js';
import { buildUMamba2 } from '../ml/model/umamba2.js';
import { describeSelection, selectBackend, type BackendName } from '../ml/runtime/backend.js';
import { createOps } from '../ml/runtime/ops/index.js';
import { createRng } from '../ml/util/rng.js';

interface Row {
  variant: string;
  backend: string;
  network: string;
  volume: string;
  tiles: number;
  members: number;
  seconds: number;
  voxelsPerSecond: number;
  peakRssBytes: number;
  tfPeakBytesPerForward: number;
  accumulator: string;
  accumulatorPeakBytes: number;
  wasmHeapBytes: number | null;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const mib = (b: number) => `${(b / 1024 ** 2).toFixed(0)} MiB`;

/** A synthetic int16 scan at 1 mm: smooth structure plus seeded noise, non-zero everywhere (no crop). */
function syntheticScan(shape: Shape3): Volume {
  const rng = createRng(1);
  const voxels = new Int16Array(shape[0] * shape[1] * shape[2]);
  let n = 0;
  for (let a = 0; a < shape[0]; a++)
    for (let b = 0; b < shape[1]; b++)
      for (let c = 0; c < shape[2]; c++, n++)
        voxels[n] = Math.round(
          800 + 600 * Math.sin(0.11 * a) * Math.cos(0.07 * b + 0.05 * c) + rng.normal(0, 50),
        );
  const dims: Vec3 = [shape[2], shape[1], shape[0]];
  return {
    dims,
    spacing: [1, 1, 1],
    origin: [0, 0, 0],
    direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
    dataType: 'int16',
    voxels,
  };
}

async function child(variant: 'no-tta' | 'tta'): Promise<Row> {
  const forced = arg('backend', '');
  const sel = await selectBackend(forced ? { force: forced as BackendName } : {});
  const mode = arg('mode', 'train') === 'infer' ? 'infer' : 'train';
  const ws = workstationArchitecture({ backend: sel.name, systemBytes: totalmem(), mode });
  const patch = ws.config.patchSize;
  const sizeArg = arg('size', '');
  const shape = (sizeArg ? sizeArg.split('x').map(Number) : patch.map((p) => Math.round(1.5 * p))) as Shape3;
  const model = buildUMamba2(ws.config, createOps(sel.name), { seed: 1 });
  const predictor = modelPredictor(model);
  const plan: PreprocessPlan = {
    version: 1,
    targetSpacing: [1, 1, 1],
    intensity: {
      mean: 800,
      std: 400,
      percentile_00_5: 0,
      percentile_99_5: 2000,
      median: 800,
      min: 0,
      max: 2000,
    },
  };
  const image = syntheticScan(shape);
  // Tensor peak of one forward pass (the activations of a tile).
  const x = tf.zeros([1, ...patch, 1]) as tf.Tensor5D;
  const prof = await tf.profile(() => tf.tidy(() => predictor.predict(x)).dispose());
  x.dispose();
  const result = await segmentVolume(image, predictor, plan, {
    config: {
      tileStep: Number(arg('step', '0.5')),
      mirrorAxes: variant === 'tta' ? [1, 2] : [],
      accumulator: arg('accumulator', 'auto') as 'auto',
    },
  });
  const voxels = shape[0] * shape[1] * shape[2];
  const seconds = result.stats.seconds + result.stats.preprocessSeconds + result.stats.restoreSeconds;
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } };
  model.dispose();
  return {
    variant,
    backend: describeSelection(sel),
    network: `${ws.rung} (${(modelInfo(ws.config).parameters / 1e6).toFixed(1)} M params, ${mode} rung)`,
    volume: shape.join('×'),
    tiles: result.stats.tiles,
    members: result.stats.members,
    seconds,
    voxelsPerSecond: voxels / seconds,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
    tfPeakBytesPerForward: prof.peakBytes,
    accumulator: result.stats.precision,
    accumulatorPeakBytes: result.stats.peakAccumulatorBytes,
    wasmHeapBytes: backend.wasm?.HEAPU8?.byteLength ?? null,
  };
}

function print(rows: Row[]): void {
  const first = rows[0]!;
  console.log(`backend: ${first.backend}`);
  console.log(`network: ${first.network}; volume ${first.volume} (pre-processed voxels)`);
  const cols: [string, (r: Row) => string][] = [
    ['variant', (r) => r.variant],
    ['tiles × members', (r) => `${r.tiles} × ${r.members}`],
    ['seconds', (r) => r.seconds.toFixed(1)],
    ['voxels/s', (r) => r.voxelsPerSecond.toFixed(0)],
    ['peak RSS', (r) => mib(r.peakRssBytes)],
    ['tf peak / forward', (r) => mib(r.tfPeakBytesPerForward)],
    ['accumulator', (r) => `${r.accumulator}, ${mib(r.accumulatorPeakBytes)}`],
    ['wasm heap', (r) => (r.wasmHeapBytes === null ? '-' : mib(r.wasmHeapBytes))],
  ];
  const widths = cols.map(([h, f]) => Math.max(h.length, ...rows.map((r) => f(r).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  console.log(line(cols.map(([h]) => h)));
  for (const r of rows) console.log(line(cols.map(([, f]) => f(r))));
}

async function main(): Promise<void> {
  const variant = arg('child', '');
  if (variant === 'no-tta' || variant === 'tta') {
    console.log(JSON.stringify(await child(variant)));
    return;
  }
  const rows: Row[] = [];
  const self = fileURLToPath(import.meta.url);
  const passOn = process.argv.slice(2).filter((a) => a !== '--json');
  for (const v of ['no-tta', 'tta']) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', self, ...passOn, '--child', v], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) throw new Error(`the ${v} run failed (exit ${r.status})`);
    rows.push(JSON.parse(r.stdout.trim().split('\n').pop()!) as Row);
  }
  if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
  else print(rows);
}

await main();
