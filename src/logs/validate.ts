import type { UsageLine } from './schema.js';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A token count: a whole number from 0 to 2^53 - 1 (larger ones lose their last digits). */
function isCount(value: unknown): boolean {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** Before Claude Code, or more than a day ahead of now: not a time a response ran at. */
export const EARLIEST_TIMESTAMP = Date.UTC(2023, 0, 1);
const AHEAD_MS = 86_400_000;

let lastTimestamp = '';
let lastMs = Number.NaN;

/**
 * `Date.parse` of a timestamp, kept for the last one: each usage line's is checked here, then
 * read for its record (two parses a line were 2-3% of a cold run).
 */
export function timestampMs(text: string): number {
  if (text !== lastTimestamp) {
    lastTimestamp = text;
    lastMs = Date.parse(text);
  }
  return lastMs;
}

/** A timestamp that parses and lies in the window responses can have run in. */
export function isSaneTimestamp(value: unknown, now = Date.now()): boolean {
  if (typeof value !== 'string') return false;
  const ms = timestampMs(value);
  return ms >= EARLIEST_TIMESTAMP && ms <= now + AHEAD_MS;
}

const isNullish = (value: unknown) => value === null || value === undefined;
const optionalCount = (value: unknown) => isNullish(value) || isCount(value);
const optionalString = (value: unknown) => isNullish(value) || typeof value === 'string';

/**
 * The per-line check of the hot path: exactly what `UsageLineSchema` accepts, written out by
 * hand because zod costs a tenth of a second to load and a few microseconds a line. The tests
 * hold the two to the same answers on the fixtures and on broken variants of them.
 */
export function readUsageLine(value: JsonObject): UsageLine | null {
  if (!isSaneTimestamp(value.timestamp)) return null;
  if (
    !optionalString(value.sessionId) ||
    !optionalString(value.cwd) ||
    !optionalString(value.requestId)
  ) {
    return null;
  }
  if (!isNullish(value.isSidechain) && typeof value.isSidechain !== 'boolean') return null;
  if (!isNullish(value.costUSD) && !(typeof value.costUSD === 'number' && value.costUSD >= 0))
    return null;
  const message = value.message;
  if (!isObject(message) || !optionalString(message.id) || !optionalString(message.model))
    return null;
  const usage = message.usage;
  if (!isObject(usage) || !isCount(usage.input_tokens) || !isCount(usage.output_tokens))
    return null;
  if (
    !optionalCount(usage.cache_creation_input_tokens) ||
    !optionalCount(usage.cache_read_input_tokens)
  ) {
    return null;
  }
  if (!optionalString(usage.speed) || !optionalString(usage.inference_geo)) return null;
  const tools = usage.server_tool_use;
  if (!isNullish(tools) && !(isObject(tools) && optionalCount(tools.web_search_requests)))
    return null;
  const split = usage.cache_creation;
  if (!isNullish(split)) {
    if (!isObject(split)) return null;
    if (
      !optionalCount(split.ephemeral_5m_input_tokens) ||
      !optionalCount(split.ephemeral_1h_input_tokens)
    ) {
      return null;
    }
  }
  return value as unknown as UsageLine;
}
