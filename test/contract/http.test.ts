import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { contractSuite } from './contract-suite.js';
import { createCore } from '../../electron/core/create-core.js';
import { startHttpServer } from '../../electron/server/http-server.js';
import { createHttpClient } from '../../electron/contract/transport/http-client.js';
import { CoreError } from '../../electron/contract/errors.js';
import { tempDir } from '../helpers/temp.js';

contractSuite('HTTP adapter', async (dir) => {
  const core = createCore(dir, { create: true });
  const server = await startHttpServer(core);
  const client = createHttpClient(server.url, server.token);
  const raw = createHttpClient(server.url, server.token);
  return {
    api: client.api,
    events: client.events,
    eventsReady: () => client.eventsReady(),
    callRaw: (method, args) => {
      const [area, op] = method.split('.') as [string, string];
      const group = (
        raw.api as unknown as Record<string, Record<string, (a: unknown) => Promise<unknown>> | undefined>
      )[area];
      const fn = group?.[op];
      if (fn) return fn(args);
      // not in the client: post it by hand to see the server's answer
      return fetch(`${server.url}/api/call/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(args),
      }).then(async (res) => {
        const body = (await res.json()) as { error: { kind: 'not-found'; message: string } };
        throw new CoreError(body.error.kind, body.error.message);
      });
    },
    close: async () => {
      client.close();
      raw.close();
      await server.close();
      core.dispose();
    },
  };
});

test('HTTP adapter: binds 127.0.0.1, requires the token, rejects foreign hosts', async (t) => {
  const core = createCore(join(tempDir(t), 'p'), { create: true });
  const server = await startHttpServer(core);
  t.after(async () => {
    await server.close();
    core.dispose();
  });
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  assert.ok(server.token.length >= 32);
  const call = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/call/projects.info`, { method: 'POST', headers, body: '{}' });
  assert.equal((await call({})).status, 401);
  assert.equal((await call({ authorization: 'Bearer wrong' })).status, 401);
  assert.equal((await call({ authorization: `Bearer ${server.token}` })).status, 200);
  const wrong = createHttpClient(server.url, 'x'.repeat(48));
  await assert.rejects(wrong.api.projects.info(), /token/);
  const page = await fetch(`${server.url}/`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /CBCT Workbench/);
  const bad = await fetch(`${server.url}/api/call/projects.info?token=${server.token}`, {
    method: 'POST',
    body: '{not json',
  });
  assert.equal(bad.status, 400);
});
