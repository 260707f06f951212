import { flattenPeriod } from './changes.js';
import type { ModelPrices } from './table.js';

/** What an update added to the table in use. Nothing is ever removed, no dated period changed. */
export interface TableDiff {
  /** Models new to the table. */
  added: string[];
  /** New spellings of models already there. */
  spellings: { model: string; alias: string }[];
  /** LiteLLM-only models whose figures changed. */
  changed: string[];
}

function samePrices(a: ModelPrices, b: ModelPrices): boolean {
  if (a.periods.length !== b.periods.length) return false;
  return a.periods.every((period, i) => {
    const other = b.periods[i];
    if (other === undefined || period.from !== other.from || period.until !== other.until)
      return false;
    const x = flattenPeriod(period);
    const y = flattenPeriod(other);
    return x.size === y.size && [...x].every(([field, value]) => y.get(field) === value);
  });
}

/** What changed from one table to the next, model by model. */
export function diffTables(
  before: Record<string, ModelPrices>,
  after: Record<string, ModelPrices>,
): TableDiff {
  const diff: TableDiff = { added: [], spellings: [], changed: [] };
  for (const [model, prices] of Object.entries(after)) {
    const old = before[model];
    if (old === undefined) {
      diff.added.push(model);
      continue;
    }
    for (const alias of prices.aliases) {
      if (!old.aliases.includes(alias)) diff.spellings.push({ model, alias });
    }
    if (!samePrices(old, prices)) diff.changed.push(model);
  }
  return diff;
}
