import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageLineSchema } from '../../src/logs/schema.js';
import { isoUtcMs, readUsageLine, timestampMs } from '../../src/logs/validate.js';
import { REPO } from '../helpers/cli.js';

// biome-ignore lint/suspicious/noExplicitAny: these tests take apart parsed JSON of any shape.
type Json = Record<string, any>;

/** Every usage-carrying object in the fixtures (top-level or embedded in a progress line). */
function usageObjects(): Record<string, unknown>[] {
  const root = path.join(REPO, 'fixtures');
  const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) =>
    f.endsWith('.jsonl'),
  );
  const objects: Record<string, unknown>[] = [];
  for (const file of files) {
    for (const text of readFileSync(path.join(root, file), 'utf8').split('\n')) {
      let value: Json;
      try {
        value = JSON.parse(text);
      } catch {
        continue; // not JSON: no usage object in it
      }
      if (value?.message?.usage) objects.push(value);
      const inner = value?.data?.message;
      if (inner?.message?.usage)
        objects.push({ ...inner, timestamp: inner.timestamp ?? value.timestamp });
    }
  }
  return objects;
}

/** Ways a line can be broken, each applied to a copy of a real one. */
const BREAKAGES: [string, (line: Json) => void][] = [
  ['no timestamp', (l) => delete l.timestamp],
  ['a timestamp that is no date', (l) => (l.timestamp = 'soon')],
  ['a numeric session id', (l) => (l.sessionId = 42)],
  ['a string isSidechain', (l) => (l.isSidechain = 'no')],
  ['a negative costUSD', (l) => (l.costUSD = -1)],
  ['a null costUSD', (l) => (l.costUSD = null)],
  ['a message that is a string', (l) => (l.message = 'x')],
  ['a numeric model', (l) => (l.message.model = 3)],
  ['usage that is an array', (l) => (l.message.usage = [])],
  ['fractional output tokens', (l) => (l.message.usage.output_tokens = 1.5)],
  ['string input tokens', (l) => (l.message.usage.input_tokens = '5')],
  ['missing output tokens', (l) => delete l.message.usage.output_tokens],
  ['null cache read', (l) => (l.message.usage.cache_read_input_tokens = null)],
  ['negative cache write', (l) => (l.message.usage.cache_creation_input_tokens = -3)],
  ['a cache split that is a number', (l) => (l.message.usage.cache_creation = 5)],
  ['a bad 1h split', (l) => (l.message.usage.cache_creation = { ephemeral_1h_input_tokens: 'x' })],
  ['a numeric speed', (l) => (l.message.usage.speed = 2)],
  ['extra fields', (l) => (l.somethingNew = { a: 1 })],
];

describe('readUsageLine agrees with UsageLineSchema', () => {
  const objects = usageObjects();

  it('on every usage line of the fixtures', () => {
    expect(objects.length).toBeGreaterThan(100);
    for (const object of objects) {
      expect(readUsageLine(object) !== null, JSON.stringify(object).slice(0, 120)).toBe(
        UsageLineSchema.safeParse(object).success,
      );
    }
  });

  it.each(BREAKAGES)('on lines with %s', (_name, breakIt) => {
    for (const object of objects.slice(0, 25)) {
      const copy = structuredClone(object) as Json;
      breakIt(copy);
      expect(readUsageLine(copy) !== null).toBe(UsageLineSchema.safeParse(copy).success);
    }
  });
});

describe('isoUtcMs', () => {
  const iso = (ms: number) => new Date(ms).toISOString();

  it('reads the form Claude Code writes as Date.parse does, every day of 400 years and more', () => {
    const from = Date.UTC(1900, 0, 1);
    for (let ms = from; ms < Date.UTC(2300, 0, 1); ms += 86_400_000 + 3_723_456) {
      expect(isoUtcMs(iso(ms))).toBe(ms);
    }
    for (const text of [
      '0000-01-01T00:00:00.000Z',
      '9999-12-31T23:59:59.999Z',
      '2024-02-29T12:00:00.500Z',
    ]) {
      expect(isoUtcMs(text)).toBe(Date.parse(text));
    }
  });

  it('leaves any other form, and what is not a date, to Date.parse', () => {
    for (const text of [
      '2025-02-29T00:00:00.000Z', // not a leap year
      '2026-04-31T00:00:00.000Z',
      '2026-13-01T00:00:00.000Z',
      '2026-11-20T24:00:00.000Z', // Date.parse reads this as the next midnight
      '2026-11-20T10:60:00.000Z',
      '2026-11-20T10:00:60.000Z',
      '2026-11-20T10:00:00Z',
      '2026-11-20T10:00:00.000+01:00',
      '2026-11-2OT10:00:00.000Z',
      '2026-11-20 10:00:00.000Z',
      '',
    ]) {
      expect(isoUtcMs(text)).toBeNaN();
      expect(timestampMs(text)).toBe(Date.parse(text));
    }
  });
});
