import type { PriceRow, Resolution } from '../pricing/book.js';
import { type FieldChange, type PriceChange, periodOn } from '../pricing/changes.js';
import type { TableDiff } from '../pricing/diff.js';
import type { PriceTable } from '../pricing/sources.js';
import type { FastPrice, ModelPrices, PricePeriod, PriceTier, Rates } from '../pricing/table.js';
import { addDays } from '../report/calendar.js';
import type { Palette } from './color.js';
import { formatInteger } from './numbers.js';
import { printable } from './printable.js';
import { shorten } from './rollup-table.js';
import { newTable } from './table.js';
import { wrapText } from './wrap.js';

/** `3` per million -> `$3.00`; up to 4 decimals where a price needs them. */
export function formatPerMillion(perMillion: number): string {
  const value = Math.round(perMillion * 1e4) / 1e4;
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

const ORIGIN_NAMES: Record<ModelPrices['origin'], string> = {
  anthropic: "Anthropic's dated prices",
  litellm: "LiteLLM's table",
  config: 'your config',
};

export function describeTable(prices: PriceTable): string {
  const where =
    prices.origin === 'cache'
      ? `with the models of usage pricing update (${prices.file})`
      : 'shipped with usage';
  return `${prices.source}, of ${prices.retrievedAt.slice(0, 10)}; ${where}`;
}

/** The first and last day of a period, both included: `2026-02-07 to 2026-02-16`. */
function periodLabel(period: Pick<PricePeriod, 'from' | 'until'>, released: string | null): string {
  const from = period.from ?? (released === null ? 'release' : `${released} (release)`);
  const to = period.until === null ? 'now' : addDays(period.until, -1);
  return `${from} to ${to}`;
}

function ratesJson(rates: Rates) {
  return {
    input: rates.input,
    output: rates.output,
    cacheWrite5m: rates.cacheWrite5m,
    cacheWrite1h: rates.cacheWrite1h,
    cacheRead: rates.cacheRead,
  };
}

function tierJson(tier: PriceTier) {
  return { abovePromptTokens: tier.abovePromptTokens, perMillionTokens: ratesJson(tier) };
}

function fastJson(fast: FastPrice | null) {
  if (fast === null) return null;
  return {
    multiplier: fast.multiplier,
    perMillionTokens: ratesJson(fast),
    tiers: fast.tiers.map(tierJson),
  };
}

/** A period for `--json`: per million tokens, as people read prices. */
export function periodJson(period: PricePeriod, inForce: boolean) {
  return {
    from: period.from,
    until: period.until,
    inForce,
    perMillionTokens: ratesJson(period),
    tiers: period.tiers.map(tierJson),
    fast: fastJson(period.fast),
    geoUsMultiplier: period.geoUsMultiplier,
    webSearchPer1000: period.webSearchPer1000,
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

const HEAD = ['Model', 'Input', 'Output', '5m', '1h', 'Read', 'Tier', 'Fast', 'US'];
const MIN_NAME_WIDTH = 16;

function thousands(tokens: number): string {
  return tokens % 1000 === 0 ? `${tokens / 1000}k` : formatInteger(tokens);
}

/**
 * The prices in force on `day`, per million tokens, one model a row; prose wrapped to
 * `width`. A model without a period on that day is left out.
 */
export function renderPriceList(
  rows: { row: PriceRow; period: PricePeriod }[],
  prices: PriceTable,
  day: string,
  p: Palette,
  width: number,
): string {
  const table = newTable({
    head: HEAD.map(p.heading),
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'left', 'right', 'right'],
    chars: NO_BORDERS,
    style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0 },
  });
  const cells = rows.map(({ row, period }) => {
    const name = printable(row.note === '' ? row.model : `${row.model} (${row.note})`);
    return [
      row.prices.periods.length > 1 ? `${name} *` : name,
      formatPerMillion(period.input),
      formatPerMillion(period.output),
      formatPerMillion(period.cacheWrite5m),
      formatPerMillion(period.cacheWrite1h),
      formatPerMillion(period.cacheRead),
      period.tiers.map((tier) => `>${thousands(tier.abovePromptTokens)}`).join(' '),
      period.fast === null ? '' : `${period.fast.multiplier}x`,
      period.geoUsMultiplier === null ? '' : `${period.geoUsMultiplier}x`,
    ];
  });
  // The model column gives way when the figures would not fit: names are cut, never figures.
  const figuresWidth = HEAD.slice(1).reduce(
    (sum, head, i) => sum + 1 + Math.max(head.length, ...cells.map((c) => c[i + 1]?.length ?? 0)),
    0,
  );
  const nameWidth = Math.max(MIN_NAME_WIDTH, width - figuresWidth);
  for (const row of cells) table.push([shorten(row[0] ?? '', nameWidth), ...row.slice(1)]);
  const notes = [
    '5m, 1h: cache writes of 5 minutes and 1 hour. Read: cache reads. Tier: the whole request costs more once its prompt passes that many tokens. Fast: fast mode. US: inference_geo "us".',
    '*: the price changed over time; usage pricing <model> lists every period, usage pricing --changes every change.',
  ];
  const body = table
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
  return [
    p.heading(`Prices in force on ${day} (US Pacific), USD per million tokens`),
    p.muted(wrapText(`From ${describeTable(prices)}.`, width)),
    body,
    ...notes.map((note) => p.muted(wrapText(note, width))),
  ].join('\n');
}

function describeTier(tier: PriceTier, what: string): string {
  return `${what} over ${formatInteger(tier.abovePromptTokens)} tokens, whole request: ${describeRates(tier)}`;
}

function describePeriod(period: PricePeriod): string[] {
  const lines = [`per million tokens: ${describeRates(period)}`];
  for (const tier of period.tiers) lines.push(describeTier(tier, 'prompt'));
  if (period.fast === null) {
    lines.push('fast mode: none, a fast request is billed at the standard prices');
  } else {
    lines.push(`fast mode (${period.fast.multiplier}x): ${describeRates(period.fast)}`);
    for (const tier of period.fast.tiers) lines.push(describeTier(tier, 'fast, prompt'));
  }
  lines.push(
    period.geoUsMultiplier === null
      ? 'inference_geo "us": no surcharge'
      : `inference_geo "us": ${period.geoUsMultiplier}x on every token`,
  );
  lines.push(`web search: $${period.webSearchPer1000} per 1,000 searches`);
  return lines;
}

/** How one model id is priced: where the price comes from, then every period, the one in force on `day` marked. */
export function renderResolution(
  model: string,
  resolution: Resolution | null,
  configFile: string,
  day: string,
): string {
  if (resolution === null) {
    return [
      `${model}: no price known.`,
      'If it is a new Claude model, usage pricing update (online) may know it. Or add a price to',
      `${configFile}, in USD per million tokens:`,
      `  { "prices": { "${model}": { "input": 3, "output": 15 } } }`,
      `or bill it as a known model: { "aliases": { "${model}": "claude-sonnet-4-5" } }`,
    ].join('\n');
  }
  const { prices } = resolution;
  const how = resolution.exact ? 'the same id' : 'another spelling of the same model';
  const from =
    resolution.source === 'config'
      ? `your config (${configFile})`
      : `the price table (${ORIGIN_NAMES[prices.origin]})`;
  const lines = [printable(model)];
  if (resolution.alias !== null) lines.push(`  alias of ${printable(resolution.alias)} (config)`);
  lines.push(`  priced as ${resolution.entry} (${how}) from ${from}`);
  if (prices.aliases.length > 0) lines.push(`  also written ${prices.aliases.join(', ')}`);
  if (prices.released !== null) lines.push(`  released ${prices.released}`);
  if (prices.retired !== null) {
    lines.push(
      `  retired from Anthropic's API ${prices.retired} (other clouds may still serve it)`,
    );
  }
  lines.push(
    `  ${prices.periods.length === 1 ? 'One price' : `${prices.periods.length} price periods`}; a period starts at 00:00 US Pacific time on its first day.`,
  );
  const current = periodOn(prices, day);
  for (const period of prices.periods) {
    const inForce = period === current;
    lines.push('');
    lines.push(
      `${inForce ? '> ' : '  '}${periodLabel(period, prices.released)}${inForce ? `   in force on ${day}` : ''}`,
    );
    for (const line of describePeriod(period)) lines.push(`    ${line}`);
  }
  return lines.join('\n');
}

const FIELD_NAMES: Record<string, string> = {
  input: 'input',
  output: 'output',
  cacheWrite5m: 'cache write 5m',
  cacheWrite1h: 'cache write 1h',
  cacheRead: 'cache read',
  multiplier: 'multiple',
  geoUsMultiplier: 'inference_geo "us" multiple',
  webSearchPer1000: 'web search per 1,000',
};

function groupName(group: string): string {
  const parts = group.split('.');
  const names = parts.map((part) => {
    const above = /^above(\d+)$/.exec(part);
    return above === null ? 'fast mode' : `prompts over ${formatInteger(Number(above[1]))} tokens`;
  });
  return names.join(', ');
}

function figure(field: string, value: number): string {
  return field === 'multiplier' || field === 'geoUsMultiplier'
    ? `${value}x`
    : field === 'webSearchPer1000'
      ? `$${value}`
      : formatPerMillion(value);
}

/**
 * What a change did, in words: `cache read $0.20 -> $0.10`, `fast mode ended (...)`,
 * `prompts over 200,000 tokens: no longer billed higher`.
 */
export function describeFieldChanges(fields: FieldChange[]): string[] {
  const groups = new Map<string, FieldChange[]>();
  for (const change of fields) {
    const cut = change.field.lastIndexOf('.');
    const group = cut === -1 ? '' : change.field.slice(0, cut);
    const name = cut === -1 ? change.field : change.field.slice(cut + 1);
    groups.set(group, [...(groups.get(group) ?? []), { ...change, field: name }]);
  }
  const sentences: string[] = [];
  for (const [group, changes] of groups) {
    const named = (c: FieldChange, value: number) =>
      `${FIELD_NAMES[c.field] ?? c.field} ${figure(c.field, value)}`;
    if (group === '') {
      for (const c of changes) {
        const name = FIELD_NAMES[c.field] ?? c.field;
        const show = (value: number | null) => (value === null ? 'none' : figure(c.field, value));
        sentences.push(`${name} ${show(c.before)} -> ${show(c.after)}`);
      }
    } else if (changes.every((c) => c.before === null)) {
      sentences.push(
        `${groupName(group)} from now: ${changes.map((c) => named(c, c.after ?? 0)).join(', ')}`,
      );
    } else if (changes.every((c) => c.after === null)) {
      sentences.push(
        group === 'fast'
          ? 'fast mode ended: a fast request is billed at the standard prices'
          : `${groupName(group)}: no longer billed higher`,
      );
    } else {
      const list = changes.map(
        (c) =>
          `${FIELD_NAMES[c.field] ?? c.field} ${c.before === null ? 'none' : figure(c.field, c.before)} -> ${c.after === null ? 'none' : figure(c.field, c.after)}`,
      );
      sentences.push(`${groupName(group)}: ${list.join(', ')}`);
    }
  }
  return sentences;
}

/** The dated price changes, one block a day and model. */
export function renderPriceChanges(
  changes: PriceChange[],
  since: string | null,
  p: Palette,
  width: number,
): string {
  const title = since === null ? 'Price changes' : `Price changes since ${since}`;
  if (changes.length === 0) return [p.heading(title), 'None.'].join('\n');
  const lines = [
    p.heading(`${title} (dates are US Pacific; a change applies from 00:00 that day)`),
  ];
  for (const change of changes) {
    lines.push(`${change.date}  ${change.model}`);
    for (const sentence of describeFieldChanges(change.fields)) {
      const wrapped = wrapText(`- ${sentence}`, width - 2).split('\n');
      lines.push(...wrapped.map((line) => `  ${line}`));
    }
  }
  return lines.join('\n');
}

/** What `usage pricing update` changed. */
export function renderPriceDiff(diff: TableDiff, count: number, source: string): string {
  const lines = [`Read ${count} Claude prices from ${source}.`];
  if (diff.added.length + diff.spellings.length + diff.changed.length === 0) {
    lines.push('Nothing new: the prices in use stay as they were.');
  }
  if (diff.added.length > 0) lines.push(`New models: ${diff.added.join(', ')}`);
  for (const { model, alias } of diff.spellings) lines.push(`New spelling: ${alias} = ${model}`);
  if (diff.changed.length > 0)
    lines.push(`Changed (LiteLLM-only models): ${diff.changed.join(', ')}`);
  lines.push(
    "Anthropic's dated prices are kept as shipped; an update adds models and spellings only.",
  );
  return lines.join('\n');
}
