// What the preload script puts on `window.cbct`: the contract client and nothing else. Kept free of
// `electron` imports so a test can list exactly what is exposed.
import { createIpcClient } from '../contract/transport/ipc-client.js';
import type { IpcRendererLike } from '../contract/transport/ipc-protocol.js';

export function buildExposedApi(ipc: IpcRendererLike) {
  const client = createIpcClient(ipc);
  return {
    api: client.api,
    events: { subscribe: client.events.subscribe, subscribeAll: client.events.subscribeAll },
  };
}

export type ExposedApi = ReturnType<typeof buildExposedApi>;
