import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { contractSuite } from './contract-suite.js';
import { createFakeIpc } from './fake-ipc.js';
import { createCore } from '../../electron/core/create-core.js';
import { registerIpcAdapter } from '../../electron/main/ipc-adapter.js';
import { buildExposedApi } from '../../electron/preload/expose.js';
import { CALL_CHANNEL } from '../../electron/contract/transport/ipc-protocol.js';
import { METHOD_NAMES } from '../../electron/contract/methods.js';
import { tempDir } from '../helpers/temp.js';

const trusted = (e: { senderFrame?: { url: string } | null }) =>
  e.senderFrame?.url.startsWith('app://cbct/') === true;

contractSuite('IPC adapter', async (dir) => {
  const core = createCore(dir, { create: true });
  const ipc = createFakeIpc();
  const unregister = registerIpcAdapter(core, ipc.ipcMain, { isTrustedSender: trusted });
  const exposed = buildExposedApi(ipc.ipcRenderer);
  return {
    api: exposed.api,
    events: exposed.events,
    eventsReady: () => new Promise((r) => setTimeout(r, 20)),
    callRaw: async (method, args) => {
      const reply = (await ipc.ipcRenderer.invoke(CALL_CHANNEL, method, args)) as
        { ok: true; result: unknown } | { ok: false; error: { kind: 'not-found'; message: string } };
      if (reply.ok) return reply.result;
      const { CoreError } = await import('../../electron/contract/errors.js');
      throw new CoreError(reply.error.kind, reply.error.message);
    },
    close: async () => {
      ipc.destroyWindow();
      unregister();
      core.dispose();
    },
  };
});

test('the preload exposes the contract client and nothing else', () => {
  const exposed = buildExposedApi(createFakeIpc().ipcRenderer);
  assert.deepEqual(Object.keys(exposed).sort(), ['api', 'events']);
  assert.deepEqual(Object.keys(exposed.events).sort(), ['subscribe', 'subscribeAll']);
  const methods = Object.entries(exposed.api).flatMap(([area, ops]) =>
    Object.keys(ops).map((op) => `${area}.${op}`),
  );
  assert.deepEqual(methods.sort(), [...METHOD_NAMES].sort());
  for (const ops of Object.values(exposed.api))
    for (const fn of Object.values(ops)) assert.equal(typeof fn, 'function');
});

test('IPC calls from an untrusted frame are refused', async (t) => {
  const core = createCore(join(tempDir(t), 'p'), { create: true });
  t.after(() => core.dispose());
  const ipc = createFakeIpc('https://evil.example/');
  registerIpcAdapter(core, ipc.ipcMain, { isTrustedSender: trusted });
  const exposed = buildExposedApi(ipc.ipcRenderer);
  await assert.rejects(exposed.api.projects.info(), /untrusted sender/);
});
