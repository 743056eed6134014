// Reads a request body into one buffer, preallocated from Content-Length when given, refusing bodies
// larger than `limit` before reading them.
import type { IncomingMessage } from 'node:http';
import { CoreError } from '../contract/errors.js';

export async function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    throw new CoreError('invalid-input', `request body of ${declared} bytes exceeds the limit of ${limit}`);
  }
  if (Number.isFinite(declared)) {
    const out = new Uint8Array(declared);
    let offset = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      if (offset + chunk.byteLength > declared)
        throw new CoreError('invalid-input', 'request body longer than declared');
      out.set(chunk, offset);
      offset += chunk.byteLength;
    }
    if (offset !== declared) throw new CoreError('invalid-input', 'request body shorter than declared');
    return out;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.byteLength;
    if (total > limit)
      throw new CoreError('invalid-input', `request body exceeds the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
