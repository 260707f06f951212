import type { Command } from 'commander';
import { ExitCode, UsageError } from '../errors.js';

/** Edit distance of two short words (commands): insertions, deletions, substitutions. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/**
 * The commands a word is closest to (within 2 edits of the name or an alias, or the start of
 * one), best first, by their names.
 */
export function closestCommands(
  word: string,
  commands: { name: string; aliases: string[] }[],
): string[] {
  const score = (name: string) => (name.startsWith(word) ? 0 : distance(word, name));
  return commands
    .map((command) => ({
      name: command.name,
      score: Math.min(...[command.name, ...command.aliases].map(score)),
    }))
    .filter(({ score }) => score <= 2)
    .sort((a, b) => a.score - b.score || a.name.localeCompare(b.name))
    .map(({ name }) => name);
}

/** Every flag that takes a value (`--since`, `-s`), over all the program's commands. */
function flagsWithValues(program: Command): Set<string> {
  const flags = new Set<string>();
  const visit = (command: Command) => {
    for (const option of command.options) {
      if (!option.required && !option.optional) continue;
      if (option.long) flags.add(option.long);
      if (option.short) flags.add(option.short);
    }
    for (const sub of command.commands) visit(sub);
  };
  visit(program);
  return flags;
}

/**
 * The arguments with the command first, so shared options may come before it
 * (`usage --json models` is `usage models --json`). The first word that is not an option or
 * an option's value names the command; a word that names none is a usage error with the
 * closest commands, rather than an argument the default report does not take.
 */
export function commandFirst(args: string[], program: Command): string[] {
  const withValue = flagsWithValues(program);
  let at = -1;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    if (arg === '--') break;
    if (arg.startsWith('-') && arg !== '-') {
      if (!arg.includes('=') && withValue.has(arg)) i++;
      continue;
    }
    at = i;
    break;
  }
  if (at === -1) return args;
  const word = args[at] ?? '';
  const commands = [
    ...program.commands.map((command) => ({ name: command.name(), aliases: command.aliases() })),
    { name: 'help', aliases: [] },
  ];
  if (!commands.some(({ name, aliases }) => name === word || aliases.includes(word))) {
    const close = closestCommands(word, commands);
    const hint =
      close.length === 0
        ? ''
        : `; did you mean ${close
            .slice(0, 3)
            .map((n) => `'${n}'`)
            .join(' or ')}?`;
    throw new UsageError(
      `unknown command '${word}'${hint} (usage --help lists the commands)`,
      ExitCode.usage,
    );
  }
  return at === 0 ? args : [word, ...args.slice(0, at), ...args.slice(at + 1)];
}
