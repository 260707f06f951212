import { isAscii } from 'node:buffer';
import { type PricedRecord, type TokenCounts, type ToolUse, unpricedRecord } from '../types.js';
import type { Usage, UsageLine } from './schema.js';
import { Slot, StringPool } from './string-pool.js';
import { readUsageLine, timestampMs } from './validate.js';

/** Where a line came from; the parser copies it into each record. */
export interface LineSource {
  path: string;
  /** The `projects/` folder the file was found under. */
  root: string;
  project: string;
  /** The whole file is a subagent transcript. */
  subagent: boolean;
  /** The session its path names, for lines that lack `sessionId`. */
  session: string;
}

/** An API response: its usage record (null for `<synthetic>`) and its tool calls. */
export interface ParsedResponse {
  /** Not priced yet: `cost` and `unpriced` are null until pricing fills them in. */
  record: PricedRecord | null;
  tools: ToolUse[];
}

/** What one line yields: a response, nothing (no usage), or the verdict that it was malformed. */
export type ParsedLine = ParsedResponse | null | typeof MALFORMED;

export const MALFORMED = 'malformed';

/** Error lines shown to the user carry this model and zero usage: not an API response. */
const SYNTHETIC_MODEL = '<synthetic>';
const UNKNOWN_MODEL = 'unknown';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Splits cache writes by lifetime. The cache writes are the larger of
 * `cache_creation_input_tokens` and the `cache_creation` breakdown's 5-minute + 1-hour sum:
 * since Claude Code 2.1.152 a write may appear in the breakdown alone, the top-level count 0 or
 * absent. The breakdown says how much was a 1-hour write; without it every write is 5-minute.
 */
export function tokenCountsOf(usage: Usage): TokenCounts {
  const split = usage.cache_creation;
  const splitTotal =
    (split?.ephemeral_5m_input_tokens ?? 0) + (split?.ephemeral_1h_input_tokens ?? 0);
  const cacheWrite = Math.max(usage.cache_creation_input_tokens ?? 0, splitTotal);
  const cacheWrite1h = Math.min(split?.ephemeral_1h_input_tokens ?? 0, cacheWrite);
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    cacheWrite5mTokens: cacheWrite - cacheWrite1h,
    cacheWrite1hTokens: cacheWrite1h,
    cacheReadTokens: usage.cache_read_input_tokens ?? 0,
  };
}

/** What a response's record and its tool calls share, the strings taken from the pool. */
interface ResponseContext {
  timestamp: number;
  sessionId: string;
  cwd: string | null;
  model: string;
}

/**
 * A string of the line as UTF-8 decodes it: itself, or (`fromLatin1`) re-decoded from the
 * Latin-1 the line was parsed as.
 */
type Recode = (text: string) => string;

const asIs: Recode = (text) => text;

const NON_ASCII = /[\u0080-\uffff]/;

/**
 * Latin-1 gives each byte a character of its own, so a string parsed from Latin-1 holds the
 * line's bytes (its escapes decoded, all to ASCII when the line has no `\u` escape), which UTF-8
 * then decodes as it would have decoded the whole line.
 */
const fromLatin1: Recode = (text) =>
  NON_ASCII.test(text) ? Buffer.from(text, 'latin1').toString('utf8') : text;

function contextOf(
  line: UsageLine,
  source: LineSource,
  strings: StringPool,
  recode: Recode,
): ResponseContext {
  return {
    timestamp: timestampMs(line.timestamp),
    sessionId: line.sessionId ? strings.of(recode(line.sessionId), Slot.session) : source.session,
    cwd: strings.ofNullable(line.cwd == null ? null : recode(line.cwd), Slot.folder),
    model: strings.of(recode(line.message.model ?? UNKNOWN_MODEL), Slot.model),
  };
}

function toRecord(
  line: UsageLine,
  context: ResponseContext,
  source: LineSource,
  embedded: boolean,
  strings: StringPool,
  recode: Recode,
): PricedRecord | null {
  const model = context.model;
  if (model === SYNTHETIC_MODEL) return null;
  const messageId = line.message.id;
  const requestId = line.requestId;
  const geo = line.message.usage.inference_geo;
  return unpricedRecord({
    key: messageId && requestId ? `${recode(messageId)}:${recode(requestId)}` : null,
    timestamp: context.timestamp,
    sessionId: context.sessionId,
    project: source.project,
    cwd: context.cwd,
    model,
    fast: line.message.usage.speed === 'fast',
    inferenceGeo: strings.ofNullable(geo == null ? null : recode(geo)),
    webSearchRequests: line.message.usage.server_tool_use?.web_search_requests ?? 0,
    sidechain: source.subagent || embedded || line.isSidechain === true,
    file: source.path,
    root: source.root,
    alsoIn: null,
    loggedCostUSD: line.costUSD ?? null,
    ...tokenCountsOf(line.message.usage),
  });
}

/**
 * A subagent's response copied into its parent's `progress` line. The copy lacks the session
 * and working directory, which are the parent's.
 */
