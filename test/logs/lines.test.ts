import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { forEachLine } from '../../src/logs/lines.js';
import { fsFixture } from '../helpers/fs-fixture.js';

async function linesOf(content: string, maxLineBytes?: number, from?: number) {
  const dir = await fsFixture({ 'f.jsonl': content });
  const lines: string[] = [];
  const counts = forEachLine(
    path.join(dir, 'f.jsonl'),
    (buffer, start, end) => lines.push(buffer.toString('utf8', start, end)),
    { maxLineBytes, from },
  );
  return { lines, counts };
}

describe('forEachLine', () => {
  it('splits on newlines, dropping CRs, a BOM and blank lines', async () => {
    const { lines, counts } = await linesOf('\uFEFF{"a":1}\r\n\n  \n{"b":2}\n');
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    expect(counts).toEqual({
      lines: 2,
      oversized: 0,
      completeLines: 2,
      completeOversized: 0,
      complete: 24, // the BOM is 3 bytes
    });
  });

  it('passes on a last line without a newline (a file still being written)', async () => {
    const { lines, counts } = await linesOf('{"a":1}\n{"b":');
    expect(lines).toEqual(['{"a":1}', '{"b":']);
    // Only the first line is complete: a later read goes on from byte 8.
    expect(counts).toMatchObject({ lines: 2, completeLines: 1, complete: 8 });
  });

  it('starts at a given offset, where an earlier read stopped', async () => {
    const { lines, counts } = await linesOf('{"a":1}\n{"b":2}\n{"c":', undefined, 8);
    expect(lines).toEqual(['{"b":2}', '{"c":']);
    expect(counts).toMatchObject({ lines: 2, completeLines: 1, complete: 16 });
  });

  it('knows where complete lines end when a line spans chunks', async () => {
    const long = `{"t":"${'x'.repeat(1_500_000)}"}`;
    const { counts } = await linesOf(`{"a":1}\n${long}\n${long}`);
    expect(counts).toMatchObject({ lines: 3, completeLines: 2, complete: 8 + long.length + 1 });
  });

  it('joins lines that span read chunks, multi-byte characters included', async () => {
    const long = `{"text":"${'é'.repeat(700_000)}"}`; // 1.4 MB: crosses the 1 MiB chunk
    const { lines } = await linesOf(`${long}\n{"next":true}\n`);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(long);
    expect(lines[1]).toBe('{"next":true}');
  });

  it('says of each line whether it holds the marker, as a search of the line would', async () => {
    const marker = Buffer.from('"usage"');
    // Lines of every length around the 1 MiB chunk, the marker at their start, end, or not at
    // all, so that some straddle a chunk's end; a BOM first, CRs, a last line without newline.
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      const pad = 'x'.repeat((i * 37_913) % 90_000);
      const at = i % 3;
      lines.push(
        at === 0
          ? `{"usage":1,"p":"${pad}"}`
          : at === 1
            ? `{"p":"${pad}","usage":2}`
            : `{"p":"${pad}"}`,
      );
    }
    const content = `\uFEFF${lines.join('\r\n')}\n${lines.slice(0, 7).join('\n')}\n{"usage":`;
    const dir = await fsFixture({ 'f.jsonl': content });
    const seen: [string, boolean][] = [];
    forEachLine(
      path.join(dir, 'f.jsonl'),
      (buffer, start, end, marked) => seen.push([buffer.toString('utf8', start, end), marked]),
      { marker },
    );
    expect(seen.length).toBe(68);
    expect(seen.filter(([, marked]) => marked).length).toBe(40 + 5 + 1);
    for (const [line, marked] of seen) expect(marked).toBe(line.includes('"usage"'));
  });

  it('reports the bytes of each chunk it reads', async () => {
    const dir = await fsFixture({ 'f.jsonl': 'y'.repeat(1_500_000) });
    const chunks: number[] = [];
    forEachLine(path.join(dir, 'f.jsonl'), () => {}, {
      onBytes: (bytes) => chunks.push(bytes),
    });
    expect(chunks).toEqual([1_048_576, 1_500_000 - 1_048_576]);
  });

  it('drops lines over the size limit without holding them', async () => {
    const { lines, counts } = await linesOf(
      `{"small":1}\n${'x'.repeat(3_000_000)}\n{"after":1}\n`,
      1_000_000,
    );
    expect(lines).toEqual(['{"small":1}', '{"after":1}']);
    expect(counts).toEqual({
      lines: 2,
      oversized: 1,
      completeLines: 2,
      completeOversized: 1,
      complete: 12 + 3_000_001 + 12,
    });
  });

  it('does not count an oversized last line without its newline as complete', async () => {
    const { counts } = await linesOf(`{"small":1}\n${'x'.repeat(3_000_000)}`, 1_000_000);
    expect(counts).toMatchObject({ oversized: 1, completeOversized: 0, complete: 12 });
  });
});
