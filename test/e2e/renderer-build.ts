// The e2e suite runs against the built renderer; scripts/ensure-renderer.mjs rebuilds it when it is
// missing or older than its sources, so a clean clone works too.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('../../scripts/ensure-renderer.mjs', import.meta.url));

export function ensureRendererBuilt(): void {
  const r = spawnSync(process.execPath, [script], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`building the renderer failed (exit ${r.status})`);
}
