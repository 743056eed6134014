import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { ByteSource, formatCount, isGzip, readFileBytes } from './byte-source.js';
import { assertVolumeError, makeTempDir, removeDir } from './test-support.js';

describe('ByteSource', () => {
  let dir: string;
  const payload = Buffer.from(Array.from({ length: 300_000 }, (_, n) => (n * 7919) % 251));
  before(async () => {
    dir = await makeTempDir();
  });
  after(() => removeDir(dir));

  it('streams a gzip file into a preallocated buffer, after skipping a header', async () => {
    const path = join(dir, 'ok.gz');
    await writeFile(path, gzipSync(payload));
    const source = new ByteSource(path, { compression: 'gzip' });
    const head = await source.read(10);
    assert.deepEqual([...head], [...payload.subarray(0, 10)]);
    assert.equal(await source.skip(90), 90);
    const target = new Uint8Array(payload.length - 100);
    assert.equal(await source.fill(target), target.length);
    assert.ok(Buffer.from(target).equals(payload.subarray(100)));
    assert.equal(await source.finish(), 0);
    assert.equal(source.position, payload.length);
  });

  it('reads raw files from an offset and reports a clean short read', async () => {
    const path = join(dir, 'raw.bin');
    await writeFile(path, payload);
    const source = new ByteSource(path, { start: 1000 });
    const target = new Uint8Array(payload.length);
    assert.equal(await source.fill(target), payload.length - 1000);
    source.close();
    assert.deepEqual([...(await readFileBytes(path, 4, 10))], [...payload.subarray(10, 14)]);
  });

  it('reports a truncated gzip stream with the expected and received byte counts', async () => {
    const path = join(dir, 'cut.gz');
    const gz = gzipSync(payload);
    await writeFile(path, gz.subarray(0, Math.floor(gz.length / 2)));
    const source = new ByteSource(path, { compression: 'gzip' });
    await assertVolumeError(
      source.fill(new Uint8Array(payload.length), 'voxel bytes'),
      path,
      /^truncated gzip stream \(expected 300,000 voxel bytes, got [\d,]+\)$/,
    );
  });

  it('notices a gzip stream that loses only its checksum trailer', async () => {
    const path = join(dir, 'trailer.gz');
    const gz = gzipSync(payload);
    await writeFile(path, gz.subarray(0, gz.length - 4));
    const source = new ByteSource(path, { compression: 'gzip' });
    const target = new Uint8Array(payload.length);
    // The data itself may arrive in full; finish() must still fail.
    await assertVolumeError(
      (async () => {
        await source.fill(target, 'voxel bytes');
        await source.finish();
      })(),
      path,
      /^truncated gzip stream/,
    );
  });

  it('rejects corrupt data and trailing garbage after the gzip stream', async () => {
    const corrupt = join(dir, 'corrupt.gz');
    const gz = gzipSync(payload);
    const bad = Buffer.from(gz);
    bad[bad.length - 6]! ^= 0xff; // CRC byte
    await writeFile(corrupt, bad);
    const a = new ByteSource(corrupt, { compression: 'gzip' });
    await assertVolumeError(
      (async () => {
        await a.fill(new Uint8Array(payload.length));
        await a.finish();
      })(),
      corrupt,
      /^corrupt gzip stream/,
    );

    const garbage = join(dir, 'garbage.gz');
    await writeFile(garbage, Buffer.concat([gz, Buffer.from('trailing garbage')]));
    const b = new ByteSource(garbage, { compression: 'gzip' });
    await assertVolumeError(
      (async () => {
        await b.fill(new Uint8Array(payload.length));
        await b.finish();
      })(),
      garbage,
      /corrupt gzip stream .*non-zero bytes after the end of the compressed stream are not allowed/,
    );
  });

  it('ignores zero padding after the gzip stream', async () => {
    const path = join(dir, 'padded.gz');
    await writeFile(path, Buffer.concat([gzipSync(payload), Buffer.alloc(512)]));
    const source = new ByteSource(path, { compression: 'gzip' });
    const target = new Uint8Array(payload.length);
    assert.equal(await source.fill(target), payload.length);
    assert.equal(await source.finish(), 0);
  });

  it('reads concatenated gzip members as one stream', async () => {
    const path = join(dir, 'multi.gz');
    await writeFile(
      path,
      Buffer.concat([gzipSync(payload.subarray(0, 1000)), gzipSync(payload.subarray(1000))]),
    );
    const source = new ByteSource(path, { compression: 'gzip' });
    const target = new Uint8Array(payload.length);
    assert.equal(await source.fill(target), payload.length);
    assert.equal(await source.finish(), 0);
    assert.ok(Buffer.from(target).equals(payload));
  });

  it('turns a missing file into an io error', async () => {
    const path = join(dir, 'missing.gz');
    const source = new ByteSource(path);
    await assertVolumeError(source.read(4), path, /cannot read \(ENOENT: no such file\)/, 'io');
    await assertVolumeError(readFileBytes(path, 4), path, /ENOENT/, 'io');
  });

  it('an error before the first read neither crashes the process nor gets lost', async () => {
    const closed = new ByteSource(join(dir, 'nope'), { compression: 'gzip' });
    closed.close();
    const late = join(dir, 'nope-either');
    const source = new ByteSource(late);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await assertVolumeError(source.read(4), late, /ENOENT/, 'io');
  });

  it('has small helpers', () => {
    assert.equal(formatCount(7372800), '7,372,800');
    assert.ok(isGzip(gzipSync(Buffer.from('x'))));
    assert.ok(!isGzip(Buffer.from('x')));
  });
});
