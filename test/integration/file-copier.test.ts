// Copying a downloaded file over real HTTP on 127.0.0.1: a body without Content-Length is
// streamed to disk and stopped at the cap (never read whole into memory), and nothing of it
// is left behind; a body within the cap arrives exact.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFile } from '../../src-main/core/files/file-copier';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-desk-copier-');
const CHUNK = Buffer.alloc(64 * 1024, 0x61);
let server: Server;
let base = '';
/** Bytes the server had written when each response ended, and whether the client hung up. */
const sent: { bytes: number; closedEarly: boolean }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    // Chunked (no Content-Length): `total` bytes, written as the client reads them.
    const total = Number(new URL(req.url!, 'http://x').searchParams.get('bytes'));
    const record = { bytes: 0, closedEarly: false };
    sent.push(record);
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    res.on('close', () => (record.closedEarly = !res.writableFinished));
    const pump = (): void => {
      while (record.bytes < total && !res.destroyed) {
        const part = CHUNK.subarray(0, Math.min(CHUNK.length, total - record.bytes));
        record.bytes += part.length;
        if (!res.write(part)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    pump();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  t.cleanup();
});

describe('copyFile', () => {
  it('stops a body without Content-Length at the cap, and leaves no file or part behind', async () => {
    const folder = join(t.dir, 'capped');
    const cap = 1024 * 1024;
    const total = 64 * 1024 * 1024;
    await expect(
      copyFile(`${base}/?bytes=${total}`, folder, 'huge.bin', { maxBytes: cap }),
    ).rejects.toThrow(`file is larger than ${cap} bytes`);
    expect(readdirSync(folder)).toEqual([]);
    // The download was cut off: the server never got to send the whole body.
    await expect.poll(() => sent.at(-1)!.closedEarly, { timeout: 10_000 }).toBe(true);
    expect(sent.at(-1)!.bytes).toBeLessThan(total);
  });

  it('writes a body within the cap exactly, under its own name', async () => {
    const folder = join(t.dir, 'fits');
    const bytes = 3 * 64 * 1024 + 5;
    const copy = await copyFile(`${base}/?bytes=${bytes}`, folder, 'ok.bin', {
      maxBytes: 1024 * 1024,
    });
    expect(copy).toEqual({ localPath: join(folder, 'ok.bin'), size: bytes });
    expect(readFileSync(copy.localPath).length).toBe(bytes);
    expect(readdirSync(folder)).toEqual(['ok.bin']);
  });
});
