// Builds a small project for the end-to-end suite and the viewer bench: seeded phantoms imported through
// the core, one of them with an "import" label version, served by the real HTTP adapter over renderer/dist.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore } from '../../electron/core/create-core.js';
import type { Core } from '../../electron/core/create-core.js';
import type { Split } from '../../electron/contract/types.js';
import { startHttpServer } from '../../electron/server/http-server.js';
import type { RunningServer } from '../../electron/server/http-server.js';
import { writeVolumeFile } from '../../ml/data/io/write-volume.js';
import { voxelBytes } from '../../ml/data/io/volume.js';
import type { Vec3 } from '../../ml/data/io/volume.js';
import { generatePhantom } from '../../ml/data/phantom/index.js';

export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist', import.meta.url));

export interface DemoCaseSpec {
  seed: number;
  size: Vec3;
  spacing?: Vec3;
  teeth?: number;
  /** Imports the phantom's label map as its first (ground-truth) version. */
  withLabel: boolean;
  split?: Split;
}

export interface ServedProject {
  dir: string;
  core: Core;
  server: RunningServer;
  /** The app URL with the access token. */
  appUrl: string;
  caseIds: number[];
  close(): Promise<void>;
}

export async function serveDemoProject(specs: DemoCaseSpec[]): Promise<ServedProject> {
  const dir = mkdtempSync(join(tmpdir(), 'cbct-e2e-'));
  const core = createCore(join(dir, 'project'), { create: true, name: 'e2e' });
  const caseIds: number[] = [];
  for (const s of specs) {
    const { image, label } = generatePhantom({
      seed: s.seed,
      size: s.size,
      spacing: s.spacing ?? [0.4, 0.4, 0.4],
      teeth: s.teeth ?? 6,
    });
    const file = join(dir, `phantom-${s.seed}.nii.gz`);
    await writeVolumeFile(image, file);
    const result = await core.api.cases.import({ paths: [file], split: s.split ?? 'train', author: 'e2e' });
    const imported = result.imported[0];
    if (!imported) throw new Error(`phantom ${s.seed} did not import: ${JSON.stringify(result.failed)}`);
    caseIds.push(imported.id);
    if (s.withLabel) {
      await core.api.labels.save({
        caseId: imported.id,
        parentId: null,
        source: 'import',
        author: 'e2e',
        data: voxelBytes(label.voxels),
      });
    }
  }
  const server = await startHttpServer(core, { port: 0, staticDir: RENDERER_DIST });
  return {
    dir,
    core,
    server,
    appUrl: `${server.url}/?token=${server.token}`,
    caseIds,
    async close() {
      await server.close();
      core.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
