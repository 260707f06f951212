import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { fetchJson } from '../../src/pricing/fetch.js';
import { closedPort, serve } from '../helpers/http-server.js';

const limits = { timeoutMs: 2_000, maxBytes: 1_000 };

describe('fetchJson', () => {
  it('returns the parsed document', async () => {
    const base = await serve((_request, response) => response.end('{"a":1}'));
    expect(await fetchJson(`${base}/t.json`, limits)).toEqual({ a: 1 });
  });

  it.each([
    [
      'an HTTP error',
      (_q: unknown, r: import('node:http').ServerResponse) => r.writeHead(500).end(),
      /answered HTTP 500/,
    ],
    [
      'a body that is not JSON',
      (_q: unknown, r: import('node:http').ServerResponse) => r.end('<html>'),
      /did not send JSON/,
    ],
    [
      'a declared size over the limit',
      (_q: unknown, r: import('node:http').ServerResponse) =>
        r.writeHead(200, { 'content-length': '5000' }).end('x'.repeat(5000)),
      /is 5000 bytes, over the 1000-byte limit/,
    ],
    [
      'a streamed body over the limit',
      (_q: unknown, r: import('node:http').ServerResponse) => {
        r.write('x'.repeat(800));
        r.end('x'.repeat(800));
      },
      /sent more than 1000 bytes/,
    ],
  ])('fails in one line (exit 1) on %s', async (_name, handler, message) => {
    const base = await serve(handler);
    const attempt = fetchJson(`${base}/t.json`, limits);
    await expect(attempt).rejects.toBeInstanceOf(UsageError);
    await expect(attempt).rejects.toMatchObject({
      exitCode: 1,
      message: expect.stringMatching(message),
    });
  });

  it('gives up after the time limit', async () => {
    const base = await serve(() => {}); // never answers
    await expect(fetchJson(`${base}/t.json`, { timeoutMs: 200, maxBytes: 1000 })).rejects.toThrow(
      /did not answer within 0.2 s/,
    );
  });

  it('says when nothing listens', async () => {
    const closed = await closedPort();
    await expect(fetchJson(`http://127.0.0.1:${closed}/t.json`, limits)).rejects.toThrow(
      /cannot reach .*ECONNREFUSED/,
    );
  });
});