function embeddedUsageLine(line: JsonObject): JsonObject | null {
  if (line.type !== 'progress' || !isObject(line.data)) return null;
  const inner = line.data.message;
  if (!isObject(inner) || inner.type !== 'assistant') return null;
  if (!isObject(inner.message) || inner.message.usage == null) return null;
  return {
    ...inner,
    timestamp: inner.timestamp ?? line.timestamp,
    sessionId: line.sessionId,
    cwd: line.cwd,
  };
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

function isSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0d;
}

/** The bytes that mark a line that may carry usage (`lineVerdict`). */
export const USAGE_KEY = Buffer.from('"usage"');

/**
 * What a line needs, decided from its bytes alone, because most bytes of a transcript are tool
 * results that carry no usage and are not worth decoding: `malformed` when it cannot be a JSON
 * object (it does not start with `{` and end with `}`: a half-written line, say), `parse` when
 * it names `"usage"` (only such lines, and progress lines that embed one, can carry usage; a
 * quote inside a JSON string is escaped, so text cannot fake the key), else `skip`. Whether it
 * names the key the reader found with `forEachLine`'s `marker` (`USAGE_KEY`).
 */
export function lineVerdict(
  buffer: Buffer,
  start: number,
  end: number,
  namesUsage: boolean,
): 'skip' | 'malformed' | 'parse' {
  let first = start;
  while (first < end && isSpace(buffer[first])) first++;
  let last = end - 1;
  while (last > first && isSpace(buffer[last])) last--;
  if (buffer[first] !== OPEN_BRACE || buffer[last] !== CLOSE_BRACE) return 'malformed';
  return namesUsage ? 'parse' : 'skip';
}

/**
 * Parses one transcript line into usage records. Lines that carry no usage (user turns,
 * summaries, snapshots, most progress lines) yield nothing; a line that is not JSON, or whose
 * usage has the wrong shape, is reported as malformed so it can be counted.
 */
export function parseUsageLine(
  text: string,
  source: LineSource,
  strings: StringPool = new StringPool(),
): ParsedLine {
  return parseText(text, source, strings, asIs);
}

const UNICODE_ESCAPE = Buffer.from('\\u');

/**
 * `parseUsageLine` of the line `buffer[start, end)` as UTF-8, with the same result, but decoded
 * as Latin-1 where that is exact: JSON's structure and every field a record compares are ASCII,
 * and outside ASCII a line's characters are in its text (replies, code), which no record keeps.
 * Decoded as UTF-8, a line outside ASCII becomes a string of two bytes a character, and decoding
 * and parsing it cost 1.4-1.9 times what Latin-1 costs; the few strings a record keeps are then
 * decoded from UTF-8 (`fromLatin1`) when they hold more than ASCII. A `\u` escape could put a
 * character of 128-255 into a string the bytes do not hold: such a line is decoded as UTF-8.
 */
export function parseUsageBytes(
  buffer: Buffer,
  start: number,
  end: number,
  source: LineSource,
  strings: StringPool,
): ParsedLine {
  const bytes = buffer.subarray(start, end);
  if (isAscii(bytes)) return parseText(bytes.toString('latin1'), source, strings, asIs);
  if (bytes.includes(UNICODE_ESCAPE)) {
    return parseText(bytes.toString('utf8'), source, strings, asIs);
  }
  return parseText(bytes.toString('latin1'), source, strings, fromLatin1);
}

function parseText(
  text: string,
  source: LineSource,
  strings: StringPool,
  recode: Recode,
): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return MALFORMED;
  }
  if (!isObject(value)) return MALFORMED;

  // Only API responses count: assistant lines and their copies in progress lines. A `user`
  // (or any other) line that carries a usage object is not a response.
  const candidate =
    value.type === 'assistant' && isObject(value.message) && value.message.usage != null
      ? value
      : embeddedUsageLine(value);
  if (candidate === null) return null;

  if (recode !== asIs && typeof candidate.timestamp === 'string') {
    candidate.timestamp = recode(candidate.timestamp);
  }
  const line = readUsageLine(candidate);
  if (line === null) return MALFORMED;
  const context = contextOf(line, source, strings, recode);
  const record = toRecord(line, context, source, candidate !== value, strings, recode);
  return { record, tools: toolUsesOf(candidate, context, source, strings, recode) };
}

/** The `tool_use` blocks of a response; each names its tool and has a globally unique id. */
function toolUsesOf(
  candidate: JsonObject,
  context: ResponseContext,
  source: LineSource,
  strings: StringPool,
  recode: Recode,
): ToolUse[] {
  const content = (candidate.message as JsonObject).content;
  if (!Array.isArray(content)) return [];
  const tools: ToolUse[] = [];
  for (const block of content) {
    if (!isObject(block) || block.type !== 'tool_use') continue;
    if (typeof block.id !== 'string' || typeof block.name !== 'string') continue;
    tools.push({
      id: recode(block.id),
      name: strings.of(recode(block.name), Slot.tool),
      timestamp: context.timestamp,
      sessionId: context.sessionId,
      project: source.project,
      cwd: context.cwd,
      model: context.model,
    });
  }
  return tools;
}
