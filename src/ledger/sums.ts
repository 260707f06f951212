import { COST_PARTS } from '../pricing/cost.js';
import { emptySum, type PricedRecord } from '../types.js';

/** What the ledger's rows of sums sum by (`report/sums.ts`): quarter hours (UTC), or days. */
export const QUARTER_HOURS = 'quarter-hour';
export const daysIn = (timeZone: string) => `day ${timeZone}`;

/** The figures of a sum, in the order a row of `encodeSums` holds them after its names. */
const FIGURES = [
  'timestamp',
  'requests',
  'inputTokens',
  'outputTokens',
  'cacheWrite5mTokens',
  'cacheWrite1hTokens',
  'cacheReadTokens',
  'webSearchRequests',
  ...COST_PARTS,
] as const satisfies readonly (keyof PricedRecord)[];

interface EncodedSums {
  /** Models and reasons for no price, each once; a row names them by index. */
  names: string[];
  /** [model, reason or -1, cost or null, ...FIGURES] */
  rows: (number | null)[][];
}

/**
 * Sums (`report/sums.ts`) as the ledger keeps them: JSON, whose numbers come back as the same
 * doubles, with each model's name once.
 */
export function encodeSums(sums: PricedRecord[]): string {
  const names: string[] = [];
  const index = new Map<string, number>();
  const ref = (name: string) => {
    let at = index.get(name);
    if (at === undefined) {
      at = names.push(name) - 1;
      index.set(name, at);
    }
    return at;
  };
  const rows = sums.map((sum) => [
    ref(sum.model),
    sum.unpriced === null ? -1 : ref(sum.unpriced),
    sum.cost,
    ...FIGURES.map((field) => sum[field]),
  ]);
  return JSON.stringify({ names, rows } satisfies EncodedSums);
}

export function decodeSums(text: string): PricedRecord[] {
  const { names, rows } = JSON.parse(text) as EncodedSums;
  return rows.map((row) => {
    const [model, reason, cost] = row;
    const sum = emptySum(names[model ?? -1] ?? '', 0);
    sum.unpriced =
      reason === null || reason === undefined || reason < 0 ? null : (names[reason] ?? null);
    sum.cost = cost ?? null;
    FIGURES.forEach((field, i) => {
      sum[field] = row[i + 3] ?? 0;
    });
    return sum;
  });
}
