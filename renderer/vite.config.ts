// Vite build of the renderer: renderer/ → renderer/dist, served by `cbct serve` (and later loaded by Electron).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  resolve: {
    // vtk.js (inside Cornerstone3D) extends Node's EventEmitter; the `events` package is its browser polyfill.
    alias: { events: require.resolve('events/') },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
});
