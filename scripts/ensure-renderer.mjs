#!/usr/bin/env node
// Builds the renderer (Vite) unless renderer/dist is newer than every renderer and contract source, so
// `npm run demo`, `npm start`, the packaging check and the e2e suite do not rebuild on every launch.
// `--force` always builds (what `npm run build:renderer` does).
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function newest(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  let t = 0;
  for (const name of readdirSync(path))
    if (name !== 'dist' && name !== 'node_modules') t = Math.max(t, newest(join(path, name)));
  return t;
}

function builtAt() {
  try {
    return statSync(join(root, 'renderer/dist/index.html')).mtimeMs;
  } catch {
    return 0;
  }
}

const sources = Math.max(
  ...['renderer', 'electron/contract', 'resources/labels'].map((p) => newest(join(root, p))),
);
if (process.argv.includes('--force') || builtAt() < sources) {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(root, 'renderer/vite.config.ts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      // a NODE_ENV=test environment (the test runner) would make Vite bundle React's development build
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
  if (r.status !== 0) {
    console.error(`vite build of the renderer failed (exit ${r.status})`);
    process.exit(1);
  }
}
