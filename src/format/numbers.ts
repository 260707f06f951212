// Made on first use: setting up Intl costs ~20 ms at start, and JSON output never needs them.
let integer: Intl.NumberFormat | undefined;
let dollars: Intl.NumberFormat | undefined;

/** `1234567` -> `1,234,567`. */
export function formatInteger(value: number): string {
  integer ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return integer.format(value);
}

/** `524288000` -> `500 MiB`; `1572864` -> `1.5 MiB`; `2048` -> `2 KiB`; `0` -> `0 KiB`. */
export function formatBytes(bytes: number): string {
  const mib = bytes / 1048576;
  if (mib < 1) return `${formatInteger(Math.ceil(bytes / 1024))} KiB`;
  if (mib < 10) return `${(Math.round(mib * 10) / 10).toFixed(1)} MiB`;
  return `${formatInteger(Math.round(mib))} MiB`;
}

/** `1234.5` -> `$1,234.50`; a non-zero amount under half a cent -> `<$0.01`. */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.005) return '<$0.01';
  dollars ??= new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return dollars.format(value);
}

/** A cost that leaves out requests of unpriced models is a lower bound: `$12.34+`. */
export function formatCost(value: number, partial: boolean): string {
  return partial ? `${formatUsd(value)}+` : formatUsd(value);
}

/** Rounds a cost for machine output, dropping float noise without losing a millionth. */
export function roundCost(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

const BAR_EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

/** A horizontal bar `fraction` (0..1) of `width` cells long, to an eighth of a cell. */
export function renderBar(fraction: number, width: number): string {
  const eighths = Math.round(Math.min(Math.max(fraction, 0), 1) * width * 8);
  return '█'.repeat(Math.floor(eighths / 8)) + BAR_EIGHTHS[eighths % 8];
}

/** `1 session`, `2 sessions`, `1,234 requests`. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatInteger(count)} ${count === 1 ? singular : plural}`;
}
