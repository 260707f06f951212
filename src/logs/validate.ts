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

/** The digits of `text` from `at` to `end` as a number, or NaN when one is not a digit. */
function digits(text: string, at: number, end: number): number {
  let value = 0;
  for (let i = at; i < end; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to a date of the proleptic Gregorian calendar (month 1-12). */
function daysFromEpoch(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/**
 * The time of `2026-11-20T10:00:00.123Z`, the form Claude Code writes, worked out from its
 * digits (`Date.parse` was a fifth of validating a usage line); NaN for any other form or a
 * date that is not one, which `Date.parse` then reads as it does.
 */
export function isoUtcMs(text: string): number {
  if (
    text.length !== 24 ||
    text.charCodeAt(4) !== 0x2d || // -
    text.charCodeAt(7) !== 0x2d ||
    text.charCodeAt(10) !== 0x54 || // T
    text.charCodeAt(13) !== 0x3a || // :
    text.charCodeAt(16) !== 0x3a ||
    text.charCodeAt(19) !== 0x2e || // .
    text.charCodeAt(23) !== 0x5a // Z
  ) {
    return Number.NaN;
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  const millisecond = digits(text, 20, 23);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const monthDays = month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
  // NaN fails every comparison.
  if (!(day >= 1 && day <= monthDays && hour <= 23 && minute <= 59 && second <= 59)) {
    return Number.NaN;
  }
  if (Number.isNaN(year) || Number.isNaN(millisecond)) return Number.NaN;
  const seconds = (hour * 60 + minute) * 60 + second;
  return daysFromEpoch(year, month, day) * 86_400_000 + seconds * 1000 + millisecond;
}

/**
 * `Date.parse` of a timestamp, kept for the last one: each usage line's is checked here, then
 * read for its record (two parses a line were 2-3% of a cold run).
 */
export function timestampMs(text: string): number {
  if (text !== lastTimestamp) {
    lastTimestamp = text;
    const ms = isoUtcMs(text);
    lastMs = Number.isNaN(ms) ? Date.parse(text) : ms;
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
