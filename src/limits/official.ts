/**
 * What Claude Code itself says about a subscriber's limits and a session's cost: it hands both
 * to the status line command on every refresh (2.1.80 and later). We keep the latest of each,
 * because the figures are Anthropic's own and no transcript holds them.
 */

export const LIMIT_WINDOWS = ['fiveHour', 'sevenDay'] as const;
export type LimitWindowName = (typeof LIMIT_WINDOWS)[number];

/** Each window's length: a window that resets at T began at T minus this. */
export const WINDOW_MS: Record<LimitWindowName, number> = {
  fiveHour: 5 * 3_600_000,
  sevenDay: 7 * 86_400_000,
};

/** One window as Claude Code last reported it. */
export interface LimitObservation {
  /** Share of the window's limit used, in percent; may exceed 100. */
  usedPercentage: number;
  /** When the window resets, ms since the epoch. */
  resetsAt: number;
  /** When the status line was handed the figure, ms since the epoch. */
  observedAt: number;
  sessionId: string | null;
  /** Claude Code's version, from the payload. */
  version: string | null;
}

export type LimitObservations = Record<LimitWindowName, LimitObservation | null>;

/** No window ever seen. */
export const NO_LIMITS: LimitObservations = Object.freeze({ fiveHour: null, sevenDay: null });

/** Claude Code's own estimate of a session's cost (`cost.total_cost_usd`, or a `cost-state` line). */
export interface SessionEstimate {
  sessionId: string;
  costUsd: number;
  observedAt: number;
  source: 'statusline' | 'cost-state';
  version: string | null;
}

/** What one status line payload tells about limits and cost. */
export interface OfficialFigures {
  limits: LimitObservations;
  estimate: SessionEstimate | null;
}

export type JsonObject = Record<string, unknown>;

/** `value` when it is a JSON object (not an array), else null. */
export function objectOf(value: unknown): JsonObject | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as JsonObject)
    : null;
}

function finiteNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * One window of `rate_limits`, or null when it is missing or unusable: a percentage that is
 * not a number of 0 or more, a reset time that is not a number of Unix seconds, a reset that
 * lies before the payload was made (a window already over says nothing of the one open now),
 * or one further ahead than the window is long.
 */
function windowOf(
  value: unknown,
  name: LimitWindowName,
  observedAt: number,
  sessionId: string | null,
  version: string | null,
): LimitObservation | null {
  const window = objectOf(value);
  if (window === null) return null;
  const usedPercentage = finiteNumber(window.used_percentage);
  const resetsAtSeconds = finiteNumber(window.resets_at);
  if (usedPercentage === null || usedPercentage < 0 || resetsAtSeconds === null) return null;
  const resetsAt = resetsAtSeconds * 1000;
  if (resetsAt <= observedAt || resetsAt > observedAt + WINDOW_MS[name] + 3_600_000) return null;
  return { usedPercentage, resetsAt, observedAt, sessionId, version };
}

/**
 * The limits and the session estimate in a status line payload (already parsed as JSON; any
 * value), as observed at `now`. Whatever is missing or malformed is null; nothing throws.
 */
export function officialFiguresOf(payload: unknown, now: number): OfficialFigures {
  const object = objectOf(payload) ?? {};
  const sessionId = text(object.session_id);
  const version = text(object.version);
  const limits = objectOf(object.rate_limits) ?? {};
  const cost = finiteNumber(objectOf(object.cost)?.total_cost_usd);
  return {
    limits: {
      fiveHour: windowOf(limits.five_hour, 'fiveHour', now, sessionId, version),
      sevenDay: windowOf(limits.seven_day, 'sevenDay', now, sessionId, version),
    },
    estimate:
      sessionId === null || cost === null || cost < 0
        ? null
        : { sessionId, costUsd: cost, observedAt: now, source: 'statusline', version },
  };
}

/** The newer of two observations of the same thing (either may be missing). */
export function newer<T extends { observedAt: number }>(a: T | null, b: T | null): T | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.observedAt > a.observedAt ? b : a;
}
