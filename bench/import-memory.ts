// npm run bench:import — peak memory of importing one large scan, as a multiple of the scan's voxel bytes.
// The import streams: a .nii.gz is inflated straight into one buffer of the final size and written back
// gzip-compressed in chunks, so the peak should stay near 1× the voxel bytes (plus Node's baseline), not 3×.
// Usage: npm run bench:import -- [X Y Z]   (default 512 512 400 int16, about 210 MB of voxels)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeVolumeFile } from '../ml/data/io/write-volume.js';
import type { Vec3 } from '../ml/data/io/volume.js';

const args = process.argv.slice(2).map(Number);
const dims: Vec3 = args.length === 3 ? (args as Vec3) : [512, 512, 400];

if (process.env.CBCT_BENCH_CHILD) {
  const { createCore } = await import('../electron/core/create-core.js');
  const [project, file] = [process.env.CBCT_BENCH_PROJECT!, process.env.CBCT_BENCH_FILE!];
  const core = createCore(project, { create: true });
  const t0 = performance.now();
  const r = await core.api.cases.import({ paths: [file] });
  const seconds = (performance.now() - t0) / 1000;
  core.dispose();
  if (r.imported.length !== 1) throw new Error(JSON.stringify(r.failed));
  process.stdout.write(JSON.stringify({ seconds, maxRssBytes: process.resourceUsage().maxRSS * 1024 }));
} else {
  const dir = mkdtempSync(join(tmpdir(), 'cbct-bench-'));
  try {
    const n = dims[0] * dims[1] * dims[2];
    const voxels = new Int16Array(n);
    for (let i = 0; i < n; i++) voxels[i] = ((i * 2654435761) >>> 20) & 0x7ff; // compressible but not trivial
    const file = join(dir, 'big.nii.gz');
    await writeVolumeFile(
      {
        dims,
        spacing: [0.3, 0.3, 0.3],
        origin: [0, 0, 0],
        direction: [1, 0, 0, 0, 1, 0, 0, 0, 1],
        dataType: 'int16',
        voxels,
      },
      file,
    );
    const baseline = spawnSync(
      process.execPath,
      ['--import', 'tsx', '-e', 'process.stdout.write(String(process.resourceUsage().maxRSS*1024))'],
      {
        encoding: 'utf8',
      },
    );
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', new URL(import.meta.url).pathname, ...dims.map(String)],
      {
        encoding: 'utf8',
        env: {
          ...process.env,
          CBCT_BENCH_CHILD: '1',
          CBCT_BENCH_PROJECT: join(dir, 'project'),
          CBCT_BENCH_FILE: file,
        },
      },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    const r = JSON.parse(child.stdout) as { seconds: number; maxRssBytes: number };
    const voxelBytes = n * 2;
    const base = Number(baseline.stdout);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
    console.log(`scan ${dims.join('×')} int16: ${mb(voxelBytes)} of voxels`);
    console.log(
      `import took ${r.seconds.toFixed(1)} s; peak RSS ${mb(r.maxRssBytes)} (node baseline ${mb(base)})`,
    );
    console.log(
      `peak RSS / voxel bytes = ${(r.maxRssBytes / voxelBytes).toFixed(2)}× (Node baseline included)`,
    );
    console.log(`(peak − baseline) / voxel bytes = ${((r.maxRssBytes - base) / voxelBytes).toFixed(2)}×`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
