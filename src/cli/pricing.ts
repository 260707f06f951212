import os from 'node:os';
import { Command } from 'commander';
import { cacheDir } from '../config/paths.js';
import { ExitCode, UsageError } from '../errors.js';
import { palette, useColor } from '../format/color.js';
import {
  priceJson,
  renderPriceDiff,
  renderPriceList,
  renderResolution,
} from '../format/pricing.js';
import { LITELLM_URL } from '../pricing/fetch.js';
import { cachedPricesFile } from '../pricing/sources.js';
import type { PriceUpdate } from '../pricing/update.js';
import { loadPriceBook } from './prices.js';
import { configOption, jsonOption } from './shared-options.js';
import { outputWidth } from './terminal.js';

interface PricingOptions {
  json?: boolean;
  config?: string;
  all?: boolean;
  color?: boolean;
}

function print(text: string): void {
  process.stdout.write(`${text}\n`);
}

async function showPrices(model: string | undefined, options: PricingOptions): Promise<void> {
  const book = await loadPriceBook(options.config);
  const table = {
    source: book.prices.source,
    retrievedAt: book.prices.retrievedAt,
    origin: book.prices.origin,
  };
  if (model !== undefined) {
    const resolution = book.resolve(model);
    if (resolution === null) process.exitCode = ExitCode.failure;
    if (options.json) {
      print(
        JSON.stringify(
          resolution === null
            ? { model, priced: false, configFile: book.configFile }
            : {
                model,
                priced: true,
                entry: resolution.entry,
                source: resolution.source,
                exact: resolution.exact,
                alias: resolution.alias,
                ...priceJson(resolution.price),
                table,
              },
          null,
          2,
        ),
      );
    } else {
      print(renderResolution(model, resolution, book.configFile));
    }
    return;
  }
  const rows = book.list(options.all === true);
  if (options.json) {
    const models = rows.map((row) => ({
      model: row.model,
      note: row.note,
      ...priceJson(row.price),
    }));
    print(JSON.stringify({ table, configFile: book.configFile, models }, null, 2));
    return;
  }
  const color = useColor({
    flag: options.color,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  });
  print(
    renderPriceList(rows, book.prices, palette(color), outputWidth(process.stdout, process.env)),
  );
}

async function updatePrices(options: PricingOptions & { url: string }): Promise<void> {
  const book = await loadPriceBook(options.config);
  let update: PriceUpdate;
  try {
    // The update checks the table with zod, which only this command needs.
    const { updateCachedPrices } = await import('../pricing/update.js');
    update = await updateCachedPrices({
      url: options.url,
      cacheFile: cachedPricesFile(cacheDir(process.env, os.homedir())),
      current: book.prices,
      now: new Date(),
    });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    const kept = book.prices.origin === 'cache' ? 'cached' : 'shipped';
    throw new UsageError(
      `${error.message}; still using the ${kept} prices of ${book.prices.retrievedAt.slice(0, 10)}`,
      error.exitCode,
    );
  }
  const count = Object.keys(update.snapshot.models).length;
  if (options.json) {
    print(JSON.stringify({ source: options.url, models: count, ...update.diff }, null, 2));
  } else {
    print(renderPriceDiff(update.diff, count, options.url));
  }
}

export function pricingCommand(): Command {
  const pricing = new Command('pricing')
    .description('the prices in use, or how one model id is priced')
    .argument('[model]', 'a model id as it appears in the logs')
    .addOption(jsonOption('print as JSON'))
    .addOption(configOption())
    .option('-a, --all', 'list provider ids (Bedrock, Vertex, ...) too')
    .option('--color', 'colour the output even when it is not a terminal')
    .option('--no-color', 'never colour the output')
    .action((model: string | undefined, options: PricingOptions) => showPrices(model, options));
  pricing
    .command('update')
    .description(
      "fetch LiteLLM's current prices into your cache (the only command that uses the network)",
    )
    .option('--url <url>', 'where to fetch the LiteLLM table from', LITELLM_URL)
    .addOption(jsonOption('print the changes as JSON'))
    .addOption(configOption())
    .action((options: PricingOptions & { url: string }) => updatePrices(options));
  return pricing;
}
