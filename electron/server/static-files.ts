// Serves the built renderer from one folder (never outside it), or a small built-in page while the
// renderer is not built.
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, relative, resolve } from 'node:path';
import { PLACEHOLDER_PAGE } from './placeholder-page.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:",
  'x-content-type-options': 'nosniff',
};

export function serveStatic(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  staticDir?: string,
): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405).end();
    return;
  }
  if (!staticDir) {
    if (pathname === '/' || pathname === '/index.html') {
      res.writeHead(200, {
        'content-type': TYPES['.html']!,
        ...SECURITY_HEADERS,
        'content-security-policy':
          "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'",
      });
      res.end(PLACEHOLDER_PAGE);
    } else {
      res.writeHead(404).end();
    }
    return;
  }
  const root = resolve(staticDir);
  const rel = normalize(decodeURIComponent(pathname)).replace(/^[/\\]+/, '') || 'index.html';
  let file = join(root, rel);
  if (relative(root, file).startsWith('..')) {
    res.writeHead(403).end();
    return;
  }
  try {
    if (!statSync(file).isFile()) file = join(root, 'index.html');
  } catch {
    file = join(root, 'index.html'); // client-side routes fall back to the app
  }
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    ...SECURITY_HEADERS,
  });
  createReadStream(file).pipe(res);
}
