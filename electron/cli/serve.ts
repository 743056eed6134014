// `cbct serve <project>`: the HTTP adapter in the foreground until Ctrl+C.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createCore } from '../core/create-core.js';
import type { Core } from '../core/create-core.js';
import { startHttpServer } from '../server/http-server.js';
import { integer, parse } from './args.js';

const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist', import.meta.url));

export async function serveCore(core: Core, port: number | undefined): Promise<void> {
  const staticDir = existsSync(RENDERER_DIST) ? RENDERER_DIST : undefined;
  const server = await startHttpServer(core, { port, staticDir });
  process.stdout.write(`CBCT Workbench is serving ${core.dir}\nopen ${server.url}/?token=${server.token}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      void server.close().then(() => {
        core.dispose();
        resolve();
      });
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

export async function runServe(argv: string[]): Promise<number> {
  const { positionals, str } = parse(
    argv,
    { port: { type: 'string' } },
    1,
    'cbct serve <project> [--port N]',
  );
  await serveCore(createCore(positionals[0]!), integer(str('port'), 'port'));
  return 0;
}
