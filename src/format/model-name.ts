import { shortModelName } from '../pricing/match.js';
import { printable } from './printable.js';

/** Model names joined to fit `width` characters: `opus-4-6, sonnet-4-5` or `opus-4-6 +2`. */
export function summarizeModels(models: string[], width: number): string {
  const names = [...new Set(models.map((model) => printable(shortModelName(model))))];
  const joined = names.join(', ');
  if (joined.length <= width) return joined;
  for (let shown = names.length - 1; shown >= 1; shown--) {
    const text = `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
    if (text.length <= width) return text;
  }
  const first = names[0] ?? '';
  return `${first.slice(0, Math.max(width - 1, 1))}…`;
}
