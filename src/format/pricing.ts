import Table from 'cli-table3';
import type { PriceRow, Resolution } from '../pricing/book.js';
import type { PriceDiff } from '../pricing/diff.js';
import type { ModelPrice, Rates } from '../pricing/snapshot.js';
import type { PriceTable } from '../pricing/sources.js';
import type { Palette } from './color.js';
import { wrapText } from './wrap.js';

/** `3e-6` per token -> `$3.00` per million; up to 4 decimals where a price needs them. */
export function formatPerMillion(perToken: number): string {
  const value = Math.round(perToken * 1e6 * 1e4) / 1e4;
  const decimals = Number.isInteger(value * 100) ? 2 : Number.isInteger(value * 1000) ? 3 : 4;
  return `$${value.toFixed(decimals)}`;
}

export function describeRates(rates: Rates): string {
  return (
    `input ${formatPerMillion(rates.input)}, output ${formatPerMillion(rates.output)}, ` +
    `cache write 5m ${formatPerMillion(rates.cacheWrite5m)}, 1h ${formatPerMillion(rates.cacheWrite1h)}, ` +
    `cache read ${formatPerMillion(rates.cacheRead)}`
  );
}

export function describeTable(prices: PriceTable): string {
  const where =
    prices.origin === 'cache'
      ? `cached by usage pricing update (${prices.file})`
      : 'the snapshot shipped with usage';
  return `${prices.source}, retrieved ${prices.retrievedAt.slice(0, 10)}; ${where}`;
}

function perMillion(rates: Rates) {
  const scale = (perToken: number) => Math.round(perToken * 1e12) / 1e6;
  return {
    input: scale(rates.input),
    output: scale(rates.output),
    cacheWrite5m: scale(rates.cacheWrite5m),
    cacheWrite1h: scale(rates.cacheWrite1h),
    cacheRead: scale(rates.cacheRead),
  };
}

/** A price for `--json`: per million tokens, as people read prices. */
export function priceJson(price: ModelPrice) {
  return {
    perMillionTokens: perMillion(price),
    above200kPerMillionTokens: price.above200k === undefined ? null : perMillion(price.above200k),
    fastMultiplier: price.fastMultiplier ?? null,
    validUntil: price.validUntil ?? null,
  };
}

const NO_BORDERS = {
  top: '',
  'top-mid': '',
  'top-left': '',
  'top-right': '',
  bottom: '',
  'bottom-mid': '',
  'bottom-left': '',
  'bottom-right': '',
  left: '',
  'left-mid': '',
  mid: '',
  'mid-mid': '',
  right: '',
  'right-mid': '',
  middle: ' ',
};

/** The prices in use, per million tokens, one model a row; prose wrapped to `width`. */
export function renderPriceList(
  rows: PriceRow[],
  prices: PriceTable,
  p: Palette,
  width: number,
): string {
  const table = new Table({
    head: ['Model', 'Input', 'Output', '5m write', '1h write', 'Read', '>200k', 'Fast'].map(
      p.heading,
    ),
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'right'],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  for (const { model, price, note } of rows) {
    const name = note === '' ? model : `${model} (${note})`;
    table.push([
      price.validUntil === undefined ? name : `${name} *`,
      formatPerMillion(price.input),
      formatPerMillion(price.output),
      formatPerMillion(price.cacheWrite5m),
      formatPerMillion(price.cacheWrite1h),
      formatPerMillion(price.cacheRead),
      price.above200k === undefined ? '' : 'yes',
      price.fastMultiplier === undefined ? '' : `${price.fastMultiplier}x`,
    ]);
  }
  const notes = [
    '>200k: the whole request costs more once its prompt passes 200,000 tokens (usage pricing <model> shows the rates).',
  ];
  if (rows.some((row) => row.price.validUntil !== undefined)) {
    notes.push(
      '*: a promotional price; later requests have no price until you set one in the config.',
    );
  }
  const body = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  return [
    p.heading('Prices in USD per million tokens'),
    p.muted(wrapText(`From ${describeTable(prices)}.`, width)),
    body,
    ...notes.map((note) => p.muted(wrapText(note, width))),
  ].join('\n');
}

/** How one model id is priced, step by step. */
export function renderResolution(
  model: string,
  resolution: Resolution | null,
  configFile: string,
): string {
  if (resolution === null) {
    return [
      `${model}: no price known.`,
      `Add one to ${configFile}, in USD per million tokens:`,
      `  { "prices": { "${model}": { "input": 3, "output": 15 } } }`,
      `or bill it as a known model: { "aliases": { "${model}": "claude-sonnet-4-5" } }`,
    ].join('\n');
  }
  const how = resolution.exact ? 'the same id' : 'another spelling of the same model';
  const from = resolution.source === 'config' ? `your config (${configFile})` : `the price table`;
  const lines = [`${model}`];
  if (resolution.alias !== null) lines.push(`  alias of ${resolution.alias} (config)`);
  lines.push(`  priced as ${resolution.entry} (${how}) from ${from}`);
  lines.push(`  per million tokens: ${describeRates(resolution.price)}`);
  if (resolution.price.above200k !== undefined) {
    lines.push(
      `  prompt over 200,000 tokens, whole request: ${describeRates(resolution.price.above200k)}`,
    );
  } else {
    lines.push('  no long-context rates: every request at the rates above');
  }
  if (resolution.price.fastMultiplier !== undefined) {
    lines.push(`  fast mode: ${resolution.price.fastMultiplier}x the request's cost`);
  }
  if (resolution.price.validUntil !== undefined) {
    lines.push(
      `  promotional price through ${resolution.price.validUntil}; later requests have no price`,
    );
  }
  return lines.join('\n');
}

function value(field: string, v: number | string | null): string {
  if (v === null) return 'none';
  if (typeof v === 'string' || field === 'fastMultiplier') return String(v);
  return formatPerMillion(v);
}

/** What `usage pricing update` changed. */
export function renderPriceDiff(diff: PriceDiff, count: number, source: string): string {
  const lines = [`Updated ${count} Claude prices from ${source}.`];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0) {
    lines.push('No price changed.');
  }
  if (diff.added.length > 0) lines.push(`New: ${diff.added.join(', ')}`);
  if (diff.removed.length > 0) lines.push(`Gone: ${diff.removed.join(', ')}`);
  for (const change of diff.changed) {
    const fields = change.fields.map(
      (f) => `${f.field} ${value(f.field, f.before)} -> ${value(f.field, f.after)}`,
    );
    lines.push(`Changed ${change.model}: ${fields.join(', ')}`);
  }
  return lines.join('\n');
}
