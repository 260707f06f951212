import type { PricedRecord } from '../types.js';

/** Why each model's requests lacked a cost: model -> the reasons, joined. */
export function unpricedReasons(records: PricedRecord[]): Map<string, string> {
  const reasons = new Map<string, Set<string>>();
  for (const record of records) {
    if (record.unpriced === null) continue;
    let set = reasons.get(record.model);
    if (set === undefined) {
      set = new Set();
      reasons.set(record.model, set);
    }
    set.add(record.unpriced);
  }
  return new Map([...reasons].map(([model, set]) => [model, [...set].join('; ')]));
}
