// Benchmark of the op layer and U-Mamba2 per backend: a large matMul's GFLOP/s (the practical
// ceiling), the 3×3×3 conv path, and forward / forward+backward of the `tiny` and the machine's
// `workstation` configurations. GFLOP/s count 2 FLOP per MAC; forward+backward counts 3× the
// forward FLOPs. Usage:
//   node --import tsx bench/model.ts [--backends tensorflow,wasm,cpu] [--repeats 2] [--max-seconds 120] [--json]
import { totalmem } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { getArchitecture, type ArchitectureConfig } from '../ml/config/architectures.js';
import { modelInfo } from '../ml/config/model-info.js';
import { workstationArchitecture } from '../ml/config/workstation.js';
import { buildUMamba2 } from '../ml/model/umamba2.js';
import { BACKEND_NAMES, describeSelection, selectBackend, type BackendName } from '../ml/runtime/backend.js';
import { createOps } from '../ml/runtime/ops/index.js';

interface Row {
  backend: BackendName;
  what: string;
  seconds: number | null;
  gflops: number | null;
  note?: string;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

/** Median wall time of `fn` over `repeats` runs after one warm-up; fn must finish its work (read a value). */
function time(fn: () => void, repeats: number): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    ts.push((performance.now() - t0) / 1000);
  }
  ts.sort((a, b) => a - b);
  return ts[Math.floor(ts.length / 2)]!;
}

const sync = (t: tf.Tensor | tf.Tensor[]) => (Array.isArray(t) ? t : [t]).forEach((x) => x.dataSync());

function benchMatMul(n: number, repeats: number): number {
  const a = tf.randomNormal([n, n]);
  const b = tf.randomNormal([n, n]);
  const s = time(() => tf.tidy(() => sync(tf.matMul(a, b))), repeats);
  tf.dispose([a, b]);
  return (2 * n ** 3) / s / 1e9;
}

function benchConv(backend: BackendName, size: number, ch: number, repeats: number): [Row, Row] {
  const ops = createOps(backend);
  const x = tf.randomNormal([1, size, size, size, ch]) as tf.Tensor5D;
  const w = tf.mul(tf.randomNormal([3, 3, 3, ch, ch]), 0.05) as tf.Tensor5D;
  const flops = 2 * 27 * ch * ch * size ** 3;
  const fwd = time(() => tf.tidy(() => sync(ops.conv3x3(x, w, null, [1, 1, 1]))), repeats);
  const both = time(
    () =>
      tf.tidy(() =>
        sync(
          tf.grads((a, b) => tf.sum(ops.conv3x3(a as tf.Tensor5D, b as tf.Tensor5D, null, [1, 1, 1])))([
            x,
            w,
          ]),
        ),
      ),
    repeats,
  );
  tf.dispose([x, w]);
  const what = `conv3x3 ${ch}→${ch} ${size}³ (${ops.impl})`;
  return [
    { backend, what: `${what} fwd`, seconds: fwd, gflops: flops / fwd / 1e9 },
    { backend, what: `${what} fwd+bwd`, seconds: both, gflops: (3 * flops) / both / 1e9 },
  ];
}

function benchModel(
  backend: BackendName,
  config: ArchitectureConfig,
  label: string,
  repeats: number,
  budget: number,
  ceiling: number,
): Row[] {
  const info = modelInfo(config);
  const what = `${label} (${(info.parameters / 1e6).toFixed(2)} M params, ${config.patchSize.join('×')}, ${(info.flops / 1e9).toFixed(1)} GFLOP)`;
  const guess = (4 * info.flops) / (0.3 * ceiling * 1e9);
  if (guess * (repeats + 1) > budget) {
    const note = `skipped: about ${guess.toFixed(0)} s per forward+backward at this backend's speed (raise --max-seconds)`;
    return [{ backend, what, seconds: null, gflops: null, note }];
  }
  const model = buildUMamba2(config, createOps(backend), { seed: 1 });
  const x = tf.randomNormal([1, ...config.patchSize, config.inChannels]) as tf.Tensor5D;
  const vars = [...model.params.values()];
  const fwd = time(() => tf.tidy(() => sync(model.forward(x, { deepSupervision: false }))), repeats);
  const both = time(() => {
    const { value, grads } = tf.variableGrads(
      () => tf.addN(model.forward(x).map((o) => tf.mean(o))) as tf.Scalar,
      vars,
    );
    sync(value);
    tf.dispose([value, ...Object.values(grads)]);
  }, repeats);
  tf.dispose(x);
  model.dispose();
  return [
    { backend, what: `${what} fwd`, seconds: fwd, gflops: info.flops / fwd / 1e9 },
    { backend, what: `${what} fwd+bwd`, seconds: both, gflops: (3 * info.flops) / both / 1e9 },
  ];
}

async function main(): Promise<void> {
  const backends = arg('backends', BACKEND_NAMES.join(',')).split(',') as BackendName[];
  const repeats = Number(arg('repeats', '2'));
  const budget = Number(arg('max-seconds', '120'));
  const rows: Row[] = [];
  for (const backend of backends) {
    let sel;
    try {
      sel = await selectBackend({ force: backend });
    } catch (err) {
      rows.push({ backend, what: 'backend', seconds: null, gflops: null, note: (err as Error).message });
      continue;
    }
    console.error(`# ${describeSelection(sel)}`);
    const n = backend === 'cpu' ? 512 : backend === 'tensorflow' ? 2048 : 1024;
    const ceiling = benchMatMul(n, Math.max(3, repeats));
    rows.push({
      backend,
      what: `matMul ${n}×${n} (ceiling)`,
      seconds: (2 * n ** 3) / ceiling / 1e9,
      gflops: ceiling,
    });
    rows.push(...benchConv(backend, backend === 'cpu' ? 16 : 32, 32, repeats));
    const ws = workstationArchitecture({ backend, systemBytes: totalmem() });
    for (const [cfg, label] of [
      [getArchitecture('tiny'), 'tiny'],
      [ws.config, `workstation: ${ws.rung}`],
    ] as const) {
      rows.push(...benchModel(backend, cfg, label, repeats, budget, ceiling));
    }
  }
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const r of rows) {
    const s = r.seconds === null ? '' : `${r.seconds.toFixed(3)} s`.padStart(10);
    const g = r.gflops === null ? '' : `${r.gflops.toFixed(2)} GFLOP/s`.padStart(16);
    console.log(`${r.backend.padEnd(11)} ${r.what.padEnd(78)} ${s}${g}${r.note ? `  ${r.note}` : ''}`);
  }
}

await main();
