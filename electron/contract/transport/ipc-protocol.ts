// The Electron IPC wire format, shared by the main-process adapter and the preload client. Payloads go
// through Electron's structured clone, so Uint8Array volumes cross without JSON or base64.
import type { ErrorData } from '../errors.js';
import type { EventEnvelope } from '../events.js';

export const CALL_CHANNEL = 'cbct:call';
export const SUBSCRIBE_CHANNEL = 'cbct:subscribe';
export const EVENT_CHANNEL = 'cbct:event';

export type CallReply = { ok: true; result: unknown } | { ok: false; error: ErrorData };

/** The part of Electron's `IpcMainInvokeEvent`/`IpcMainEvent` the adapter uses. */
export interface IpcMainEventLike {
  sender: {
    id: number;
    send(channel: string, payload: EventEnvelope): void;
    once(event: 'destroyed', fn: () => void): void;
  };
  senderFrame?: { url: string } | null;
}

/** The part of Electron's `ipcMain` the adapter uses. */
export interface IpcMainLike {
  handle(channel: string, handler: (event: IpcMainEventLike, ...args: unknown[]) => Promise<unknown>): void;
  on(channel: string, handler: (event: IpcMainEventLike, ...args: unknown[]) => void): void;
  removeHandler(channel: string): void;
  removeAllListeners(channel: string): void;
}

/** The part of Electron's `ipcRenderer` the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, payload: EventEnvelope) => void): void;
}
