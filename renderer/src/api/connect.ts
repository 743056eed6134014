// How the renderer reaches the core: in Electron the preload exposes a client as `window.cbct`
// (not built yet: this is the seam); in a browser tab served by `cbct serve`, HTTP with the per-run
// token from the page URL.
import type { CoreApi } from '../../../electron/contract/api.js';
import type { EventSource } from '../../../electron/contract/events.js';
import type { VolumePayload } from '../../../electron/contract/types.js';
import { createHttpClient } from '../../../electron/contract/transport/http-client.js';
import { fetchVolumeWithProgress } from './volume-download.js';

export type Progress = (loadedBytes: number, totalBytes: number | null) => void;

export interface Connection {
  api: CoreApi;
  events: EventSource;
  transport: 'http' | 'ipc';
  /** The scan of a case, reporting download progress where the transport can. */
  loadVolume(caseId: number, onProgress?: Progress): Promise<VolumePayload>;
  close(): void;
}

/** What an Electron preload script will put on `window.cbct`. */
export interface PreloadBridge {
  api: CoreApi;
  events: EventSource;
}

declare global {
  interface Window {
    cbct?: PreloadBridge;
  }
}

export class MissingTokenError extends Error {
  constructor() {
    super(
      'This page needs the access token printed by `cbct serve` (open the full address it shows, ending in ?token=…).',
    );
  }
}

export function connect(win: Window = window): Connection {
  const bridge = win.cbct;
  if (bridge) {
    return {
      api: bridge.api,
      events: bridge.events,
      transport: 'ipc',
      loadVolume: (caseId) => bridge.api.cases.volume({ caseId }),
      close: () => {},
    };
  }
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token) throw new MissingTokenError();
  const base = win.location.origin;
  const client = createHttpClient(base, token);
  return {
    api: client.api,
    events: client.events,
    transport: 'http',
    loadVolume: (caseId, onProgress) =>
      onProgress
        ? fetchVolumeWithProgress(base, token, caseId, onProgress)
        : client.api.cases.volume({ caseId }),
    close: () => client.close(),
  };
}
