import { canonicalModelId, withoutDateSuffix } from '../pricing/match.js';

/**
 * A model id short enough for a table cell: `claude-sonnet-4-5-20250929` -> `sonnet-4-5`,
 * `claude-3-5-haiku-20241022` -> `haiku-3-5`. Ids that are not Claude's are left alone.
 */
export function shortModelName(model: string): string {
  const canonical = withoutDateSuffix(canonicalModelId(model));
  if (!canonical.startsWith('claude-')) return model;
  const name = canonical.slice('claude-'.length);
  const versionFirst = /^(\d+(?:-\d+)?)-([a-z]+)$/.exec(name);
  return versionFirst === null ? name : `${versionFirst[2]}-${versionFirst[1]}`;
}

/** Model names joined to fit `width` characters: `opus-4-6, sonnet-4-5` or `opus-4-6 +2`. */
export function summarizeModels(models: string[], width: number): string {
  const names = [...new Set(models.map(shortModelName))];
  const joined = names.join(', ');
  if (joined.length <= width) return joined;
  for (let shown = names.length - 1; shown >= 1; shown--) {
    const text = `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
    if (text.length <= width) return text;
  }
  const first = names[0] ?? '';
  return `${first.slice(0, Math.max(width - 1, 1))}…`;
}
