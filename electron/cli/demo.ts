// `cbct demo [dir]`: creates the demo project on first run (a realistic sample synthesised from a real
// dental anatomy label map, plus seeded phantoms, some with labels) and serves it in the browser.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core.js';
import type { Core } from '../core/create-core.js';
import { DB_FILE } from '../core/project/layout.js';
import { readVolumeFile } from '../../ml/data/io/read-volume.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import type { Volume } from '../../ml/data/io/volume.js';
import { voxelBytes } from '../../ml/data/io/volume.js';
import { generatePhantom, synthesiseFromAnatomy } from '../../ml/data/phantom/index.js';
import type { Split } from '../contract/types.js';
import { integer, parse } from './args.js';
import { serveCore } from './serve.js';

const ANATOMY = fileURLToPath(
  new URL('../../resources/sample/PostDentalSurgery_Segmentation.nii.gz', import.meta.url),
);

interface DemoCase {
  name: string;
  image: Volume;
  label: Volume | null;
  split: Split;
}

async function demoCases(): Promise<DemoCase[]> {
  const realistic = synthesiseFromAnatomy(await readVolumeFile(ANATOMY), { seed: 1, downsample: 2 });
  const cases: DemoCase[] = [
    { name: 'realistic-sample', image: realistic.image, label: realistic.label, split: 'train' },
  ];
  for (let seed = 1; seed <= 6; seed++) {
    const p = generatePhantom({ seed, teeth: 6 + (seed % 4) });
    cases.push({
      name: `phantom-${seed}`,
      image: p.image,
      label: seed <= 3 ? p.label : null,
      split: seed <= 3 ? 'train' : 'unlabeled',
    });
  }
  return cases;
}

/** Fills a new project with the demo cases; their ground-truth labels become "import" label versions. */
export async function populateDemo(core: Core, log: (line: string) => void): Promise<void> {
  const staging = mkdtempSync(join(tmpdir(), 'cbct-demo-'));
  try {
    for (const c of await demoCases()) {
      const file = join(staging, `${c.name}.nii.gz`);
      await writeVolumeFile(c.image, file);
      const result = await core.api.cases.import({ paths: [file], split: c.split, author: 'demo' });
      const imported = result.imported[0];
      if (!imported)
        throw new Error(`demo case ${c.name} failed to import: ${JSON.stringify(result.failed)}`);
      if (c.label) {
        await core.api.labels.save({
          caseId: imported.id,
          parentId: null,
          source: 'import',
          author: 'demo',
          comment: 'synthetic ground truth',
          data: voxelBytes(c.label.voxels),
        });
      }
      log(`demo: added ${c.name} (${c.image.dims.join('×')})`);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}

export async function runDemo(argv: string[]): Promise<number> {
  const { positionals, str } = parse(argv, { port: { type: 'string' } }, 0, 'cbct demo [dir] [--port N]');
  const dir = resolve(positionals[0] ?? 'demo-project');
  const fresh = !existsSync(join(dir, DB_FILE));
  const core = createCore(dir, { create: true, name: 'CBCT Workbench demo' });
  if (fresh) {
    try {
      await populateDemo(core, (line) => process.stderr.write(`${line}\n`));
    } catch (err) {
      core.dispose();
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }
  await serveCore(core, integer(str('port'), 'port'));
  return 0;
}
