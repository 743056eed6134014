// Preload (sandboxed): exposes the contract client as `window.cbct`. Bundled to one CommonJS file.
import { contextBridge, ipcRenderer } from 'electron';
import { buildExposedApi } from './expose.js';

contextBridge.exposeInMainWorld('cbct', buildExposedApi(ipcRenderer));
