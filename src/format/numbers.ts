// Numbers as Intl.NumberFormat('en-US') writes them, by hand: setting up Intl's currency
// format alone took 29 ms of a 220 ms status line. Intl rounds the shortest decimal that reads
// back as the number (what String(n) gives), half away from zero; so does `decimal`. The tests
// hold both to Intl on random and on halfway values.

/**
 * `12345.678` to 2 places -> sign '', whole '12,345', fraction '68'; null where String(n)
 * writes the number with an exponent.
 */
function decimal(
  value: number,
  places: number,
): { sign: string; whole: string; fraction: string } | null {
  const text = String(Math.abs(value));
  if (text.includes('e')) return null;
  const [integerPart = '0', fractionPart = ''] = text.split('.');
  let digits = integerPart + fractionPart.padEnd(places, '0').slice(0, places);
  if ((fractionPart.charCodeAt(places) || 0) >= 0x35) {
    // Round up: add one to the last digit, carrying.
    const list = [...digits];
    let i = list.length - 1;
    while (i >= 0 && list[i] === '9') list[i--] = '0';
    if (i < 0) list.unshift('1');
    else list[i] = String(Number(list[i]) + 1);
    digits = list.join('');
  }
  const whole = digits.slice(0, digits.length - places) || '0';
  const fraction = digits.slice(digits.length - places);
  const zero = /^0*$/.test(whole + fraction);
  return {
    sign: value < 0 && !zero ? '-' : '',
    whole: whole.replace(/\B(?=(\d{3})+$)/g, ','),
    fraction,
  };
}

let integerFallback: Intl.NumberFormat | undefined;
let dollarsFallback: Intl.NumberFormat | undefined;

/** `1234567` -> `1,234,567`. */
export function formatInteger(value: number): string {
  const parts = decimal(value, 0);
  if (parts !== null) return `${parts.sign}${parts.whole}`;
  integerFallback ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  return integerFallback.format(value);
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
  const parts = decimal(value, 2);
  if (parts !== null) return `${parts.sign}$${parts.whole}.${parts.fraction}`;
  dollarsFallback ??= new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return dollarsFallback.format(value);
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
