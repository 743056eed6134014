// Runs the real `cbct` binary as a child process.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CBCT_BIN = fileURLToPath(new URL('../../bin/cbct.mjs', import.meta.url));

export function cbct(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CBCT_BIN, ...args], { encoding: 'utf8', timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function cbctAsync(args: string[]) {
  return spawn(process.execPath, [CBCT_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}
