// Streaming compression for the writers: bytes go through zlib chunk by chunk, never a whole copy.
//
// Deterministic output: zlib's gzip header carries mtime 0 and no file name; its OS byte differs between
// platforms (3 on Unix, 10 on Windows), so we pin it to 3. The same bytes and level then give the same file
// on every machine running the same zlib build; a different zlib (another Node version) may compress
// differently, so content hashes of written files are stable per Node build, not across all of them.

import { Readable, pipeline, type Transform } from 'node:stream';
import { createDeflate, createGzip } from 'node:zlib';

export type ByteChunks = Iterable<Uint8Array> | AsyncIterable<Uint8Array>;

export const DEFAULT_COMPRESSION_LEVEL = 6;
const GZIP_OS_BYTE = 9;
const GZIP_OS_UNIX = 3;
const ZLIB_CHUNK = 256 * 1024;

/** `source` gzip-compressed (RFC 1952), as a stream of chunks. */
export function gzipChunks(source: ByteChunks, level = DEFAULT_COMPRESSION_LEVEL): AsyncIterable<Uint8Array> {
  return compress(source, createGzip({ level, chunkSize: ZLIB_CHUNK }), true);
}

/** `source` zlib-compressed (RFC 1950, what MetaImage's CompressedData means), as a stream of chunks. */
export function deflateChunks(
  source: ByteChunks,
  level = DEFAULT_COMPRESSION_LEVEL,
): AsyncIterable<Uint8Array> {
  return compress(source, createDeflate({ level, chunkSize: ZLIB_CHUNK }), false);
}

async function* compress(source: ByteChunks, encoder: Transform, pinOsByte: boolean) {
  // pipeline destroys the encoder with the source's error, so the loop below throws it.
  pipeline(Readable.from(source), encoder, () => {});
  let first = pinOsByte;
  for await (const chunk of encoder as AsyncIterable<Buffer>) {
    if (first && chunk.length > GZIP_OS_BYTE) {
      chunk[GZIP_OS_BYTE] = GZIP_OS_UNIX;
      first = false;
    }
    yield chunk;
  }
}

/** Splits bytes into views of at most `size` bytes (no copies), for streaming large voxel buffers. */
export function* sliceChunks(bytes: Uint8Array, size = 1 << 20): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, Math.min(bytes.length, at + size));
}
