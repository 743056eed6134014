// Contract client over Electron IPC, used by the preload script (which exposes it to the renderer).
import type { CoreApi } from '../api.js';
import { makeApi } from '../api.js';
import { fromErrorData } from '../errors.js';
import type { EventEnvelope, EventMap, EventName, EventSource, Unsubscribe } from '../events.js';
import type { CallReply, IpcRendererLike } from './ipc-protocol.js';
import { CALL_CHANNEL, EVENT_CHANNEL, SUBSCRIBE_CHANNEL } from './ipc-protocol.js';

export interface IpcClient {
  api: CoreApi;
  events: EventSource;
}

export function createIpcClient(ipc: IpcRendererLike): IpcClient {
  const api = makeApi(async (method, args) => {
    const reply = (await ipc.invoke(CALL_CHANNEL, method, args ?? {})) as CallReply;
    if (reply.ok) return reply.result as never;
    throw fromErrorData(reply.error);
  });

  const handlers = new Set<(e: EventEnvelope) => void>();
  let listening = false;
  const add = (h: (e: EventEnvelope) => void): Unsubscribe => {
    if (!listening) {
      listening = true;
      ipc.on(EVENT_CHANNEL, (_event, envelope) => {
        for (const fn of [...handlers]) fn(envelope);
      });
      ipc.send(SUBSCRIBE_CHANNEL);
    }
    handlers.add(h);
    return () => void handlers.delete(h);
  };
  const events: EventSource = {
    subscribe<E extends EventName>(name: E, handler: (p: EventMap[E]) => void) {
      return add((e) => {
        if (e.name === name) handler(e.payload as EventMap[E]);
      });
    },
    subscribeAll: add,
  };
  return { api, events };
}
