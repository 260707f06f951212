import { canonicalModelId } from './match.js';
import type { ModelPrices } from './table.js';

/**
 * LiteLLM's models merged into a table: an id that is another spelling of a dated model
 * (`anthropic.claude-opus-4-6-v1`, `claude-haiku-4-5@20251001`) becomes one of its aliases and
 * keeps the dated prices; any other id is a model of its own, the newer LiteLLM figures
 * replacing older ones. Nothing already in `models` is removed.
 */
export function mergeLiteLlm(
  models: Record<string, ModelPrices>,
  liteLlm: Record<string, ModelPrices>,
): Record<string, ModelPrices> {
  const merged: Record<string, ModelPrices> = structuredClone(models);
  const dated = new Map<string, string>();
  for (const [id, model] of Object.entries(merged)) {
    if (model.origin !== 'anthropic') continue;
    for (const name of [id, ...model.aliases]) dated.set(canonicalModelId(name), id);
  }
  for (const [id, model] of Object.entries(liteLlm)) {
    const owner = dated.get(canonicalModelId(id));
    const target = owner === undefined ? undefined : merged[owner];
    if (target !== undefined) {
      if (id !== owner && !target.aliases.includes(id)) target.aliases.push(id);
    } else {
      merged[id] = model;
    }
  }
  return Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : 1)));
}
