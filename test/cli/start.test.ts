// `npm start` on a machine without the Electron binary: one line saying so, then the browser demo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { tempDir } from '../helpers/temp.js';

test('npm start falls back to the browser demo with a one-line message when Electron is missing', async (t) => {
  const demoDir = join(tempDir(t), 'demo');
  const child = spawn('npm', ['start', '--', demoDir, '--port', '0'], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  t.after(kill);
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL within 240 s:\n${out}`)), 240_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}`)));
  });
  const notices = out.split('\n').filter((l) => /Electron binary not installed/.test(l));
  assert.equal(notices.length, 1, out);
  const token = new URL(url).searchParams.get('token')!;
  const res = await fetch(new URL('/api/call/projects.info', url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await res.json()) as { ok: boolean; result: { caseCount: number } };
  assert.equal(body.ok, true);
  assert.equal(body.result.caseCount, 7, 'demo project: realistic sample + 6 phantoms');
  kill();
});
