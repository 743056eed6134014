// Serves the built renderer under app://cbct/ from one folder only, with a strict CSP. A custom
// standard+secure scheme gives the renderer a real origin (needed for workers, WASM and storage) without
// a local web server.
import { net, protocol } from 'electron';
import { extname, join, normalize, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://cbct';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; " +
  "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'";

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export function serveRenderer(distDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = normalize(decodeURIComponent(url.pathname)).replace(/^[/\\]+/, '') || 'index.html';
    const file = join(distDir, extname(rel) ? rel : 'index.html');
    if (url.host !== 'cbct' || relative(distDir, file).startsWith('..'))
      return new Response('forbidden', { status: 403 });
    const res = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(res.headers);
    headers.set('content-security-policy', CSP);
    headers.set('x-content-type-options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}

export function isAppUrl(url: string | undefined | null): boolean {
  return typeof url === 'string' && url.startsWith(`${APP_ORIGIN}/`);
}
