// Electron IPC adapter over the core: one `invoke` channel for every contract method, one channel to
// subscribe a window to events. Thin, like the HTTP adapter; it checks the sender before anything else.
// It takes an `ipcMain`-shaped object so the shared contract suite can run it without Electron.
import type { Core } from '../core/create-core.js';
import { CoreError, toErrorData } from '../contract/errors.js';
import type { CallReply, IpcMainEventLike, IpcMainLike } from '../contract/transport/ipc-protocol.js';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from '../contract/transport/ipc-protocol.js';

export interface IpcAdapterOptions {
  /** Whether a message comes from our own renderer (e.g. its frame URL is the app's). */
  isTrustedSender(event: IpcMainEventLike): boolean;
}

export function registerIpcAdapter(core: Core, ipcMain: IpcMainLike, options: IpcAdapterOptions): () => void {
  const unsubscribers = new Map<number, () => void>();

  ipcMain.handle(CALL_CHANNEL, async (event, method, args): Promise<CallReply> => {
    try {
      if (!options.isTrustedSender(event))
        throw new CoreError('invalid-input', 'IPC call from an untrusted sender');
      if (typeof method !== 'string') throw new CoreError('invalid-input', 'method name must be a string');
      return { ok: true, result: await core.dispatch(method, args) };
    } catch (err) {
      return { ok: false, error: toErrorData(err) };
    }
  });

  ipcMain.on(SUBSCRIBE_CHANNEL, (event) => {
    if (!options.isTrustedSender(event)) return;
    const sender = event.sender;
    if (unsubscribers.has(sender.id)) return;
    unsubscribers.set(
      sender.id,
      core.events.subscribeAll((e) => sender.send(EVENT_CHANNEL, e)),
    );
    sender.once('destroyed', () => {
      unsubscribers.get(sender.id)?.();
      unsubscribers.delete(sender.id);
    });
  });

  return () => {
    ipcMain.removeHandler(CALL_CHANNEL);
    ipcMain.removeAllListeners(SUBSCRIBE_CHANNEL);
    for (const stop of unsubscribers.values()) stop();
    unsubscribers.clear();
  };
}
