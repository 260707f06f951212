/**
 * The zone a run's days are in: `--timezone`, else the system's. A system zone this Node does
 * not know (\`TZ=garbage\` makes Intl answer undefined) is UTC, said once on stderr.
 */
export function timeZoneOf(option: string | undefined): string {
  if (option !== undefined) return option;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone as string | undefined;
  if (zone !== undefined && zone !== '') return zone;
  if (!warned) {
    warned = true;
    process.stderr.write(
      `usage: the system time zone (TZ=${process.env.TZ ?? ''}) is unknown; using UTC (--timezone sets one)\n`,
    );
  }
  return 'UTC';
}

let warned = false;
