#!/usr/bin/env node
// `npm start`: builds and launches the Electron app. Where the Electron binary is missing (offline
// installs skip its download) it tries the download once, and otherwise says so in one line and starts
// the browser version of the demo instead, so this command always gives a working app.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronBinary() {
  try {
    return require('electron'); // the path of the binary; throws when it was never downloaded
  } catch {
    return null;
  }
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

let binary = electronBinary();
if (!binary) {
  spawnSync(process.execPath, [require.resolve('electron/install.js')], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  binary = electronBinary();
}
if (!binary) {
  console.log('Electron binary not installed (offline install?); starting the browser version: npm run demo');
  run('npm', ['run', 'demo', '--', ...process.argv.slice(2)]);
} else {
  run('npm', ['run', 'build:app']);
  const child = spawn(binary, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
