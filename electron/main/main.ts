// Electron main process: single instance, the project's core in this process, the ML worker as a child
// process, the renderer in a sandboxed window talking to the core over the IPC adapter.
import { app, dialog, ipcMain, Menu } from 'electron';
import type { BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createCore } from '../core/create-core.js';
import type { Core } from '../core/create-core.js';
import { nodeWorkerSpawner } from '../core/jobs/worker-process.js';
import { registerIpcAdapter } from './ipc-adapter.js';
import { isAppUrl, registerAppScheme, serveRenderer } from './app-protocol.js';
import { createMainWindow } from './window.js';
import { buildMenu } from './menu.js';
import { loadRecent, rememberRecent } from './recent-projects.js';

const root = app.getAppPath();
const paths = {
  renderer: join(root, 'renderer', 'dist'),
  preload: join(root, 'dist', 'electron', 'preload.cjs'),
  worker: join(root, 'dist', 'electron', 'worker.mjs'),
};

let core: Core | null = null;
let unregisterIpc: (() => void) | null = null;
let win: BrowserWindow | null = null;

function showError(title: string, err: unknown): void {
  dialog.showErrorBox(title, err instanceof Error ? err.message : String(err));
}

async function closeProject(): Promise<void> {
  if (!core) return;
  await core.idle();
  unregisterIpc?.();
  core.dispose();
  core = null;
}

async function openProject(dir: string, create: boolean): Promise<void> {
  await closeProject();
  try {
    core = createCore(dir, { create, spawnWorker: nodeWorkerSpawner(paths.worker, []) });
  } catch (err) {
    showError('Cannot open the project', err);
    return;
  }
  unregisterIpc = registerIpcAdapter(core, ipcMain, { isTrustedSender: (e) => isAppUrl(e.senderFrame?.url) });
  refreshMenu(rememberRecent(app.getPath('userData'), dir));
  win?.reload();
}

async function pickFolder(title: string, create: boolean): Promise<string | null> {
  const res = await dialog.showOpenDialog({
    title,
    properties: ['openDirectory', ...(create ? (['createDirectory'] as const) : [])],
  });
  return res.canceled ? null : (res.filePaths[0] ?? null);
}

function refreshMenu(recent: string[]): void {
  Menu.setApplicationMenu(
    buildMenu(
      {
        newProject: () =>
          void pickFolder('New project folder', true).then((d) => (d ? openProject(d, true) : undefined)),
        openProject: () =>
          void pickFolder('Open project', false).then((d) => (d ? openProject(d, false) : undefined)),
        openRecent: (d) => void openProject(d, false),
        importScans: () => void importScans(),
      },
      recent,
    ),
  );
}

async function importScans(): Promise<void> {
  if (!core) return showError('No project open', 'Open or create a project first.');
  const res = await dialog.showOpenDialog({
    title: 'Import scans (NIfTI, MetaImage, NRRD files, or a DICOM folder)',
    properties: ['openFile', 'multiSelections'],
    filters: [{ name: 'Images', extensions: ['nii', 'gz', 'mha', 'mhd', 'nrrd', 'nhdr', 'dcm'] }],
  });
  if (res.canceled || res.filePaths.length === 0) return;
  const result = await core.api.cases.import({ paths: res.filePaths });
  if (result.failed.length)
    showError('Some scans were not imported', result.failed.map((f) => f.message).join('\n'));
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  // Never cut a label save or an import short: wait for the core to be idle, then close it.
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void closeProject().finally(() => app.quit());
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(async () => {
    serveRenderer(paths.renderer);
    const recent = loadRecent(app.getPath('userData'));
    refreshMenu(recent);
    win = createMainWindow(paths.preload);
    const last = recent[0];
    if (last) await openProject(last, false);
  });
}
