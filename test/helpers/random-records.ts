import { mulberry32 } from '../../bench/gen.mjs';
import type { PricedRecord } from '../../src/types.js';
import { pricedRecord } from './lines.js';

const MODELS = [
  'claude-sonnet-4-5-20250929',
  'claude-opus-4-6',
  'claude-haiku-4-5-20251001',
  'mystery-model',
];

/**
 * Records spread over about two months around DST changes, with sessions, projects, subagents
 * and unpriced requests, oldest first.
 */
export function randomRecords(seed: number, count: number): PricedRecord[] {
  const random = mulberry32(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const start = Date.parse('2026-09-20T00:00:00Z');
  const span = 70 * 86_400_000;
  const records: PricedRecord[] = [];
  for (let i = 0; i < count; i++) {
    const model = pick(MODELS);
    const project = pick(['-home-a-x', '-home-a-y', '-srv-z']);
    records.push(
      pricedRecord({
        key: `m${i}:r${i}`,
        timestamp: start + Math.floor(random() * span),
        sessionId: `${project}-s${Math.floor(random() * 12)}`,
        project,
        cwd: project.replaceAll('-', '/'),
        model,
        sidechain: random() < 0.2,
        inputTokens: Math.floor(random() * 500),
        outputTokens: Math.floor(random() * 4000),
        cacheWrite5mTokens: Math.floor(random() * 9000),
        cacheWrite1hTokens: random() < 0.3 ? Math.floor(random() * 9000) : 0,
        cacheReadTokens: Math.floor(random() * 200_000),
        cost: model === 'mystery-model' ? null : Math.round(random() * 1e6) / 1e6,
      }),
    );
  }
  return records.sort((a, b) => a.timestamp - b.timestamp);
}
