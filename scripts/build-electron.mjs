#!/usr/bin/env node
// Bundles the Electron main process, the sandboxed preload (one CommonJS file, as sandboxed preloads
// require) and the ML worker into dist/electron/. Native modules and TensorFlow stay external: they are
// installed next to the app and rebuilt for Electron by electron-builder.
import { build } from 'esbuild';

const external = ['electron', 'better-sqlite3', '@tensorflow/*'];
const esmRequireShim = {
  js: "import { createRequire as __cbctCreateRequire } from 'node:module'; const require = __cbctCreateRequire(import.meta.url);",
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external,
};

await Promise.all([
  build({
    ...common,
    entryPoints: ['electron/main/main.ts'],
    outfile: 'dist/electron/main.mjs',
    format: 'esm',
    banner: esmRequireShim,
  }),
  build({
    ...common,
    entryPoints: ['ml/runtime/worker/entry.ts'],
    outfile: 'dist/electron/worker.mjs',
    format: 'esm',
    banner: esmRequireShim,
  }),
  build({
    ...common,
    entryPoints: ['electron/preload/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    format: 'cjs',
    platform: 'browser',
    external: ['electron'],
  }),
]);
console.log('built dist/electron/{main.mjs,preload.cjs,worker.mjs}');
