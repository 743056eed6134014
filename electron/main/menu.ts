// The application menu with the usual shortcuts; project actions call back into main.ts.
import { Menu } from 'electron';
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  newProject(): void;
  openProject(): void;
  openRecent(dir: string): void;
  importScans(): void;
}

export function buildMenu(actions: MenuActions, recent: string[]): Menu {
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Project…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newProject },
        { label: 'Open Project…', accelerator: 'CmdOrCtrl+O', click: actions.openProject },
        {
          label: 'Open Recent',
          submenu: recent.length
            ? recent.map((dir) => ({ label: dir, click: () => actions.openRecent(dir) }))
            : [{ label: 'No recent projects', enabled: false }],
        },
        { type: 'separator' },
        { label: 'Import Scans…', accelerator: 'CmdOrCtrl+I', click: actions.importScans },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    // Undo/redo of label edits are the viewer's own shortcuts (Ctrl+Z / Ctrl+Shift+Z); these roles
    // cover text fields.
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
