import { type PricedRecord, unpricedRecord } from '../../src/types.js';

export interface AssistantLine {
  timestamp?: string;
  sessionId?: string;
  cwd?: string;
  id?: string | null;
  requestId?: string | null;
  model?: string;
  input?: number;
  output?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
  cacheRead?: number;
  speed?: string;
}

/** One assistant line as Claude Code writes it, with only the fields that matter set. */
export function assistantLine(line: AssistantLine = {}): string {
  const usage: Record<string, unknown> = {
    input_tokens: line.input ?? 10,
    output_tokens: line.output ?? 100,
    cache_creation_input_tokens: (line.cacheWrite ?? 0) + (line.cacheWrite1h ?? 0),
    cache_read_input_tokens: line.cacheRead ?? 0,
  };
  if (line.cacheWrite1h !== undefined) {
    usage.cache_creation = {
      ephemeral_5m_input_tokens: line.cacheWrite ?? 0,
      ephemeral_1h_input_tokens: line.cacheWrite1h,
    };
  }
  if (line.speed !== undefined) usage.speed = line.speed;
  const message: Record<string, unknown> = {
    model: line.model ?? 'claude-sonnet-4-5-20250929',
    content: [{ type: 'text', text: 'hi' }],
    usage,
  };
  if (line.id !== null) message.id = line.id ?? 'msg_1';
  const object: Record<string, unknown> = {
    type: 'assistant',
    timestamp: line.timestamp ?? '2026-11-20T10:00:00.000Z',
    sessionId: line.sessionId ?? 'session-1',
    cwd: line.cwd ?? '/home/ann/app',
    message,
  };
  if (line.requestId !== null) object.requestId = line.requestId ?? 'req_1';
  return JSON.stringify(object);
}

/** A priced record with zero tokens, for report tests; override what the test is about. */
export function pricedRecord(overrides: Partial<PricedRecord> = {}): PricedRecord {
  const read = unpricedRecord({
    key: null,
    timestamp: Date.parse('2026-11-20T10:00:00Z'),
    sessionId: 'session-1',
    project: '-home-ann-app',
    cwd: '/home/ann/app',
    model: 'claude-sonnet-4-5-20250929',
    fast: false,
    inferenceGeo: null,
    webSearchRequests: 0,
    sidechain: false,
    file: '/logs/session-1.jsonl',
    root: '/logs',
    alsoIn: null,
    inputTokens: 0,
    outputTokens: 0,
    cacheWrite5mTokens: 0,
    cacheWrite1hTokens: 0,
    cacheReadTokens: 0,
    loggedCostUSD: null,
  });
  return { ...read, cost: 0, ...overrides };
}

/**
 * Records as the ledger gives them back: without the folder each was read from, which the
 * ledger keeps as a mask of its own (`LedgerStore.rootsMask`), not on the record.
 */
export function asStored<T extends Pick<PricedRecord, 'root' | 'alsoIn'>>(records: T[]): T[] {
  return records.map((record) => ({ ...record, root: '', alsoIn: null }));
}
