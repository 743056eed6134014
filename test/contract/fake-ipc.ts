// An in-memory ipcMain/ipcRenderer pair that behaves like Electron's for what the adapter uses: messages
// are structured-cloned (as Electron serialises them) and delivered asynchronously.
import type { EventEnvelope } from '../../electron/contract/events.js';
import type {
  IpcMainEventLike,
  IpcMainLike,
  IpcRendererLike,
} from '../../electron/contract/transport/ipc-protocol.js';

export function createFakeIpc(frameUrl = 'app://cbct/index.html') {
  const handlers = new Map<string, (event: IpcMainEventLike, ...args: unknown[]) => Promise<unknown>>();
  const listeners = new Map<string, ((event: IpcMainEventLike, ...args: unknown[]) => void)[]>();
  const rendererListeners = new Map<string, ((event: unknown, payload: EventEnvelope) => void)[]>();
  const destroyed: (() => void)[] = [];

  const event: IpcMainEventLike = {
    sender: {
      id: 1,
      send: (channel, payload) => {
        const copy = structuredClone(payload);
        setImmediate(() => (rendererListeners.get(channel) ?? []).forEach((fn) => fn({}, copy)));
      },
      once: (_name, fn) => void destroyed.push(fn),
    },
    senderFrame: { url: frameUrl },
  };

  const ipcMain: IpcMainLike = {
    handle: (channel, fn) => void handlers.set(channel, fn),
    on: (channel, fn) => void listeners.set(channel, [...(listeners.get(channel) ?? []), fn]),
    removeHandler: (channel) => void handlers.delete(channel),
    removeAllListeners: (channel) => void listeners.delete(channel),
  };

  const ipcRenderer: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      const fn = handlers.get(channel);
      if (!fn) throw new Error(`No handler registered for '${channel}'`);
      return structuredClone(await fn(event, ...structuredClone(args)));
    },
    send: (channel, ...args) => {
      const copy = structuredClone(args);
      setImmediate(() => (listeners.get(channel) ?? []).forEach((fn) => fn(event, ...copy)));
    },
    on: (channel, fn) => void rendererListeners.set(channel, [...(rendererListeners.get(channel) ?? []), fn]),
  };

  return { ipcMain, ipcRenderer, destroyWindow: () => destroyed.forEach((fn) => fn()) };
}
