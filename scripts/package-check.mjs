#!/usr/bin/env node
// Packaging check for machines that cannot download Electron: builds the app bundles, then runs
// electron-builder for real (Linux, unpacked `dir` target) with a placeholder in place of the downloaded
// Electron binary, and checks the application archive it produced. Prints the output folder.
// Usage: node scripts/package-check.mjs <out-dir>
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import asar from '@electron/asar';

const out = resolve(process.argv[2] ?? 'dist/package-check');
const fakeElectron = join(out, 'fake-electron');
mkdirSync(fakeElectron, { recursive: true });
writeFileSync(
  join(fakeElectron, 'electron'),
  '#!/bin/sh\necho "placeholder for the Electron binary" >&2\nexit 1\n',
);
chmodSync(join(fakeElectron, 'electron'), 0o755);

function run(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with status ${r.status}`);
}

if (!existsSync('renderer/dist/index.html'))
  throw new Error('renderer/dist is missing: run npm run build:renderer first');
run(process.execPath, ['scripts/build-electron.mjs']);
run(process.execPath, [
  'node_modules/electron-builder/cli.js',
  '--linux',
  'dir',
  '--publish',
  'never',
  `-c.electronDist=${fakeElectron}`,
  '-c.npmRebuild=false', // rebuilding for Electron's ABI downloads its headers; release machines do it
  `-c.directories.output=${join(out, 'packages')}`,
]);

const appDir = join(out, 'packages', 'linux-unpacked');
const archive = join(appDir, 'resources', 'app.asar');
const files = new Set(asar.listPackage(archive, { isPack: false }).map((f) => f.replaceAll('\\', '/')));
const problems = [];
for (const f of [
  '/package.json',
  '/dist/electron/main.mjs',
  '/dist/electron/preload.cjs',
  '/dist/electron/worker.mjs',
  '/renderer/dist/index.html',
  '/resources/labels/stsr.json',
  '/node_modules/better-sqlite3/package.json',
  '/node_modules/@tensorflow/tfjs/package.json',
]) {
  if (!files.has(f)) problems.push(`missing from app.asar: ${f}`);
}
for (const f of files) {
  if (/^\/(electron|ml|test|renderer\/src)\//.test(f)) problems.push(`source file packaged: ${f}`);
}
const nativeModule = join(
  appDir,
  'resources',
  'app.asar.unpacked',
  'node_modules',
  'better-sqlite3',
  'build',
  'Release',
  'better_sqlite3.node',
);
if (!existsSync(nativeModule)) problems.push(`native module not unpacked from the archive: ${nativeModule}`);
if (!existsSync(join(appDir, 'resources', 'sample', 'PostDentalSurgery_Segmentation.nii.gz')))
  problems.push('sample data missing');
if (!existsSync(join(appDir, 'resources', 'labels', 'stsr.json')))
  problems.push('label schema missing from resources');

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(
  `package check passed: ${files.size} files in app.asar, native modules unpacked, resources present (${appDir})`,
);
