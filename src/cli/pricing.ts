import os from 'node:os';
import { Command, Option } from 'commander';
import { cacheDir } from '../config/paths.js';
import { ExitCode, UsageError } from '../errors.js';
import { palette, useColor } from '../format/color.js';
import {
  periodJson,
  renderPriceChanges,
  renderPriceDiff,
  renderPriceList,
  renderResolution,
} from '../format/pricing.js';
import { terminalSafe } from '../format/printable.js';
import type { PriceBook } from '../pricing/book.js';
import { periodOn, priceChanges } from '../pricing/changes.js';
import { LITELLM_URL } from '../pricing/fetch.js';
import { pacificDay } from '../pricing/pacific.js';
import { cachedPricesFile, readCachedPrices, shippedPrices } from '../pricing/sources.js';
import type { PriceUpdate } from '../pricing/update.js';
import { parseDayArgument } from '../report/range.js';
import { loadPriceBook } from './prices.js';
import { configOption, jsonOption } from './shared-options.js';
import { outputWidth } from './terminal.js';

interface PricingOptions {
  json?: boolean;
  config?: string;
  all?: boolean;
  color?: boolean;
  at?: string;
  changes?: boolean;
  since?: string;
}

function print(text: string): void {
  process.stdout.write(`${terminalSafe(text)}\n`);
}

function tableInfo(book: PriceBook) {
  return {
    source: book.prices.source,
    retrievedAt: book.prices.retrievedAt,
    origin: book.prices.origin,
  };
}

function colorPalette(options: PricingOptions) {
  return palette(
    useColor({ flag: options.color, env: process.env, isTTY: process.stdout.isTTY === true }),
  );
}

function showModel(book: PriceBook, model: string, day: string, options: PricingOptions): void {
  const resolution = book.resolve(model);
  if (resolution === null) process.exitCode = ExitCode.failure;
  if (!options.json) {
    print(renderResolution(model, resolution, book.configFile, day));
    return;
  }
  const inForce = resolution === null ? null : periodOn(resolution.prices, day);
  print(
    JSON.stringify(
      resolution === null
        ? { model, priced: false, configFile: book.configFile }
        : {
            model,
            priced: true,
            entry: resolution.entry,
            source: resolution.source,
            origin: resolution.prices.origin,
            exact: resolution.exact,
            alias: resolution.alias,
            aliases: resolution.prices.aliases,
            released: resolution.prices.released,
            retired: resolution.prices.retired,
            at: day,
            periods: resolution.prices.periods.map((period) =>
              periodJson(period, period === inForce),
            ),
            table: tableInfo(book),
          },
      null,
      2,
    ),
  );
}

function showChanges(book: PriceBook, since: string | null, options: PricingOptions): void {
  const changes = priceChanges(book.prices.models, since);
  if (options.json) {
    print(JSON.stringify({ since, changes, table: tableInfo(book) }, null, 2));
    return;
  }
  print(
    renderPriceChanges(
      changes,
      since,
      colorPalette(options),
      outputWidth(process.stdout, process.env),
    ),
  );
}

function showList(book: PriceBook, day: string, options: PricingOptions): void {
  // A model released after the day had no price then.
  const rows = book.list(options.all === true).flatMap((row) => {
    const period = periodOn(row.prices, day);
    const released = row.prices.released === null || row.prices.released <= day;
    return period === null || !released ? [] : [{ row, period }];
  });
  if (options.json) {
    const models = rows.map(({ row, period }) => ({
      model: row.model,
      note: row.note,
      origin: row.prices.origin,
      periods: row.prices.periods.length,
      ...periodJson(period, true),
    }));
    print(
      JSON.stringify(
        { at: day, table: tableInfo(book), configFile: book.configFile, models },
        null,
        2,
      ),
    );
    return;
  }
  print(
    renderPriceList(
      rows,
      book.prices,
      day,
      colorPalette(options),
      outputWidth(process.stdout, process.env),
    ),
  );
}

async function showPrices(model: string | undefined, options: PricingOptions): Promise<void> {
  // Periods are dated in US Pacific time, so "today" is the Pacific day.
  const today = pacificDay(Date.now());
  const day = options.at === undefined ? today : parseDayArgument('--at', options.at, today);
  if (options.since !== undefined && !options.changes) {
    throw new UsageError('--since goes with --changes', ExitCode.usage);
  }
  if (options.changes && model !== undefined) {
    throw new UsageError('--changes lists every model; leave out the model', ExitCode.usage);
  }
  const book = await loadPriceBook(options.config);
  if (options.changes) {
    const since =
      options.since === undefined ? null : parseDayArgument('--since', options.since, today);
    showChanges(book, since, options);
  } else if (model !== undefined) {
    showModel(book, model, day, options);
  } else {
    showList(book, day, options);
  }
}

async function updatePrices(options: PricingOptions & { url: string }): Promise<void> {
  const book = await loadPriceBook(options.config);
  const cacheFile = cachedPricesFile(cacheDir(process.env, os.homedir()));
  let update: PriceUpdate;
  try {
    // The update checks the table with zod, which only this command needs.
    const { updateCachedPrices } = await import('../pricing/update.js');
    update = await updateCachedPrices({
      url: options.url,
      cacheFile,
      shipped: shippedPrices(),
      previous: (await readCachedPrices(cacheFile)).table,
      current: book.prices,
      now: new Date(),
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    throw new UsageError(
      `${error.message}; still using the prices of ${book.prices.retrievedAt.slice(0, 10)}`,
      error.exitCode,
    );
  }
  const count = Object.keys(update.cached.models).length;
  if (options.json) {
    print(JSON.stringify({ source: options.url, models: count, ...update.diff }, null, 2));
  } else {
    print(renderPriceDiff(update.diff, count, options.url));
  }
}

export function pricingCommand(): Command {
  const pricing = new Command('pricing')
    .description('the prices in use, how one model id is priced, or the dated price changes')
    .argument('[model]', 'a model id as it appears in the logs: every price period of it')
    .option('--at <date>', 'the day whose prices to show or mark (default: today, US Pacific)')
    .option('--changes', 'list the dated price changes of every model')
    .addOption(new Option('--since <date>', 'with --changes: from this day on'))
    .addOption(jsonOption('print as JSON'))
    .addOption(configOption())
    .option('-a, --all', 'list provider ids (Bedrock, Vertex, ...) too')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output')
    .action((model: string | undefined, options: PricingOptions) => showPrices(model, options));
  pricing
    .command('update')
    .description(
      "fetch LiteLLM's current prices into your cache: new models and spellings (the only command that uses the network)",
    )
    .option('--url <url>', 'where to fetch the LiteLLM table from', LITELLM_URL)
    .addOption(jsonOption('print the changes as JSON'))
    .addOption(configOption())
    .action((options: PricingOptions & { url: string }) => updatePrices(options));
  return pricing;
}
