// HTTP adapter over the core: 127.0.0.1 only, a random per-run token, JSON calls over the contract,
// server-sent events, binary volumes in and out. Thin: all behaviour lives in the core.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core.js';
import { CoreError, toErrorData } from '../contract/errors.js';
import { BINARY_ARG_METHODS, BINARY_RESULT_METHODS, isMethodName } from '../contract/methods.js';
import type { VolumePayload } from '../contract/types.js';
import {
  ARGS_HEADER,
  CALL_PREFIX,
  EVENTS_PATH,
  MAX_BINARY_BODY,
  MAX_JSON_BODY,
  STATUS_OF_KIND,
  VOLUME_HEADER,
} from '../contract/transport/http-protocol.js';
import { formatSse } from '../contract/transport/sse.js';
import { readBody } from './read-body.js';
import { serveStatic } from './static-files.js';

export interface RunningServer {
  url: string;
  token: string;
  port: number;
  server: Server;
  close(): Promise<void>;
}

export interface ServeOptions {
  port?: number;
  host?: string;
  token?: string;
  /** Folder with the built renderer (index.html); a small built-in page is served when absent. */
  staticDir?: string;
}

function tokenMatches(expected: Buffer, given: string | null): boolean {
  if (!given) return false;
  const g = Buffer.from(given);
  return g.length === expected.length && timingSafeEqual(g, expected);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

function sendError(res: ServerResponse, err: unknown): void {
  const error = toErrorData(err);
  sendJson(res, STATUS_OF_KIND[error.kind], { ok: false, error });
}

async function parseArgs(req: IncomingMessage, method: string): Promise<unknown> {
  if (BINARY_ARG_METHODS.has(method as never)) {
    const rest = JSON.parse(decodeURIComponent(String(req.headers[ARGS_HEADER] ?? '%7B%7D'))) as object;
    const data = await readBody(req, MAX_BINARY_BODY);
    return { ...rest, data };
  }
  const body = await readBody(req, MAX_JSON_BODY);
  if (body.byteLength === 0) return {};
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8')) as unknown;
  } catch {
    throw new CoreError('invalid-input', 'request body is not valid JSON');
  }
}

export function startHttpServer(core: Core, options: ServeOptions = {}): Promise<RunningServer> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? randomBytes(24).toString('hex');
  const expected = Buffer.from(token);

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const hostHeader = String(req.headers.host ?? '');
    if (!/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(hostHeader)) {
      sendJson(res, 403, { ok: false, error: { kind: 'invalid-input', message: 'forbidden host' } });
      return;
    }
    if (!url.pathname.startsWith('/api/')) {
      serveStatic(req, res, url.pathname, options.staticDir);
      return;
    }
    const bearer =
      String(req.headers.authorization ?? '').replace(/^Bearer\s+/i, '') || url.searchParams.get('token');
    if (!tokenMatches(expected, bearer)) {
      sendJson(res, 401, {
        ok: false,
        error: { kind: 'invalid-input', message: 'missing or wrong access token' },
      });
      return;
    }
    if (url.pathname === EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      const unsubscribe = core.events.subscribeAll((e) => res.write(formatSse(e.name, e.payload)));
      req.on('close', unsubscribe);
      return;
    }
    if (!url.pathname.startsWith(CALL_PREFIX) || req.method !== 'POST') {
      sendError(res, new CoreError('not-found', `no such endpoint: ${req.method} ${url.pathname}`));
      return;
    }
    const method = decodeURIComponent(url.pathname.slice(CALL_PREFIX.length));
    void (async () => {
      try {
        if (!isMethodName(method)) throw new CoreError('not-found', `unknown method "${method}"`);
        const result = await core.dispatch(method, await parseArgs(req, method));
        if (BINARY_RESULT_METHODS.has(method)) {
          const payload = result as VolumePayload;
          res.writeHead(200, {
            'content-type': 'application/octet-stream',
            'content-length': payload.data.byteLength,
            [VOLUME_HEADER]: encodeURIComponent(JSON.stringify(payload.header)),
            'cache-control': 'no-store',
          });
          res.end(payload.data);
        } else {
          sendJson(res, 200, { ok: true, result });
        }
      } catch (err) {
        sendError(res, err);
      }
    })();
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const port = (server.address() as AddressInfo).port;
      resolvePromise({
        url: `http://${host}:${port}`,
        token,
        port,
        server,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
