// Contract client over HTTP (fetch only, so it runs in Node and in the browser).
import type { Caller, CoreApi } from '../api.js';
import { makeApi } from '../api.js';
import { CoreError, fromErrorData, isErrorData } from '../errors.js';
import type { EventEnvelope, EventMap, EventName, EventSource, Unsubscribe } from '../events.js';
import { BINARY_ARG_METHODS, BINARY_RESULT_METHODS } from '../methods.js';
import type { VolumeHeader } from '../types.js';
import { ARGS_HEADER, CALL_PREFIX, EVENTS_PATH, VOLUME_HEADER } from './http-protocol.js';
import { parseSse } from './sse.js';

export interface HttpClient {
  api: CoreApi;
  events: EventSource;
  /** Resolves once the event stream is open (events emitted before that are not delivered). */
  eventsReady(): Promise<void>;
  close(): void;
}

export function createHttpClient(baseUrl: string, token: string): HttpClient {
  const base = baseUrl.replace(/\/$/, '');
  const auth = { authorization: `Bearer ${token}` };

  const call: Caller = async (method, args) => {
    const url = `${base}${CALL_PREFIX}${method}`;
    let init: RequestInit;
    if (BINARY_ARG_METHODS.has(method)) {
      const { data, ...rest } = args as { data: Uint8Array };
      init = {
        method: 'POST',
        headers: {
          ...auth,
          'content-type': 'application/octet-stream',
          [ARGS_HEADER]: encodeURIComponent(JSON.stringify(rest)),
        },
        body: data as unknown as BodyInit,
      };
    } else {
      init = {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify(args ?? {}),
      };
    }
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      throw new CoreError(
        'io',
        `cannot reach the CBCT Workbench server at ${base}: ${(err as Error).message}`,
      );
    }
    const type = res.headers.get('content-type') ?? '';
    if (res.ok && BINARY_RESULT_METHODS.has(method) && type.startsWith('application/octet-stream')) {
      const header = JSON.parse(decodeURIComponent(res.headers.get(VOLUME_HEADER) ?? '')) as VolumeHeader;
      return { header, data: new Uint8Array(await res.arrayBuffer()) } as never;
    }
    const body = (await res.json().catch(() => null)) as {
      ok?: boolean;
      result?: unknown;
      error?: unknown;
    } | null;
    if (body && body.ok === true) return body.result as never;
    if (body && isErrorData(body.error)) throw fromErrorData(body.error);
    throw new CoreError('internal', `${method}: unexpected HTTP ${res.status} from the server`);
  };

  const handlers = new Set<(e: EventEnvelope) => void>();
  let abort: AbortController | null = null;
  let ready: Promise<void> = Promise.resolve();
  const connect = () => {
    abort = new AbortController();
    const signal = abort.signal;
    let opened: () => void = () => {};
    ready = new Promise((resolve) => (opened = resolve));
    void (async () => {
      try {
        const res = await fetch(`${base}${EVENTS_PATH}`, { headers: auth, signal });
        opened();
        if (!res.body) return;
        for await (const ev of parseSse(res.body)) {
          const envelope = {
            name: ev.event as EventName,
            payload: JSON.parse(ev.data) as never,
          } as EventEnvelope;
          for (const h of [...handlers]) h(envelope);
        }
      } catch {
        // closed or aborted
      } finally {
        opened();
      }
    })();
  };
  const add = (h: (e: EventEnvelope) => void): Unsubscribe => {
    if (!abort) connect();
    handlers.add(h);
    return () => handlers.delete(h);
  };
  const events: EventSource = {
    subscribe<E extends EventName>(name: E, handler: (p: EventMap[E]) => void) {
      return add((e) => {
        if (e.name === name) handler(e.payload as EventMap[E]);
      });
    },
    subscribeAll: add,
  };
  return {
    api: makeApi(call),
    events,
    eventsReady: () => ready,
    close() {
      abort?.abort();
      abort = null;
      handlers.clear();
    },
  };
}
